/**
 * Shared helpers over client histories for every checker: picking out key-value operations, grouping
 * them by key, knowing which written value is older than which, and describing operations in plain words.
 */
import type { HistoryOperation, Value } from '../core/types';

export type KvOperation = HistoryOperation & { type: 'read' | 'write' | 'cas' };

export function isKvOperation(op: HistoryOperation): op is KvOperation {
  return op.type === 'read' || op.type === 'write' || op.type === 'cas';
}

/** Key-value operations grouped by key, keys in sorted order, each group in history order. */
export function groupByKey(history: readonly HistoryOperation[]): Map<string, KvOperation[]> {
  const groups = new Map<string, KvOperation[]>();
  for (const op of history) {
    if (!isKvOperation(op)) continue;
    const group = groups.get(op.key);
    if (group) group.push(op);
    else groups.set(op.key, [op]);
  }
  return new Map([...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A write or compare-and-set that may have changed the key's value (acknowledged or indeterminate). */
export function mayHaveWritten(op: KvOperation): boolean {
  return op.type !== 'read' && op.ok !== false;
}

/** An acknowledged read: the value it returned is known. */
export function isKnownRead(op: KvOperation): boolean {
  return op.type === 'read' && op.ok === true;
}

/** What the history tells about when one value of a key came into existence. */
export interface WrittenValue {
  value: Value;
  /** Writes (and compare-and-sets) that may have written this value. Empty for the initial value unless rewritten. */
  writers: KvOperation[];
  /** Latest acknowledgement among the writers: -Infinity for the initial value, Infinity if a writer was never acknowledged. */
  lastAcknowledged: number;
  /** Earliest invocation among the writers: -Infinity when the value is the key's initial value. */
  firstInvoked: number;
}

/**
 * Every value a key may have held, with its writers. Values are compared with ===, so a workload that writes
 * unique values gives one writer per value; repeated values are handled by taking the least favourable writer.
 */
export function indexWrittenValues(
  ops: readonly KvOperation[],
  initialValue: Value,
): Map<Value, WrittenValue> {
  const values = new Map<Value, WrittenValue>();
  values.set(initialValue, {
    value: initialValue,
    writers: [],
    lastAcknowledged: -Infinity,
    firstInvoked: -Infinity,
  });
  for (const op of ops) {
    if (!mayHaveWritten(op)) continue;
    let entry = values.get(op.value);
    if (!entry) {
      entry = { value: op.value, writers: [], lastAcknowledged: -Infinity, firstInvoked: Infinity };
      values.set(op.value, entry);
    }
    entry.writers.push(op);
    const acknowledged = op.ok === true && op.complete !== null ? op.complete : Infinity;
    entry.lastAcknowledged = Math.max(entry.lastAcknowledged, acknowledged);
    entry.firstInvoked = Math.min(entry.firstInvoked, op.invoke);
  }
  return values;
}

/**
 * True when `older` was certainly overwritten in real time by a value whose first write began at
 * `newerFirstInvoked`: every write of `older` had been acknowledged before that write began, so whatever
 * order the database chose, `older` cannot come after it without time running backwards.
 */
export function certainlyOlder(older: WrittenValue, newerFirstInvoked: number): boolean {
  return older.lastAcknowledged < newerFirstInvoked;
}

export function formatValue(value: Value | undefined): string {
  if (value === null || value === undefined) return 'nothing';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

export function formatTime(ms: number | null): string {
  return ms === null || !Number.isFinite(ms) ? 'never' : `${ms} ms`;
}

/** "write 5 to x by c1 (100–380 ms)", "read of x by c2 returned 3 (400–412 ms)", with the outcome when not plain. */
export function describeOperation(op: HistoryOperation): string {
  const span = `${op.invoke}–${op.complete === null ? '…' : op.complete} ms`;
  const outcome = op.ok === true ? '' : op.ok === false ? ', failed' : ', outcome unknown';
  switch (op.type) {
    case 'read':
      return op.ok === true
        ? `read of ${op.key} by ${op.process} returned ${formatValue(op.value)} (${span})`
        : `read of ${op.key} by ${op.process} (${span}${outcome})`;
    case 'write':
      return `write ${formatValue(op.value)} to ${op.key} by ${op.process} (${span}${outcome})`;
    case 'cas':
      return `cas ${op.key} from ${formatValue(op.expected ?? null)} to ${formatValue(op.value)} by ${op.process} (${span}${outcome})`;
    default:
      return `${op.type} ${op.key} by ${op.process} (${span}${outcome})`;
  }
}
