/**
 * Data skew: when a few keys get most of the traffic, the nodes holding them are overloaded however
 * evenly the keys themselves are spread. Salting splits one hot key into k sub-keys ("key#0" … "key#k-1")
 * on different nodes: each write picks one sub-key, and a read must ask all k of them.
 */
import type { NodeId } from '../../core/types';

/** Traffic share per key under Zipf: the key of rank r (from 1) gets a share proportional to 1 / r^exponent. */
export function zipfShares(count: number, exponent: number): number[] {
  const weights = Array.from({ length: count }, (_, i) => 1 / (i + 1) ** exponent);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.map((weight) => weight / total);
}

/** One "celebrity" key (index 0) takes `hotShare` of the traffic; the other keys split the rest evenly. */
export function celebrityShares(count: number, hotShare: number): number[] {
  if (count === 1) return [1];
  return Array.from({ length: count }, (_, i) => (i === 0 ? hotShare : (1 - hotShare) / (count - 1)));
}

export function saltedKey(key: string, bucket: number): string {
  return `${key}#${bucket}`;
}

export function saltedKeys(key: string, buckets: number): string[] {
  return Array.from({ length: buckets }, (_, bucket) => saltedKey(key, bucket));
}

/**
 * Expected write load per node for a traffic mix (key → share of operations). A salted key's traffic
 * is spread evenly over its sub-keys, because each write picks a salt at random.
 */
export function writeLoadByNode(
  traffic: ReadonlyMap<string, number>,
  ownerOf: (key: string) => NodeId,
  nodes: readonly NodeId[],
  salting: Readonly<Record<string, number>> = {},
): Map<NodeId, number> {
  const loads = new Map<NodeId, number>(nodes.map((node) => [node, 0]));
  const add = (key: string, share: number) => {
    const node = ownerOf(key);
    loads.set(node, (loads.get(node) ?? 0) + share);
  };
  for (const [key, share] of traffic) {
    const buckets = salting[key];
    if (buckets === undefined) add(key, share);
    else for (const subKey of saltedKeys(key, buckets)) add(subKey, share / buckets);
  }
  return loads;
}

/** The price of salting: how many nodes one read of a salted key must ask. */
export function saltedReadFanOut(key: string, buckets: number, ownerOf: (key: string) => NodeId): number {
  return new Set(saltedKeys(key, buckets).map(ownerOf)).size;
}
