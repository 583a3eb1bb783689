/**
 * The classic witness against linearizability in Dynamo-style quorums, for tests and lessons that want
 * to show the anomaly itself rather than only the checker's verdict.
 */
import type { HistoryOperation } from '../../core/types';

const happenedBefore = (a: HistoryOperation, b: HistoryOperation) =>
  a.complete !== null && a.complete < b.invoke;

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
  const writeOf = (read: HistoryOperation) =>
    history.find((op) => op.type === 'write' && op.key === read.key && op.value === read.value);
  const seenBefore = (older: HistoryOperation, newer: HistoryOperation) =>
    happenedBefore(older, newer) ||
    reads.some((read) => read.value === older.value && read.key === older.key && happenedBefore(read, newer));
  for (const first of reads) {
    const newer = writeOf(first);
    if (!newer) continue;
    for (const second of reads) {
      if (second.key !== first.key || !happenedBefore(first, second)) continue;
      const older = writeOf(second);
      if (older && older !== newer && (seenBefore(older, newer) || happenedBefore(older, first)))
        return { newer, older, first, second };
    }
  }
  return null;
}
