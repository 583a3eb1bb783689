/** The links the cluster drawing shows: the pairs of nodes the protocol's topology says exchange messages. */
import type { ClusterTopology } from '../../engine/core/types';

/** Undirected links, each pair once, in the topology's order. */
export function topologyLinks(topology: ClusterTopology): [string, string][] {
  const { shape, order } = topology;
  const links: [string, string][] = [];
  const seen = new Set<string>();
  const add = (a: string, b: string) => {
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    if (a === b || seen.has(key)) return;
    seen.add(key);
    links.push([a, b]);
  };
  if (shape === 'chain' || shape === 'ring') {
    for (let i = 0; i + 1 < order.length; i++) add(order[i]!, order[i + 1]!);
    if (shape === 'ring' && order.length > 2) add(order[order.length - 1]!, order[0]!);
  } else if (shape === 'star' || shape === 'leader-follower') {
    for (const other of order.slice(1)) add(order[0]!, other);
  } else if (shape === 'all-to-all') {
    order.forEach((a, i) => order.slice(i + 1).forEach((b) => add(a, b)));
  }
  for (const [a, b] of topology.extraLinks ?? []) add(a, b);
  return links;
}
