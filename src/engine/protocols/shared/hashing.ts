/**
 * Hashing and the consistent-hashing ring, shared by the partitioning strategies and the leaderless
 * quorum protocol (which places a key's N replicas on the ring, as Dynamo and Cassandra do).
 */
import { hashString } from '../../core/random';
import type { NodeId } from '../../core/types';

/** A well-mixed unsigned 32-bit hash: FNV-1a, then MurmurHash3's finalizer so similar keys land far apart. */
export function hash32(text: string, seed = 0): number {
  let hash = hashString(text, (0x811c9dc5 ^ seed) >>> 0);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** Positions on the ring, sorted; `owners[i]` is the node that placed the token `tokens[i]`. Plain arrays, so it can live in node state. */
export interface Ring {
  tokens: number[];
  owners: NodeId[];
}

/** Every node places `virtualNodes` tokens at hash("node#i"); the seed moves every token (a different random layout). */
export function buildRing(nodes: readonly NodeId[], virtualNodes: number, seed = 0): Ring {
  const points = nodes.flatMap((node) =>
    Array.from({ length: virtualNodes }, (_, i) => ({ token: hash32(`${node}#${i}`, seed), node })),
  );
  points.sort((a, b) => a.token - b.token || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
  return { tokens: points.map((point) => point.token), owners: points.map((point) => point.node) };
}

/** Index of the first token at or after `position`, wrapping to 0 past the last token. */
function firstTokenAtOrAfter(ring: Ring, position: number): number {
  let low = 0;
  let high = ring.tokens.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (ring.tokens[middle]! < position) low = middle + 1;
    else high = middle;
  }
  return low === ring.tokens.length ? 0 : low;
}

/** The node owning a key: the first token clockwise from the key's hash. */
export function ringOwner(ring: Ring, key: string): NodeId {
  if (ring.tokens.length === 0) throw new Error('ringOwner: the ring has no nodes');
  return ring.owners[firstTokenAtOrAfter(ring, hash32(key))]!;
}

/** The first `count` distinct nodes clockwise from the key's hash: Dynamo's preference list. */
export function preferenceList(ring: Ring, key: string, count: number): NodeId[] {
  const list: NodeId[] = [];
  const start = firstTokenAtOrAfter(ring, hash32(key));
  for (let step = 0; step < ring.tokens.length && list.length < count; step++) {
    const owner = ring.owners[(start + step) % ring.tokens.length]!;
    if (!list.includes(owner)) list.push(owner);
  }
  return list;
}
