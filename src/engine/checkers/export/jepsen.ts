/**
 * A run's history as Jepsen writes history.edn, for Knossos (registers) and Elle (transactions) to read:
 * one operation map per line, `{:index 0, :time 120000000, :type :invoke, :process 0, :f :write, :value ["x" 3]}`.
 *
 * - Every operation appears twice: an :invoke at its start, then an :ok (it took effect), a :fail (it
 *   definitely did not) or an :info (nobody knows: it timed out, or had no reply when the run stopped).
 *   An operation that never had a reply gets its :info when its client moved on to its next operation
 *   (it had given up by then), or at the history's last instant. :time is simulated time in nanoseconds.
 * - Lines are in time order. At one instant, invocations come before completions (operations meeting at
 *   an instant are concurrent, as for our checker and Porcupine), except that a client's next invocation
 *   always follows its own previous completion: a Jepsen process does one thing at a time.
 * - :process numbers the clients from 0 in order of their first operation in the file. After an :info a client goes on
 *   under a fresh number, as Jepsen does after a crash, since its last operation may still be in flight.
 * - Reads, writes and compare-and-sets use Knossos's register operations on independent keys
 *   (jepsen.independent tuples, which print as [key value]): :read ["x" nil] then ["x" 3], :write ["x" 3],
 *   :cas ["x" [3 4]] (expected, new).
 * - A transaction the store recorded (src/engine/core/transactions.ts) is :f :txn with Elle's rw-register
 *   micro-ops, [[:r "x" 1] [:w "y" 2]]; in its :invoke the reads are nil. It is :fail when the store
 *   aborted it, :ok when it committed and the client heard so, and :info otherwise.
 * - Operations of other kinds (scans, transfers a store does not record as transactions) are left out.
 */
import type { Transaction, TransactionalHistory } from '../../core/transactions';
import type { HistoryOperation, Value } from '../../core/types';
import { isKvOperation } from '../history';
import { byInvoke, historyEndMs, nsPerMs, processNumbers } from './porcupine';

export interface EdnKeyword {
  keyword: string;
}
export type EdnValue = Value | boolean | EdnKeyword | readonly EdnValue[];

export type JepsenType = 'invoke' | 'ok' | 'fail' | 'info';

export interface JepsenOperation {
  index: number;
  /** Simulated ns. */
  time: number;
  type: JepsenType;
  process: number;
  f: string;
  value: EdnValue;
  error?: string;
}

const keyword = (name: string): EdnKeyword => ({ keyword: name });

/** What an operation's :invoke and its completion carry, or null when the format has no place for it. */
interface Shape {
  f: string;
  invoked: EdnValue;
  completed: EdnValue;
  type: Exclude<JepsenType, 'invoke'>;
}

function completionType(ok: boolean | null): Shape['type'] {
  return ok === true ? 'ok' : ok === false ? 'fail' : 'info';
}

function shapeOf(op: HistoryOperation, transaction: Transaction | undefined): Shape | null {
  if (transaction) {
    const microOps = (reads: boolean) =>
      transaction.ops.map((micro) =>
        micro.f === 'read'
          ? [keyword('r'), micro.key, reads ? micro.value : null]
          : [keyword('w'), micro.key, micro.value],
      );
    const type: Shape['type'] = transaction.status === 'aborted' ? 'fail' : op.ok === true ? 'ok' : 'info';
    return { f: 'txn', invoked: microOps(false), completed: microOps(type === 'ok'), type };
  }
  if (!isKvOperation(op)) return null;
  const type = completionType(op.ok);
  if (op.type === 'read') {
    return { f: 'read', invoked: [op.key, null], completed: [op.key, type === 'ok' ? op.value : null], type };
  }
  const value: EdnValue = op.type === 'cas' ? [op.expected ?? null, op.value] : op.value;
  return { f: op.type, invoked: [op.key, value], completed: [op.key, value], type };
}

interface Pending {
  op: HistoryOperation;
  shape: Shape;
  phase: 'invoke' | 'complete';
  time: number;
}

/**
 * Jepsen's operations for a history, in the order of a history.edn file. `transactions` is what the store
 * recorded, when it records transactions; their ids are history operation ids.
 */
export function toJepsen(
  history: readonly HistoryOperation[],
  transactions?: TransactionalHistory,
): { operations: JepsenOperation[]; leftOut: number } {
  const byId = new Map(transactions?.transactions.map((transaction) => [transaction.id, transaction]));
  const endMs = historyEndMs(history);
  const events: Pending[] = [];
  const exported: HistoryOperation[] = [];
  const sorted = [...history].sort(byInvoke);
  const giveUp = giveUpTimes(sorted, endMs);
  for (const op of sorted) {
    const shape = shapeOf(op, byId.get(op.id));
    if (!shape) continue;
    exported.push(op);
    events.push({ op, shape, phase: 'invoke', time: op.invoke });
    events.push({ op, shape, phase: 'complete', time: op.complete ?? giveUp.get(op.id)! });
  }
  const leftOut = history.length - exported.length;
  const operations: JepsenOperation[] = [];
  const numbers = processNumbers(exported);
  let nextNumber = numbers.size;
  const processOf = new Map(numbers);
  for (const event of inTimeOrder(events)) {
    const { op, shape } = event;
    const process = processOf.get(op.process)!;
    const time = event.time * nsPerMs;
    const base = { index: operations.length, time, process, f: shape.f };
    if (event.phase === 'invoke') {
      operations.push({ ...base, type: 'invoke', value: shape.invoked });
      continue;
    }
    const completion: JepsenOperation = { ...base, type: shape.type, value: shape.completed };
    if (shape.type !== 'ok') {
      const error = op.error ?? (op.complete === null ? 'no reply when the run stopped' : undefined);
      if (error !== undefined) completion.error = error;
    }
    operations.push(completion);
    if (shape.type === 'info') processOf.set(op.process, nextNumber++);
  }
  return { operations, leftOut };
}

/**
 * When each operation without a reply ends in the file: when its client moved on to its next operation
 * (the client gave up waiting by then), or at the history's last instant.
 */
function giveUpTimes(sorted: readonly HistoryOperation[], endMs: number): Map<number, number> {
  const times = new Map<number, number>();
  const waiting = new Map<string, HistoryOperation>();
  for (const op of sorted) {
    const previous = waiting.get(op.process);
    if (previous) times.set(previous.id, op.invoke);
    waiting.set(op.process, op);
  }
  for (const op of waiting.values()) times.set(op.id, endMs);
  return times;
}

/**
 * Events grouped by instant; within one, invocations first, except a client's invocation waits for its
 * own previous operation's completion at the same instant.
 */
function inTimeOrder(events: Pending[]): Pending[] {
  const byTime = new Map<number, Pending[]>();
  for (const event of events) {
    const group = byTime.get(event.time);
    if (group) group.push(event);
    else byTime.set(event.time, [event]);
  }
  const ordered: Pending[] = [];
  for (const time of [...byTime.keys()].sort((a, b) => a - b)) {
    const group = byTime.get(time)!;
    const completions = group.filter((event) => event.phase === 'complete').sort((a, b) => a.op.id - b.op.id);
    const completing = new Set(completions.map((event) => event.op.process));
    const invocations = group
      .filter((event) => event.phase === 'invoke')
      .sort((a, b) => byInvoke(a.op, b.op));
    ordered.push(...invocations.filter((event) => !completing.has(event.op.process)));
    for (const completion of completions) {
      ordered.push(completion);
      ordered.push(
        ...invocations.filter(
          (event) => event.op.process === completion.op.process && event.op.id > completion.op.id,
        ),
      );
    }
  }
  return ordered;
}

export function ednValue(value: EdnValue): string {
  if (value === null) return 'nil';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return ednString(value);
  if (Array.isArray(value)) return `[${value.map(ednValue).join(' ')}]`;
  return `:${(value as EdnKeyword).keyword}`;
}

function ednString(text: string): string {
  const named: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  let escaped = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    escaped += named[char] ?? (code < 0x20 ? `\\u${code.toString(16).padStart(4, '0')}` : char);
  }
  return `"${escaped}"`;
}

export function ednOperation(op: JepsenOperation): string {
  const fields = [
    `:index ${op.index}`,
    `:time ${op.time}`,
    `:type :${op.type}`,
    `:process ${op.process}`,
    `:f :${op.f}`,
    `:value ${ednValue(op.value)}`,
  ];
  if (op.error !== undefined) fields.push(`:error ${ednString(op.error)}`);
  return `{${fields.join(', ')}}`;
}

/** A history.edn file: `;` comment lines (EDN readers skip them), then one operation per line. */
export function jepsenEdn(operations: readonly JepsenOperation[], comments: readonly string[] = []): string {
  return [...comments.map((line) => `; ${line}`), ...operations.map(ednOperation)].join('\n') + '\n';
}
