/**
 * LWW-Register (last-writer-wins register). Every write carries a timestamp from the writer's clock; a
 * merge keeps the write with the larger timestamp. Ties break on the node id, then on that node's own
 * update counter, so the order is total and every replica keeps the same winner.
 *
 * It converges, but by discarding: of two concurrent writes one silently disappears, and a node whose
 * clock runs ahead wins over writes that really happened later.
 */
import type { NodeId, Value } from '../../../core/types';

export interface LwwWrite {
  readonly value: Value;
  readonly timestamp: number;
  readonly node: NodeId;
  /** The writing node's own update counter: orders two writes of one node within the same clock tick. */
  readonly counter: number;
}

/** null until the first write. */
export type LwwRegister = LwwWrite | null;

export const emptyLwwRegister: LwwRegister = null;

export function isNewer(a: LwwWrite, b: LwwWrite): boolean {
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp;
  if (a.node !== b.node) return a.node > b.node;
  return a.counter > b.counter;
}

export function mergeLwwRegisters(a: LwwRegister, b: LwwRegister): LwwRegister {
  if (!a) return b;
  if (!b) return a;
  return isNewer(b, a) ? b : a;
}

/** A local write is a merge too: if the register already holds a newer timestamp, the write loses at once. */
export function writeLwwRegister(register: LwwRegister, write: LwwWrite): LwwRegister {
  return mergeLwwRegisters(register, write);
}

export function lwwValue(register: LwwRegister): Value {
  return register?.value ?? null;
}
