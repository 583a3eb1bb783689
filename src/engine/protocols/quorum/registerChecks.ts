/**
 * History checks for a key-value register whose writes carry unique values, used by the quorum tests.
 * (The shared checkers in src/engine/checkers will replace these once they land.)
 *
 * - staleReads: a read is stale when some write completed before the read began, and the value the
 *   read returned was written by a write that had completed before that one began (or the read saw
 *   nothing at all). No ordering of the operations can explain such a read.
 * - linearizable: the Wing–Gong–Lowe search with memoization, per key, as Porcupine does it. Writes
 *   with an unknown outcome may be placed anywhere after their start, or left out.
 */
import type { HistoryOperation, Value } from '../../core/types';

export interface StaleRead {
  read: HistoryOperation;
  /** The write that had completed before the read began. */
  missed: HistoryOperation;
}

const happenedBefore = (a: HistoryOperation, b: HistoryOperation) => a.complete !== null && a.complete < b.invoke;

export function staleReads(history: readonly HistoryOperation[]): StaleRead[] {
  const found: StaleRead[] = [];
  const writes = history.filter((op) => op.type === 'write' && op.ok === true);
  for (const read of history) {
    if (read.type !== 'read' || read.ok !== true) continue;
    const source = history.find((op) => op.type === 'write' && op.key === read.key && op.value === read.value && read.value !== null);
    for (const write of writes) {
      if (write.key !== read.key || !happenedBefore(write, read)) continue;
      if (read.value === null || (source && happenedBefore(source, write))) {
        found.push({ read, missed: write });
        break;
      }
    }
  }
  return found;
}

export interface NewThenOld {
  newer: HistoryOperation;
  older: HistoryOperation;
  /** Returned `newer`'s value. */
  first: HistoryOperation;
  /** Began after `first` completed, yet returned `older`'s value. */
  second: HistoryOperation;
}

/**
 * The classic witness against linearizability in quorum systems: two reads, one after the other, where
 * the second returns an older value than the first. "Older" is forced by real time: the older value was
 * already written or read back before the newer write began, or its write completed before the first
 * read began (so it cannot be ordered after that read).
 */
export function newThenOldReads(history: readonly HistoryOperation[]): NewThenOld | null {
  const reads = history.filter((op) => op.type === 'read' && op.ok === true);
  const writeOf = (read: HistoryOperation) => history.find((op) => op.type === 'write' && op.key === read.key && op.value === read.value);
  const seenBefore = (older: HistoryOperation, newer: HistoryOperation) =>
    happenedBefore(older, newer) || reads.some((read) => read.value === older.value && read.key === older.key && happenedBefore(read, newer));
  for (const first of reads) {
    const newer = writeOf(first);
    if (!newer) continue;
    for (const second of reads) {
      if (second.key !== first.key || !happenedBefore(first, second)) continue;
      const older = writeOf(second);
      if (older && older !== newer && (seenBefore(older, newer) || happenedBefore(older, first))) return { newer, older, first, second };
    }
  }
  return null;
}

export interface LinearizabilityResult {
  ok: boolean;
  /** The first key with no valid linearization, and a sentence about it. */
  key: string | null;
  detail: string;
}

interface SearchOp {
  kind: 'read' | 'write';
  value: Value;
  /** Operations that must be linearized before this one (bit i = operation i). */
  predecessors: bigint;
  /** Writes with unknown outcome need not be linearized at all. */
  required: boolean;
}

function linearizableKey(ops: readonly HistoryOperation[]): boolean {
  const relevant = ops.filter((op) => (op.type === 'write' && op.ok !== false) || (op.type === 'read' && op.ok === true));
  // Same-process operations are sequential even when one completes in the ms the next begins.
  const precedes = (a: HistoryOperation, b: HistoryOperation) =>
    a !== b && a.complete !== null && (a.complete < b.invoke || (a.complete === b.invoke && a.process === b.process));
  const search: SearchOp[] = relevant.map((op) => ({
    kind: op.type === 'read' ? 'read' : 'write',
    value: op.value,
    predecessors: relevant.reduce((mask, other, i) => (precedes(other, op) ? mask | (1n << BigInt(i)) : mask), 0n),
    required: op.ok === true,
  }));
  const requiredCount = search.filter((op) => op.required).length;
  const visited = new Set<string>();
  const explore = (done: bigint, value: Value, requiredDone: number): boolean => {
    if (requiredDone === requiredCount) return true;
    const state = `${done}:${String(value)}`;
    if (visited.has(state)) return false;
    visited.add(state);
    for (let i = 0; i < search.length; i++) {
      const bit = 1n << BigInt(i);
      const op = search[i]!;
      if (done & bit || (op.predecessors & ~done) !== 0n) continue;
      if (op.kind === 'read' && op.value !== value) continue;
      const next = op.kind === 'write' ? op.value : value;
      if (explore(done | bit, next, requiredDone + (op.required ? 1 : 0))) return true;
    }
    return false;
  };
  return explore(0n, null, 0);
}

/** Checks every key of a register history (initial value null) for linearizability. */
export function linearizable(history: readonly HistoryOperation[]): LinearizabilityResult {
  const byKey = new Map<string, HistoryOperation[]>();
  for (const op of history) if (op.type === 'read' || op.type === 'write') byKey.set(op.key, [...(byKey.get(op.key) ?? []), op]);
  for (const [key, ops] of byKey) {
    if (!linearizableKey(ops)) return { ok: false, key, detail: `no order of the ${ops.length} operations on ${key} explains every read` };
  }
  return { ok: true, key: null, detail: `all ${byKey.size} keys linearizable` };
}
