/**
 * Versions for last-writer-wins, as Cassandra does it: the coordinator stamps each write with its own
 * clock reading, with ties broken by coordinator id and then by that coordinator's write counter.
 *
 * Why this is enough for the guarantee the lessons claim: a write is stamped when its coordinator
 * receives it, and its reply reaches the client at least 1 ms after that. So when write B starts after
 * write A completed, B is stamped strictly later than A, and B wins everywhere. That holds only while
 * clocks agree: a coordinator whose clock runs behind stamps new writes "in the past", and they lose to
 * older ones (last-writer-wins silently drops them).
 */
import type { NodeId, Value } from '../../core/types';

export interface Version {
  /** The coordinator's clock when it accepted the write, in ms. */
  ts: number;
  node: NodeId;
  /** The coordinator's write counter, to order two writes stamped in the same ms. */
  seq: number;
}

export interface Versioned {
  value: Value;
  version: Version;
}

/** Negative when a is older than b, 0 when equal, positive when newer. A missing version is older than any. */
export function compareVersions(a: Version | undefined, b: Version | undefined): number {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  if (a.ts !== b.ts) return a.ts - b.ts;
  if (a.node !== b.node) return a.node < b.node ? -1 : 1;
  return a.seq - b.seq;
}

export function isNewer(candidate: Versioned, current: Versioned | undefined | null): boolean {
  return compareVersions(candidate.version, current?.version) > 0;
}

/** "t=1234 n2#5": the clock reading, the coordinator and its write counter. */
export function formatVersion(version: Version): string {
  return `t=${version.ts} ${version.node}#${version.seq}`;
}
