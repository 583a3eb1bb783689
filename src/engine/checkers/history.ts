/**
 * Shared helpers over client histories for every checker: picking out key-value operations, grouping
 * them by key, knowing which written value is older than which, and describing operations in plain words.
 */
import type { HistoryOperation, Value } from '../core/types';

export type KvOperation = HistoryOperation & { type: 'read' | 'write' | 'cas' };

/**
 * Stands for an initial value the checker is not told: each key is taken to start with whatever value it
 * is first seen to hold, provided no operation in the history wrote (or tried to write) that value. It
 * never mistakes a preloaded row for a phantom value; it cannot catch a phantom value read before any write.
 */
export const unknownInitialValue: unique symbol = Symbol('unknown initial value');
export type Initial = Value | typeof unknownInitialValue;

/** What each key holds before any write: one value (or unknownInitialValue) for every key, or a value per key (keys not listed hold null). */
export type InitialValues = Initial | ReadonlyMap<string, Value>;

export function initialValueOf(initial: InitialValues | undefined, key: string): Initial {
  if (initial instanceof Map) return initial.get(key) ?? null;
  return (initial as Initial | undefined) ?? null;
}

/** Every value some write or cas on the key wrote or tried to write, failed ones included. */
export function attemptedValues(ops: readonly KvOperation[]): Set<Value> {
  return new Set(ops.filter((op) => op.type !== 'read').map((op) => op.value));
}

/** Could the key have held `value` before any write? */
export function mayBeInitial(initial: Initial, attempted: ReadonlySet<Value>, value: Value): boolean {
  return initial === unknownInitialValue ? !attempted.has(value) : value === initial;
}

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

/** The value an acknowledged read returned or an acknowledged cas found; undefined for other operations. */
export function observedValue(op: KvOperation): Value | undefined {
  if (op.ok !== true) return undefined;
  if (op.type === 'read') return op.value;
  if (op.type === 'cas') return op.expected ?? null;
  return undefined;
}

/** What the history tells about when one value of a key came into existence. */
export interface WrittenValue {
  value: Value;
  /** Writes (and compare-and-sets) that may have written this value. Empty for the initial value unless rewritten. */
  writers: KvOperation[];
  /** Latest acknowledgement among the writers: -Infinity for the initial value, Infinity if a writer was never acknowledged. */
  lastAcknowledged: number;
  /** Earliest invocation among the writers: -Infinity when the value is (or may be) the key's initial value. */
  firstInvoked: number;
}

/** How many separate times the key came to hold this value (the initial value counts once). */
export function timesHeld(value: WrittenValue): number {
  return value.writers.length + (value.firstInvoked === -Infinity ? 1 : 0);
}

/**
 * Every value a key may have held, with its writers; `ops` are all the key's operations. Values are
 * compared with ===, so a workload that writes unique values gives one writer per value; repeated values
 * are handled by taking the least favourable writer.
 */
export function indexWrittenValues(ops: readonly KvOperation[], initial: Initial): Map<Value, WrittenValue> {
  const values = new Map<Value, WrittenValue>();
  const initialEntry = (value: Value) => ({
    value,
    writers: [],
    lastAcknowledged: -Infinity,
    firstInvoked: -Infinity,
  });
  if (initial !== unknownInitialValue) values.set(initial, initialEntry(initial));
  else {
    const attempted = attemptedValues(ops);
    for (const op of ops) {
      const seen = observedValue(op);
      if (seen !== undefined && !attempted.has(seen)) values.set(seen, initialEntry(seen));
    }
  }
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
