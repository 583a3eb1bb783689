/**
 * G-Counter: a grow-only counter. Each replica counts its own increments in its own slot; the value is
 * the sum of the slots, and merging takes each slot's maximum, so no replica's increments are ever lost.
 * Structurally it is a version vector whose entries count increments instead of updates.
 */
import type { NodeId } from '../../../core/types';
import { join, type VersionVector } from '../versionVector';

export type GCounter = VersionVector;

export const emptyGCounter: GCounter = {};

export function incrementGCounter(counter: GCounter, node: NodeId, amount: number): GCounter {
  if (!(amount >= 0)) throw new RangeError(`a G-Counter only grows: cannot add ${amount}`);
  return join(counter, { [node]: (counter[node] ?? 0) + amount });
}

export const mergeGCounters = join;

export function gCounterValue(counter: GCounter): number {
  return Object.values(counter).reduce((sum, count) => sum + count, 0);
}
