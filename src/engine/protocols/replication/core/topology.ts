/**
 * Who sends the log to whom.
 *
 * - star: the leader sends to every follower (PostgreSQL streaming replication, a MySQL source with many replicas).
 * - chain: leader → f1 → f2 → …; each follower relays what it has applied to the next one (PostgreSQL
 *   cascading replication, MySQL relay replicas with log_replica_updates). Fewer connections on the leader,
 *   more lag at the tail, and a crashed relay cuts off everyone after it.
 * - ring: the chain plus one closing link from the last follower back to the leader. With a single
 *   leader that link carries nothing new: the leader recognizes its own entries coming back (MySQL circular
 *   replication skips events carrying its own server id) and drops them. Rings only earn their keep when
 *   several nodes write (multi-leader replication); here the difference from a chain is wasted traffic.
 *
 * The order starts at the leader and follows the node list round, so the same nodes keep their
 * neighbours when leadership moves.
 */
import type { ClusterTopology, NodeId, NodeView } from '../../../core/types';

export type Topology = 'star' | 'chain' | 'ring';

export function replicationOrder(nodes: readonly NodeId[], leader: NodeId): NodeId[] {
  const start = nodes.indexOf(leader);
  if (start < 0) return [...nodes];
  return [...nodes.slice(start), ...nodes.slice(0, start)];
}

/** The nodes `self` sends the log to. */
export function downstreamOf(
  self: NodeId,
  leader: NodeId,
  nodes: readonly NodeId[],
  topology: Topology,
): NodeId[] {
  if (topology === 'star') return self === leader ? nodes.filter((node) => node !== leader) : [];
  const order = replicationOrder(nodes, leader);
  const position = order.indexOf(self);
  const next = order[position + 1];
  if (next !== undefined) return [next];
  return topology === 'ring' && self !== leader ? [leader] : [];
}

/** The node `self` receives the log from (null for the leader). */
export function upstreamOf(
  self: NodeId,
  leader: NodeId,
  nodes: readonly NodeId[],
  topology: Topology,
): NodeId | null {
  if (self === leader) return null;
  if (topology === 'star') return leader;
  const order = replicationOrder(nodes, leader);
  return order[order.indexOf(self) - 1] ?? null;
}

/** The drawing's view of the topology: the log flows from the current leader (the first node while there is none). */
export function clusterTopology(
  nodes: readonly NodeId[],
  views: ReadonlyMap<NodeId, NodeView>,
  topology: Topology,
): ClusterTopology {
  const leader = nodes.find((node) => views.get(node)?.role === 'leader') ?? nodes[0]!;
  const order = replicationOrder(nodes, leader);
  return { shape: topology === 'star' ? 'leader-follower' : topology, order };
}
