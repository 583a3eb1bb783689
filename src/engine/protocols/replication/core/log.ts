/**
 * The replication log: an ordered list of writes, numbered from 1. Every entry records the epoch of the
 * leader that wrote it, so two logs can be compared the way PostgreSQL compares timelines or MongoDB
 * compares oplog terms: the same (index, epoch) means the same write, and a log whose last entry has a
 * higher epoch (or the same epoch and a higher index) is the more up-to-date one.
 */
import type { Value } from '../../../core/types';

export interface LogEntry {
  /** Position in the log, from 1. */
  index: number;
  /** The epoch of the leader that wrote it. */
  epoch: number;
  key: string;
  value: Value;
  /** The writing leader's local clock when it appended the entry; lag in time is measured against it. */
  writtenAt: number;
}

/** Where a log ends, for comparing how up to date two nodes are. */
export interface LogPosition {
  lastIndex: number;
  lastEpoch: number;
}

export function positionOf(log: readonly LogEntry[]): LogPosition {
  return { lastIndex: log.length, lastEpoch: log[log.length - 1]?.epoch ?? 0 };
}

/** The entry at a 1-based index. */
export function entryAt(log: readonly LogEntry[], index: number): LogEntry | undefined {
  return index >= 1 ? log[index - 1] : undefined;
}

/** The epoch of the entry at `index`, with 0 standing for the empty start of every log. */
export function epochAt(log: readonly LogEntry[], index: number): number {
  return index === 0 ? 0 : (entryAt(log, index)?.epoch ?? -1);
}

/** Raft's and MongoDB's election rule: a higher last epoch wins, then a longer log. */
export function isAtLeastAsUpToDate(a: LogPosition, b: LogPosition): boolean {
  return a.lastEpoch !== b.lastEpoch ? a.lastEpoch > b.lastEpoch : a.lastIndex >= b.lastIndex;
}

export function sameEntry(a: LogEntry, b: LogEntry): boolean {
  return a.index === b.index && a.epoch === b.epoch && a.key === b.key && a.value === b.value;
}

/** True when `shorter` is exactly the beginning of `longer`. */
export function isPrefixOf(shorter: readonly LogEntry[], longer: readonly LogEntry[]): boolean {
  if (shorter.length > longer.length) return false;
  for (let i = 0; i < shorter.length; i++) if (!sameEntry(shorter[i]!, longer[i]!)) return false;
  return true;
}

/**
 * Where a sender should retry after a follower refused an append whose previous entry did not match:
 * the follower's last index when it is too short, otherwise the index just before the first entry of the
 * conflicting epoch (so a whole divergent epoch is skipped in one round trip, as in the Raft paper §5.3).
 */
export function retryPointAfterMismatch(log: readonly LogEntry[], prevIndex: number): number {
  if (prevIndex > log.length) return log.length;
  const conflictingEpoch = epochAt(log, prevIndex);
  let index = prevIndex;
  while (index > 1 && epochAt(log, index - 1) === conflictingEpoch) index--;
  return index - 1;
}

/** True when the log holds this exact write at its index. */
export function holdsWrite(
  log: readonly LogEntry[],
  write: { index: number; epoch: number; value: Value },
): boolean {
  const entry = entryAt(log, write.index);
  return entry !== undefined && entry.epoch === write.epoch && entry.value === write.value;
}

/** Applies entries (from, to] to a key-value map in order. */
export function applyEntries(
  kv: Record<string, Value>,
  log: readonly LogEntry[],
  from: number,
  to: number,
): void {
  for (let index = from + 1; index <= to; index++) {
    const entry = log[index - 1]!;
    kv[entry.key] = entry.value;
  }
}

/** A short label for a log entry in node detail: "k1=42". */
export function describeEntry(entry: LogEntry): string {
  return `${entry.key}=${String(entry.value)}`;
}
