/**
 * Partitioning strategies as pure functions: where each key lives, what moves when a node joins or
 * leaves, and how even the result is. The lessons' numbers (how many keys move from 4 to 5 nodes, how
 * imbalance falls with virtual nodes) come from these functions, and the `partitioning` simulation
 * routes requests with the same ones.
 */
import type { NodeId } from '../../core/types';
import { buildRing, hash32, ringOwner } from '../shared/hashing';

export type Placement = ReadonlyMap<string, NodeId>;

export interface PlacementStrategy {
  name: string;
  /**
   * Places every key on one of `nodes`. `previous` is the layout before a membership change: strategies
   * that keep state (range boundaries, a directory) use it to move only what their rule requires.
   * `keys` is in insertion order, which only round-robin uses.
   */
  place(keys: readonly string[], nodes: readonly NodeId[], previous?: Placement): Map<string, NodeId>;
}

function requireNodes(nodes: readonly NodeId[]): void {
  if (nodes.length === 0) throw new Error('a placement needs at least one node');
}

/** shard = hash(key) mod N. Even, but changing N reshuffles almost every key. */
export function hashModuloOwner(nodes: readonly NodeId[], key: string): NodeId {
  requireNodes(nodes);
  return nodes[hash32(key) % nodes.length]!;
}

export const hashModulo: PlacementStrategy = {
  name: 'hash modulo N',
  place: (keys, nodes) => new Map(keys.map((key) => [key, hashModuloOwner(nodes, key)])),
};

/** Consistent hashing: each node places `virtualNodes` tokens on a ring; a key belongs to the next token clockwise. */
export function consistentHashing(virtualNodes: number, seed = 0): PlacementStrategy {
  return {
    name: `consistent hashing (${virtualNodes} virtual node${virtualNodes === 1 ? '' : 's'})`,
    place(keys, nodes) {
      requireNodes(nodes);
      const ring = buildRing(nodes, virtualNodes, seed);
      return new Map(keys.map((key) => [key, ringOwner(ring, key)]));
    },
  };
}

/** Contiguous runs of sorted keys that share an owner: the ranges of a range layout. */
function rangeRuns(sortedKeys: readonly string[], placement: Placement): { owner: NodeId; keys: string[] }[] {
  const runs: { owner: NodeId; keys: string[] }[] = [];
  for (const key of sortedKeys) {
    const owner = placement.get(key);
    if (owner === undefined) continue;
    const last = runs[runs.length - 1];
    if (last && last.owner === owner) last.keys.push(key);
    else runs.push({ owner, keys: [key] });
  }
  return runs;
}

/** Split points that cut sorted keys into `count` ranges of (nearly) equal size; range i starts at boundaries[i - 1]. */
export function evenBoundaries(sortedKeys: readonly string[], count: number): string[] {
  return Array.from(
    { length: count - 1 },
    (_, i) => sortedKeys[Math.floor(((i + 1) * sortedKeys.length) / count)]!,
  );
}

/** The index of the range holding `key`, given sorted split points (range i holds [boundaries[i-1], boundaries[i])). */
export function rangeIndex(boundaries: readonly string[], key: string): number {
  let low = 0;
  let high = boundaries.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (boundaries[middle]! <= key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Range partitioning by key order. First layout: equal contiguous ranges, one per node. A joining node
 * takes the upper half of the largest range; a leaving node's ranges go to the node owning the range
 * just below (or above). Keys that arrive later go to the range they fall into.
 */
export const rangePartitioning: PlacementStrategy = {
  name: 'range',
  place(keys, nodes, previous) {
    requireNodes(nodes);
    const sorted = [...keys].sort();
    if (!previous) {
      const boundaries = evenBoundaries(sorted, nodes.length);
      return new Map(sorted.map((key) => [key, nodes[rangeIndex(boundaries, key)]!]));
    }
    const runs = rangeRuns(sorted, previous);
    // Leaving nodes hand each of their ranges to a neighbour that stays.
    runs.forEach((run, i) => {
      if (nodes.includes(run.owner)) return;
      const neighbour = [...runs.slice(0, i).reverse(), ...runs.slice(i + 1)].find((other) =>
        nodes.includes(other.owner),
      );
      run.owner = neighbour?.owner ?? nodes[0]!;
    });
    // Joining nodes each take the upper half of the currently largest range.
    for (const joining of nodes.filter((node) => !runs.some((run) => run.owner === node))) {
      const largest = runs.reduce((best, run) => (run.keys.length > best.keys.length ? run : best), runs[0]!);
      if (!largest || largest.keys.length < 2) break;
      const upper = largest.keys.splice(Math.floor(largest.keys.length / 2));
      runs.splice(runs.indexOf(largest) + 1, 0, { owner: joining, keys: upper });
    }
    const placement = new Map<string, NodeId>();
    for (const run of runs) for (const key of run.keys) placement.set(key, run.owner);
    // A key the previous layout did not have joins the run it sorts into (the one just below it).
    const starts = runs.map((run) => run.keys[0]!);
    for (const key of sorted)
      if (!placement.has(key)) placement.set(key, runs[Math.max(0, rangeIndex(starts, key) - 1)]!.owner);
    return placement;
  },
};

/** Load per node (key count, or the sum of `weightOf` over its keys), with every node present even if empty. */
export function loadByNode(
  placement: Placement,
  nodes: readonly NodeId[],
  weightOf: (key: string) => number = () => 1,
): Map<NodeId, number> {
  const loads = new Map<NodeId, number>(nodes.map((node) => [node, 0]));
  for (const [key, node] of placement) loads.set(node, (loads.get(node) ?? 0) + weightOf(key));
  return loads;
}

/**
 * A lookup table (directory) from key to node. New keys go to the least-loaded node. A joining node
 * is filled from the most-loaded nodes until it holds its fair share; a leaving node's keys go to the
 * least-loaded nodes. Only the keys that must move do, at the price of storing and consulting the table.
 */
export const directory: PlacementStrategy = {
  name: 'directory',
  place(keys, nodes, previous) {
    requireNodes(nodes);
    const keysOf = new Map<NodeId, string[]>(nodes.map((node) => [node, []]));
    const unplaced: string[] = [];
    for (const key of keys) {
      const owner = previous?.get(key);
      const list = owner === undefined ? undefined : keysOf.get(owner);
      if (list) list.push(key);
      else unplaced.push(key);
    }
    const byLoad = (order: 1 | -1) =>
      [...keysOf].reduce((best, entry) => (order * (entry[1].length - best[1].length) < 0 ? entry : best))[1];
    for (const key of unplaced) byLoad(1).push(key);
    const fairShare = Math.floor(keys.length / nodes.length);
    for (const list of keysOf.values()) {
      while (list.length < fairShare) {
        const donor = byLoad(-1);
        if (donor.length <= fairShare) break;
        list.push(donor.pop()!);
      }
    }
    return new Map([...keysOf].flatMap(([node, list]) => list.map((key): [string, NodeId] => [key, node])));
  },
};

/** Round-robin: the i-th inserted key goes to node i mod N. Perfectly even, but a key's node says nothing about the key. */
export const roundRobin: PlacementStrategy = {
  name: 'round-robin',
  place: (keys, nodes) => {
    requireNodes(nodes);
    return new Map(keys.map((key, i) => [key, nodes[i % nodes.length]!]));
  },
};

/** Geographic: a key lives on a node in its own region (hashed among that region's nodes). */
export function geographic(
  regionOfKey: (key: string) => string,
  regionOfNode: (node: NodeId) => string,
): PlacementStrategy {
  return {
    name: 'geographic',
    place(keys, nodes) {
      return new Map(
        keys.map((key) => {
          const region = regionOfKey(key);
          const local = nodes.filter((node) => regionOfNode(node) === region);
          if (local.length === 0)
            throw new Error(`geographic placement: no node in region "${region}" for key "${key}"`);
          return [key, hashModuloOwner(local, key)];
        }),
      );
    },
  };
}

export interface Movement {
  keysMoved: number;
  keysTotal: number;
  /** keysMoved ÷ keysTotal. */
  fractionMoved: number;
  bytesMoved: number;
  bytesTotal: number;
}

/** What a membership change costs: keys whose node differs between the two layouts, and their bytes. */
export function movement(
  before: Placement,
  after: Placement,
  sizeOf: (key: string) => number = () => 1,
): Movement {
  let keysMoved = 0;
  let bytesMoved = 0;
  let bytesTotal = 0;
  for (const [key, node] of after) {
    const size = sizeOf(key);
    bytesTotal += size;
    if (before.get(key) !== node) {
      keysMoved++;
      bytesMoved += size;
    }
  }
  return {
    keysMoved,
    keysTotal: after.size,
    fractionMoved: after.size === 0 ? 0 : keysMoved / after.size,
    bytesMoved,
    bytesTotal,
  };
}

/** Load imbalance: the busiest node's load divided by the mean load (1 is perfectly even). */
export function imbalance(loads: Iterable<number>): number {
  const values = [...loads];
  const total = values.reduce((sum, value) => sum + value, 0);
  if (values.length === 0 || total === 0) return 1;
  return Math.max(...values) / (total / values.length);
}
