/**
 * The conflict-resolution strategies a multi-leader store can use, one replicated data type each.
 *
 * Every key holds an `Entry`: a version vector (which updates from which region this replica has seen
 * for the key) and the strategy's data. The vector is what anti-entropy compares and what tells a
 * replica that two histories are concurrent; the data type decides what a conflict turns into:
 *
 * - lww: a last-writer-wins register stamped with the node's clock (one concurrent write disappears);
 * - siblings: a multi-value register (concurrent writes are kept for the application to resolve);
 * - cart-union: a shopping cart kept as siblings, which the application merges by set union;
 * - g-counter, pn-counter, or-set: CRDTs whose merge keeps every update.
 */
import type { NodeId, Value } from '../../core/types';
import {
  emptyGCounter,
  gCounterValue,
  incrementGCounter,
  mergeGCounters,
  type GCounter,
} from './crdt/gCounter';
import {
  emptyLwwRegister,
  isNewer,
  lwwValue,
  mergeLwwRegisters,
  writeLwwRegister,
  type LwwRegister,
  type LwwWrite,
} from './crdt/lwwRegister';
import { mergeMvRegisters, mvValues, writeMvRegister, type MvRegister } from './crdt/mvRegister';
import {
  addToOrSet,
  emptyOrSet,
  mergeOrSets,
  orSetElements,
  removeFromOrSet,
  type OrSet,
} from './crdt/orSet';
import {
  addToPnCounter,
  emptyPnCounter,
  mergePnCounters,
  pnCounterValue,
  type PnCounter,
} from './crdt/pnCounter';
import { increment, join, type VersionVector } from './versionVector';

export const resolutions = ['lww', 'siblings', 'cart-union', 'g-counter', 'pn-counter', 'or-set'] as const;
export type Resolution = (typeof resolutions)[number];

/** Who made a local update, its place in the key's history, and the node's clock when it happened. */
export interface UpdateStamp {
  node: NodeId;
  /** The key's version vector with this update counted. */
  vector: VersionVector;
  /** The node's local clock (ctx.clock.now): skewed if the node's clock is. */
  timestamp: number;
}

export type UpdateResult<Data> =
  /** `discarded`: values the update itself threw away (a last-writer-wins write older than the stored one). */
  { ok: true; data: Data; discarded?: Value[] } | { ok: false; error: string };

export interface ReplicatedType<Data> {
  resolution: Resolution;
  /** Client operations that change the key (every type also serves "read"). */
  updateOps: readonly string[];
  empty: Data;
  update(data: Data, op: string, value: Value | undefined, stamp: UpdateStamp): UpdateResult<Data>;
  merge(a: Data, b: Data): Data;
  /** What a read returns: one value, or a list (siblings, cart items, set elements). */
  read(data: Data): Value | Value[];
  /** Values present in `a` or `b` that the merge threw away (only last-writer-wins discards). */
  discarded(a: Data, b: Data, merged: Data): Value[];
}

function amountOf(value: Value | undefined): number | null {
  if (value === undefined || value === null) return 1;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

const noDiscards = (): Value[] => [];

const lww: ReplicatedType<LwwRegister> = {
  resolution: 'lww',
  updateOps: ['write', 'increment'],
  empty: emptyLwwRegister,
  update(register, op, value, stamp) {
    let next: Value = value ?? null;
    if (op === 'increment') {
      // Read-modify-write on this replica's copy: the lost-update pattern LWW cannot protect.
      const current = lwwValue(register) ?? 0;
      const amount = amountOf(value);
      if (typeof current !== 'number' || amount === null)
        return { ok: false, error: 'increment needs a numeric value and amount' };
      next = current + amount;
    }
    const write: LwwWrite = {
      value: next,
      timestamp: stamp.timestamp,
      node: stamp.node,
      counter: stamp.vector[stamp.node] ?? 0,
    };
    const data = writeLwwRegister(register, write);
    return { ok: true, data, discarded: data === write ? [] : [next] };
  },
  merge: mergeLwwRegisters,
  read: lwwValue,
  discarded(a, b, merged) {
    const kept = (write: LwwWrite) => merged !== null && !isNewer(write, merged) && !isNewer(merged, write);
    return [a, b].flatMap((write) => (write && !kept(write) ? [write.value] : []));
  },
};

const siblings: ReplicatedType<MvRegister<Value>> = {
  resolution: 'siblings',
  updateOps: ['write'],
  empty: [],
  update: (register, _op, value, stamp) => ({
    ok: true,
    data: writeMvRegister(register, value ?? null, stamp.vector),
  }),
  merge: mergeMvRegisters,
  read: (register) => (register.length === 1 ? register[0]!.value : mvValues(register)),
  discarded: noDiscards,
};

/** The application's merge for a cart: the union of every sibling's items. */
function cartItems(register: MvRegister<readonly string[]>): string[] {
  return [...new Set(mvValues(register).flat())].sort();
}

const cartUnion: ReplicatedType<MvRegister<readonly string[]>> = {
  resolution: 'cart-union',
  updateOps: ['add', 'remove'],
  empty: [],
  update(register, op, value, stamp) {
    if (value === undefined || value === null)
      return { ok: false, error: `${op} needs an item as its value` };
    const item = String(value);
    const items = cartItems(register).filter((existing) => existing !== item);
    if (op === 'add') items.push(item);
    return { ok: true, data: writeMvRegister(register, items.sort(), stamp.vector) };
  },
  merge: mergeMvRegisters,
  read: cartItems,
  discarded: noDiscards,
};

const gCounter: ReplicatedType<GCounter> = {
  resolution: 'g-counter',
  updateOps: ['increment'],
  empty: emptyGCounter,
  update(counter, _op, value, stamp) {
    const amount = amountOf(value);
    if (amount === null || amount < 0)
      return { ok: false, error: 'a G-Counter only grows: increment by a number ≥ 0' };
    return { ok: true, data: incrementGCounter(counter, stamp.node, amount) };
  },
  merge: mergeGCounters,
  read: gCounterValue,
  discarded: noDiscards,
};

const pnCounter: ReplicatedType<PnCounter> = {
  resolution: 'pn-counter',
  updateOps: ['increment', 'decrement'],
  empty: emptyPnCounter,
  update(counter, op, value, stamp) {
    const amount = amountOf(value);
    if (amount === null || amount < 0) return { ok: false, error: `${op} by a number ≥ 0` };
    return { ok: true, data: addToPnCounter(counter, stamp.node, op === 'decrement' ? -amount : amount) };
  },
  merge: mergePnCounters,
  read: pnCounterValue,
  discarded: noDiscards,
};

const orSet: ReplicatedType<OrSet> = {
  resolution: 'or-set',
  updateOps: ['add', 'remove'],
  empty: emptyOrSet,
  update(set, op, value, stamp) {
    if (value === undefined || value === null)
      return { ok: false, error: `${op} needs an element as its value` };
    const element = String(value);
    const tag = `${stamp.node}:${stamp.vector[stamp.node] ?? 0}`;
    return { ok: true, data: op === 'add' ? addToOrSet(set, element, tag) : removeFromOrSet(set, element) };
  },
  merge: mergeOrSets,
  read: orSetElements,
  discarded: noDiscards,
};

/* eslint-disable @typescript-eslint/no-explicit-any */
export const replicatedTypes: Record<Resolution, ReplicatedType<any>> = {
  lww,
  siblings,
  'cart-union': cartUnion,
  'g-counter': gCounter,
  'pn-counter': pnCounter,
  'or-set': orSet,
};
/* eslint-enable @typescript-eslint/no-explicit-any */

/** One key on one replica. */
export interface Entry<Data = unknown> {
  vector: VersionVector;
  data: Data;
}

export function emptyEntry<Data>(type: ReplicatedType<Data>): Entry<Data> {
  return { vector: {}, data: type.empty };
}

/** A client's update at `node`: counted in the key's vector, then applied to the data. */
export function updateEntry<Data>(
  type: ReplicatedType<Data>,
  entry: Entry<Data>,
  op: string,
  value: Value | undefined,
  node: NodeId,
  timestamp: number,
): UpdateResult<Entry<Data>> {
  const vector = increment(entry.vector, node);
  const result = type.update(entry.data, op, value, { node, vector, timestamp });
  return result.ok ? { ...result, data: { vector, data: result.data } } : result;
}

export function mergeEntries<Data>(type: ReplicatedType<Data>, a: Entry<Data>, b: Entry<Data>): Entry<Data> {
  return { vector: join(a.vector, b.vector), data: type.merge(a.data, b.data) };
}
