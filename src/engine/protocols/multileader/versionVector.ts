/**
 * Version vectors: one counter per replica, counting the updates from that replica that a state has seen.
 * Comparing two vectors tells whether one history contains the other or whether they are concurrent.
 *
 * Vectors are plain records kept canonical (no zero entries, keys sorted) so two replicas holding the
 * same history hold structurally equal vectors.
 */
import type { NodeId } from '../../core/types';

export type VersionVector = Readonly<Record<NodeId, number>>;

export type Causality = 'equal' | 'before' | 'after' | 'concurrent';

function canonical(entries: Iterable<[NodeId, number]>): VersionVector {
  const sorted = [...entries]
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(sorted);
}

export function increment(vector: VersionVector, node: NodeId): VersionVector {
  return canonical(Object.entries({ ...vector, [node]: (vector[node] ?? 0) + 1 }));
}

/** The pointwise maximum: the smallest history containing both. */
export function join(a: VersionVector, b: VersionVector): VersionVector {
  const merged = new Map(Object.entries(a));
  for (const [node, count] of Object.entries(b)) merged.set(node, Math.max(merged.get(node) ?? 0, count));
  return canonical(merged);
}

/** True when `a` has seen everything `b` has (a ≥ b pointwise). */
export function descends(a: VersionVector, b: VersionVector): boolean {
  return Object.entries(b).every(([node, count]) => (a[node] ?? 0) >= count);
}

/** How history `a` relates to history `b`: "before" means a happened before b. */
export function compare(a: VersionVector, b: VersionVector): Causality {
  const aCoversB = descends(a, b);
  const bCoversA = descends(b, a);
  if (aCoversB && bCoversA) return 'equal';
  if (bCoversA) return 'before';
  if (aCoversB) return 'after';
  return 'concurrent';
}

/** "eu-west:2 us-east:3", or "∅" for the empty history. */
export function formatVector(vector: VersionVector): string {
  const entries = Object.entries(vector);
  return entries.length === 0 ? '∅' : entries.map(([node, count]) => `${node}:${count}`).join(' ');
}

/** Total number of updates the vector counts. */
export function updateCount(vector: VersionVector): number {
  return Object.values(vector).reduce((sum, count) => sum + count, 0);
}
