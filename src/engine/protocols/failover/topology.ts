/**
 * Who sends messages to whom in failover, for the cluster drawing: the log flows along the replication
 * topology (../replication/core/topology.ts), the leader sends heartbeats to every node (liveness.ts), and
 * a candidate asks every node for its vote (election.ts). Replies go back the way they came. So the links
 * are the replication topology, plus every leader's and every candidate's links to all the others: in a
 * quiet cluster a star (or chain) around the leader, and during an election the candidates' links too.
 */
import type { ClusterTopology, NodeId, NodeView } from '../../core/types';
import { clusterTopology, type Topology } from '../replication/core/topology';

export function failoverTopology(
  nodes: readonly NodeId[],
  views: ReadonlyMap<NodeId, NodeView>,
  replication: Topology,
): ClusterTopology {
  const talkToAll = nodes.filter((node) => {
    const role = views.get(node)?.role;
    return role === 'leader' || role === 'candidate';
  });
  const extraLinks = talkToAll.flatMap((from) =>
    nodes.filter((to) => to !== from).map((to): [NodeId, NodeId] => [from, to]),
  );
  return { ...clusterTopology(nodes, views, replication), extraLinks };
}
