/**
 * What the visualizations and checks see of replicas: node detail, message labels, cluster-wide gauges
 * (lag, leaders, acknowledged writes the newest leader lacks) and the invariants checked after every event.
 */
import {
  logEntriesInView,
  type Invariant,
  type InvariantContext,
  type NodeId,
  type ObservedNode,
  type NodeView,
} from '../../../core/types';
import { describeEntry, entryAt, holdsWrite, isPrefixOf, type LogEntry } from './log';
import { requiredAcks, type ReplicationParams } from './params';
import type { AcknowledgedWrite, ReplicaDurable, ReplicaVolatile, ReplicationMessage } from './state';

type ClusterView = InvariantContext<ReplicaDurable, ReplicaVolatile, ReplicationParams>;

export function describeReplicationMessage(message: ReplicationMessage): string {
  if (message.type === 'append' && message.entries.length > 0) return `append ×${message.entries.length}`;
  return message.type;
}

export function describeReplica(durable: ReplicaDurable, volatile: ReplicaVolatile | null): NodeView {
  const details: Record<string, string | number | boolean> = {};
  if (durable.synced) details['synced with'] = `${durable.synced.leader} (epoch ${durable.synced.epoch})`;
  if (volatile && durable.role === 'leader') {
    for (const [node, lag] of Object.entries(volatile.lag))
      details[`lag ${node}`] = `${lag.entries} entries, ${Math.round(lag.ms)} ms`;
    details['writes awaiting acks'] = volatile.pendingWrites.length;
    if (volatile.echoesDropped > 0) details['own entries dropped (ring echo)'] = volatile.echoesDropped;
    if (volatile.writesPausedReason) details['writes paused'] = volatile.writesPausedReason;
  }
  if (volatile && volatile.waitingReads.length > 0)
    details['reads waiting to catch up'] = volatile.waitingReads.length;
  details['writes it acknowledged'] = durable.acknowledged.length;
  return {
    role: durable.role,
    epoch: durable.epoch,
    leader: durable.leader,
    kv: { ...durable.kv },
    log: durable.log
      .slice(-logEntriesInView)
      .map((entry) => ({ index: entry.index, term: entry.epoch, text: describeEntry(entry) })),
    commitIndex: durable.commitIndex,
    position: durable.log.length,
    details,
  };
}

type NodeEntry = ObservedNode<ReplicaDurable, ReplicaVolatile>;

/** The leader with the highest epoch (up ones first): the one whose log counts as the cluster's history. */
export function newestLeader(nodes: ReadonlyMap<NodeId, NodeEntry>): { id: NodeId; node: NodeEntry } | null {
  let best: { id: NodeId; node: NodeEntry } | null = null;
  for (const [id, node] of nodes) {
    if (node.state.durable.role !== 'leader') continue;
    if (!best) {
      best = { id, node };
      continue;
    }
    const better =
      node.up !== best.node.up ? node.up : node.state.durable.epoch > best.node.state.durable.epoch;
    if (better) best = { id, node };
  }
  return best;
}

/** Writes some leader acknowledged that the newest leader's log does not hold: lost, or diverging in a split brain. */
export function acknowledgedWritesMissing(
  nodes: ReadonlyMap<NodeId, NodeEntry>,
  log: readonly LogEntry[],
): AcknowledgedWrite[] {
  const missing: AcknowledgedWrite[] = [];
  for (const node of nodes.values())
    for (const write of node.state.durable.acknowledged) if (!holdsWrite(log, write)) missing.push(write);
  return missing;
}

export function replicationGauges(context: ClusterView): Record<string, number> {
  const gauges: Record<string, number> = {};
  gauges['leaders'] = [...context.nodes.values()].filter(
    (node) => node.up && node.state.durable.role === 'leader',
  ).length;
  const newest = newestLeader(context.nodes);
  if (!newest) return gauges;
  gauges['acknowledged.notOnNewestLeader'] = acknowledgedWritesMissing(
    context.nodes,
    newest.node.state.durable.log,
  ).length;
  const lag = newest.node.state.volatile?.lag ?? {};
  for (const [node, value] of Object.entries(lag)) {
    gauges[`lag.entries.${node}`] = value.entries;
    gauges[`lag.ms.${node}`] = value.ms;
  }
  return gauges;
}

export const followerLogIsPrefixOfLeaderLog: Invariant<ReplicaDurable, ReplicaVolatile, ReplicationParams> = {
  name: "every follower's log is a prefix of its leader's log",
  check(context) {
    for (const [id, node] of context.nodes) {
      const synced = node.state.durable.synced;
      if (!synced || synced.leader === id) continue;
      const leader = context.nodes.get(synced.leader)?.state.durable;
      if (!leader || leader.role !== 'leader' || leader.epoch !== synced.epoch) continue;
      if (!isPrefixOf(node.state.durable.log, leader.log)) {
        return `${id}'s log (${node.state.durable.log.length} entries) is not a prefix of leader ${synced.leader}'s log (${leader.log.length} entries, epoch ${synced.epoch})`;
      }
    }
    return null;
  },
};

/** The leader with the highest epoch, or null when there is none or two leaders share it (nothing to judge then). */
function highestEpochLeader(
  nodes: ReadonlyMap<NodeId, NodeEntry>,
): { id: NodeId; durable: ReplicaDurable } | null {
  const leaders = [...nodes].filter(([, node]) => node.state.durable.role === 'leader');
  const top = Math.max(...leaders.map(([, node]) => node.state.durable.epoch));
  const atTop = leaders.filter(([, node]) => node.state.durable.epoch === top);
  return atTop.length === 1 ? { id: atTop[0]![0], durable: atTop[0]![1].state.durable } : null;
}

export const acknowledgedWritesAreReplicated: Invariant<ReplicaDurable, ReplicaVolatile, ReplicationParams> =
  {
    name: "the newest leader's acknowledged writes are on as many followers as its mode requires",
    check(context) {
      const newest = highestEpochLeader(context.nodes);
      if (!newest) return null;
      const leader = newest.durable;
      const committed = entryAt(leader.log, leader.commitIndex);
      if (!committed || committed.epoch !== leader.epoch) return null;
      const required = requiredAcks(context.params, context.nodes.size - 1);
      let holders = 0;
      for (const [id, node] of context.nodes)
        if (id !== newest.id && holdsWrite(node.state.durable.log, committed)) holders++;
      return holders >= required
        ? null
        : `${newest.id} acknowledged up to index ${leader.commitIndex} but only ${holders} follower(s) hold that entry (mode ${context.params.mode} needs ${required})`;
    },
  };

export const replicationInvariants = [followerLogIsPrefixOfLeaderLog, acknowledgedWritesAreReplicated];
