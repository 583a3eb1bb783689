/**
 * What a transaction changes, shared by every transaction protocol: a client's 'transfer' or 'txn'
 * request becomes a list of key writes, and a node applies a write to its own copy of the key.
 *
 *   transfer  options { from: 'alice', to: 'bob', amount: 30 }   → alice −30 (needs the funds), bob +30
 *   txn       options { writes: { x: 1, y: 'hello' } }            → x := 1, y := 'hello'
 *   txn       key 'x', value 1 (no options)                      → x := 1
 */
import type { ClientRequest, Value } from '../../../core/types';

/** One change a transaction makes to one key. */
export type KeyWrite =
  | { key: string; kind: 'set'; value: Value }
  /** Adds `amount` (negative for a debit). With `floor`, the write fails if it would leave the key below it. */
  | { key: string; kind: 'add'; amount: number; floor?: number };
export type AddWrite = Extract<KeyWrite, { kind: 'add' }>;
export type SetWrite = Extract<KeyWrite, { kind: 'set' }>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** The amount moved by a transfer, and between which accounts. */
export interface Transfer {
  from: string;
  to: string;
  amount: number;
}

export function parseTransfer(request: ClientRequest): Parsed<Transfer> {
  const { from, to, amount } = request.options ?? {};
  if (typeof from !== 'string' || typeof to !== 'string') {
    return {
      ok: false,
      error: 'a transfer needs options { from, to, amount }, e.g. { from: "alice", to: "bob", amount: 30 }',
    };
  }
  if (from === to) return { ok: false, error: `a transfer needs two different accounts (got ${from} twice)` };
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0) {
    return { ok: false, error: `a transfer amount must be a positive number (got ${String(amount)})` };
  }
  return { ok: true, value: { from, to, amount } };
}

/** A debit that must not overdraw, then the matching credit. */
export function transferWrites({ from, to, amount }: Transfer): [debit: AddWrite, credit: AddWrite] {
  return [
    { key: from, kind: 'add', amount: -amount, floor: 0 },
    { key: to, kind: 'add', amount },
  ];
}

/** The writes a 'transfer' or 'txn' request asks for. */
export function requestWrites(request: ClientRequest): Parsed<KeyWrite[]> {
  if (request.op === 'transfer') {
    const transfer = parseTransfer(request);
    return transfer.ok ? { ok: true, value: transferWrites(transfer.value) } : transfer;
  }
  if (request.op === 'txn') {
    const writes =
      request.options?.writes ?? (request.value !== undefined ? { [request.key]: request.value } : undefined);
    if (
      typeof writes !== 'object' ||
      writes === null ||
      Array.isArray(writes) ||
      Object.keys(writes).length === 0
    ) {
      return {
        ok: false,
        error:
          'a txn needs a key and a value, or options { writes: { key: value, … } } with at least one key',
      };
    }
    const entries = Object.entries(writes as Record<string, unknown>);
    const bad = entries.find(
      ([, value]) => value !== null && typeof value !== 'number' && typeof value !== 'string',
    );
    if (bad) return { ok: false, error: `txn write ${bad[0]}: a value is a number, a string or null` };
    return { ok: true, value: entries.map(([key, value]) => ({ key, kind: 'set', value: value as Value })) };
  }
  return { ok: false, error: `unsupported operation "${request.op}" (expected transfer or txn)` };
}

/** The key's value after the write, or why the write cannot happen (e.g. insufficient funds). */
export function applyWrite(current: Value | undefined, write: KeyWrite): Parsed<Value> {
  if (write.kind === 'set') return { ok: true, value: write.value };
  const balance = current ?? 0;
  if (typeof balance !== 'number')
    return { ok: false, error: `${write.key} holds "${balance}", not a number` };
  const next = balance + write.amount;
  if (write.floor !== undefined && next < write.floor) {
    return { ok: false, error: `insufficient funds: ${write.key} has ${balance}, needs ${-write.amount}` };
  }
  return { ok: true, value: next };
}

/** Applies every write to `kv` if all of them can happen, else changes nothing and says why. */
export function applyAll(
  kv: Record<string, Value>,
  writes: readonly KeyWrite[],
): { ok: true } | { ok: false; error: string } {
  const next: Record<string, Value> = {};
  for (const write of writes) {
    const result = applyWrite(write.key in next ? next[write.key] : kv[write.key], write);
    if (!result.ok) return result;
    next[write.key] = result.value;
  }
  Object.assign(kv, next);
  return { ok: true };
}

/** The write that undoes an applied 'add' (a refund for a debit). It never fails: compensations must succeed. */
export function inverseOf(write: AddWrite): AddWrite {
  return { key: write.key, kind: 'add', amount: -write.amount };
}

export function describeWrite(write: KeyWrite): string {
  if (write.kind === 'set') return `${write.key} := ${String(write.value)}`;
  return `${write.key} ${write.amount < 0 ? '−' : '+'}${Math.abs(write.amount)}`;
}

/** The sum of the numbers among `values` (e.g. every balance in a store). */
export function sumOfNumbers(values: Iterable<Value>): number {
  let total = 0;
  for (const value of values) if (typeof value === 'number') total += value;
  return total;
}
