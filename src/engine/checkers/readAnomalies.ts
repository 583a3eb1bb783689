/**
 * Read anomalies a single client can see, judged by the real-time order of writes:
 *
 * - stale read: a read returned a value although a newer write had been acknowledged before the read began;
 * - read-your-writes: a client read a value older than its own acknowledged write;
 * - monotonic reads: a client read a value older than one it had already read.
 *
 * "Older" is never guessed from the values themselves (a workload's increasing numbers say nothing about
 * the order the database applied them in). Value a is older than value b only when every write of a had
 * been acknowledged before any write of b began: then no correct database can order b before a. Values
 * whose writes overlap in time have no order, and reads of them are never reported. A database whose
 * conflict resolution contradicts real time (last-writer-wins on skewed clocks) is reported, because its
 * clients do see time run backwards.
 */
import type { HistoryOperation, Value } from '../core/types';
import {
  certainlyOlder,
  formatTime,
  formatValue,
  groupByKey,
  indexWrittenValues,
  initialValueOf,
  isKnownRead,
  type InitialValues,
  type KvOperation,
  type WrittenValue,
} from './history';

export interface ReadAnomaly {
  /** The read that returned the old value. */
  readId: number;
  /** The operation that proves it old: the newer write, or for monotonic reads the earlier read. */
  causeId: number;
  key: string;
  process: string;
  /** When the read returned. */
  at: number;
  explanation: string;
}

export interface ReadAnomalyOptions {
  /** What each key holds before any write: one value for all keys, one per key, or unknownInitialValue. Default null. */
  initialValue?: InitialValues;
}

type KeyScan = (key: string, ops: readonly KvOperation[], written: Map<Value, WrittenValue>) => ReadAnomaly[];

function scanKeys(
  history: readonly HistoryOperation[],
  options: ReadAnomalyOptions,
  scan: KeyScan,
): ReadAnomaly[] {
  const anomalies: ReadAnomaly[] = [];
  for (const [key, ops] of groupByKey(history)) {
    anomalies.push(...scan(key, ops, indexWrittenValues(ops, initialValueOf(options.initialValue, key))));
  }
  return anomalies.sort((a, b) => a.at - b.at || a.readId - b.readId);
}

function byProcess(ops: readonly KvOperation[]): KvOperation[][] {
  const groups = new Map<string, KvOperation[]>();
  for (const op of ops) {
    const group = groups.get(op.process);
    if (group) group.push(op);
    else groups.set(op.process, [op]);
  }
  return [...groups.values()].map((group) => group.sort((a, b) => a.invoke - b.invoke || a.id - b.id));
}

const isAcknowledgedWrite = (op: KvOperation) => op.type !== 'read' && op.ok === true;

/** Reads that returned a value older than a write acknowledged before the read was sent. */
export function findStaleReads(
  history: readonly HistoryOperation[],
  options: ReadAnomalyOptions = {},
): ReadAnomaly[] {
  return scanKeys(history, options, (key, ops, written) => {
    const writes = ops.filter(isAcknowledgedWrite).sort((a, b) => a.complete! - b.complete!);
    const reads = ops.filter(isKnownRead).sort((a, b) => a.invoke - b.invoke);
    const anomalies: ReadAnomaly[] = [];
    let next = 0;
    let newest: KvOperation | null = null; // the acknowledged write that began last, among those done so far
    for (const read of reads) {
      while (next < writes.length && writes[next]!.complete! < read.invoke) {
        const write = writes[next++]!;
        if (!newest || write.invoke > newest.invoke) newest = write;
      }
      const source = written.get(read.value);
      if (!newest || !source || !certainlyOlder(source, newest.invoke)) continue;
      anomalies.push({
        readId: read.id,
        causeId: newest.id,
        key,
        process: read.process,
        at: read.complete!,
        explanation: `read of ${key} by ${read.process} (sent at ${formatTime(read.invoke)}) returned ${formatValue(read.value)} at ${formatTime(read.complete)}, but ${formatValue(newest.value)} had already been written by ${newest.process} and acknowledged at ${formatTime(newest.complete)}`,
      });
    }
    return anomalies;
  });
}

/** Reads by a client that returned a value older than that client's own acknowledged write of the key. */
export function findReadYourWritesViolations(
  history: readonly HistoryOperation[],
  options: ReadAnomalyOptions = {},
): ReadAnomaly[] {
  return scanKeys(history, options, (key, ops, written) => {
    const anomalies: ReadAnomaly[] = [];
    for (const session of byProcess(ops)) {
      // A client's operations are sequential, so its writes earlier in the session finished before this read.
      let ownNewest: KvOperation | null = null;
      for (const op of session) {
        if (isAcknowledgedWrite(op)) ownNewest = op;
        if (!isKnownRead(op) || !ownNewest) continue;
        const source = written.get(op.value);
        if (!source || !certainlyOlder(source, ownNewest.invoke)) continue;
        anomalies.push({
          readId: op.id,
          causeId: ownNewest.id,
          key,
          process: op.process,
          at: op.complete!,
          explanation: `${op.process} wrote ${formatValue(ownNewest.value)} to ${key} (acknowledged at ${formatTime(ownNewest.complete)}), then read ${key} at ${formatTime(op.complete)} and got the older ${formatValue(op.value)}`,
        });
      }
    }
    return anomalies;
  });
}

/** Reads by a client that returned a value older than one the same client had already read. */
export function findMonotonicReadViolations(
  history: readonly HistoryOperation[],
  options: ReadAnomalyOptions = {},
): ReadAnomaly[] {
  return scanKeys(history, options, (key, ops, written) => {
    const anomalies: ReadAnomaly[] = [];
    for (const session of byProcess(ops)) {
      let newestRead: { read: KvOperation; source: WrittenValue } | null = null;
      for (const read of session) {
        if (!isKnownRead(read)) continue;
        const source = written.get(read.value);
        if (!source) continue;
        if (newestRead && certainlyOlder(source, newestRead.source.firstInvoked)) {
          anomalies.push({
            readId: read.id,
            causeId: newestRead.read.id,
            key,
            process: read.process,
            at: read.complete!,
            explanation: `${read.process} read ${formatValue(newestRead.read.value)} from ${key} at ${formatTime(newestRead.read.complete)}, then the older ${formatValue(read.value)} at ${formatTime(read.complete)}`,
          });
        }
        if (!newestRead || source.firstInvoked > newestRead.source.firstInvoked)
          newestRead = { read, source };
      }
    }
    return anomalies;
  });
}
