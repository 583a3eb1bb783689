/**
 * Single-leader replication without automatic failover (PostgreSQL streaming replication, MySQL
 * source/replica): the leader streams its log to the followers in the chosen topology and acknowledges
 * writes asynchronously, semi-synchronously or synchronously. When the leader dies nothing happens by
 * itself: an operator promotes a follower (`{ operator: { node, command: 'promote' } }`) and clients find
 * the new leader through redirects. A node that restarts resumes the role it had, as a restarted primary
 * does; if a follower was promoted meanwhile, epoch fencing makes the old leader step down at its first
 * contact. Everything replicas do is in ./core/replica.ts, shared with failover.
 */
import { unhandledKind } from '../../core/schema';
import type { Protocol } from '../../core/types';
import { checkReplicationParams, replicationParamsSchema, type ReplicationParams } from './core/params';
import {
  describeReplica,
  describeReplicationMessage,
  handleClientRequest,
  handleReplicationMessage,
  initReplicaDurable,
  initReplicaVolatile,
  onReplicateTimer,
  promote,
  replicationGauges,
  replicationInvariants,
  startReplica,
  type ReplicaDurable,
  type ReplicationMessage,
  type ReplicationTimer,
  type ReplicaVolatile,
} from './core/replica';
import { clusterTopology } from './core/topology';

export const replicationProtocol: Protocol<
  ReplicationParams,
  ReplicaDurable,
  ReplicaVolatile,
  ReplicationMessage,
  ReplicationTimer
> = {
  id: 'replication',
  title: 'Single-leader replication',
  paramsSchema: replicationParamsSchema,
  checkParams: checkReplicationParams,
  initDurable: initReplicaDurable,
  initVolatile: initReplicaVolatile,
  onStart: startReplica,
  onMessage: handleReplicationMessage,
  onTimer(ctx, state, timer) {
    switch (timer.kind) {
      case 'replicate':
        return onReplicateTimer(ctx, state);
      default:
        return unhandledKind(timer.kind);
    }
  },
  onClientRequest: handleClientRequest,
  onOperator(ctx, state, command) {
    if (command !== 'promote') {
      ctx.note(
        `${ctx.self} ignored operator command "${command}" (single-leader replication understands "promote")`,
      );
      return;
    }
    if (state.durable.role === 'leader') {
      ctx.note(`${ctx.self} is already the leader`);
      return;
    }
    promote(ctx, state, state.durable.epoch + 1, { how: 'by the operator' });
  },
  describeMessage: describeReplicationMessage,
  describeNode: (state) => describeReplica(state.durable, state.volatile),
  topology: ({ params, nodes, views }) => clusterTopology(nodes, views, params.topology),
  gauges: replicationGauges,
  invariants: replicationInvariants,
};
