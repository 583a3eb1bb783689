/**
 * One node of a single-leader replicated store (PostgreSQL streaming replication, MySQL source/replica),
 * shared by the `replication` and `failover` protocols.
 *
 * - The leader appends every write to its log and streams the log to its downstream nodes (the topology
 *   decides which). A follower appends entries strictly in order: an append names the entry just before
 *   its batch (index and epoch), and a follower whose log does not end with that entry refuses it and says
 *   where to resume.
 * - Each follower reports the length of its log (its replicated position) to the node that sent it the
 *   entries; relays in a chain pass their downstream positions on, so the leader knows every position.
 * - The leader acknowledges a write when the mode says so: at once (async), after k followers have it
 *   (semi-sync), after every follower has it (sync). Until then the write is invisible even on the
 *   leader (MySQL's lossless "after sync" semi-synchronous replication).
 * - Promotion starts a new epoch. The first time a follower takes entries from the leader of a new epoch
 *   it rolls back whatever its log holds beyond the point where it matches the new leader (MongoDB's
 *   rollback, PostgreSQL's pg_rewind); writes an old leader acknowledged and nobody else had are lost there.
 *
 * This file holds the entry points (messages, client requests, the retransmission tick). The rest:
 * state.ts (what a node holds, the messages), shipping.ts (sending the log and counting acknowledgements),
 * following.ts (taking the log in order, rollback), leadership.ts (promotion, stepping down, fencing),
 * reads.ts (reads and session tokens), views.ts (node detail, gauges, invariants).
 */
import type { ClientRequest, NodeId } from '../../../core/types';
import { followLeader } from './leadership';
import { receiveAppend, receivePromotion } from './following';
import { handleRead, redirectExpiredReads, redirectToLeader } from './reads';
import { advanceCommit, measureLag, receiveAck, receiveMismatch, sendAppend } from './shipping';
import {
  applyVisible,
  downstream,
  fencesByEpoch,
  relayedStream,
  type ReplicaContext,
  type ReplicaState,
  type ReplicationMessage,
  type ReplicationTimer,
} from './state';
import type { LogEntry } from './log';
import { guaranteeFor, tokenOf } from './session';

export { acceptsLeader, followLeader, promote } from './leadership';
export {
  fencesByEpoch,
  initReplicaDurable,
  initReplicaVolatile,
  type AcknowledgedWrite,
  type FollowerLag,
  type ReplicaContext,
  type ReplicaDurable,
  type ReplicaState,
  type ReplicaVolatile,
  type ReplicationMessage,
  type ReplicationTimer,
  type Role,
  type Stream,
  type SyncedStream,
} from './state';
export * from './views';

export const replicateTimer: ReplicationTimer = { kind: 'replicate' };

export function startReplica(ctx: ReplicaContext, state: ReplicaState): void {
  applyVisible(state.durable);
  ctx.setTimer(replicateTimer, ctx.params.replicateIntervalMs);
}

export function handleReplicationMessage(
  ctx: ReplicaContext,
  state: ReplicaState,
  from: NodeId,
  message: ReplicationMessage,
): void {
  switch (message.type) {
    case 'append':
      receiveAppend(ctx, state, from, message);
      break;
    case 'ack':
      receiveAck(ctx, state, from, message);
      break;
    case 'mismatch':
      receiveMismatch(ctx, state, from, message);
      break;
    case 'stale':
      if (fencesByEpoch(ctx.params) && message.epoch > state.durable.epoch) {
        followLeader(
          ctx,
          state,
          message.leader,
          message.epoch,
          `fenced: ${from} has seen epoch ${message.epoch}`,
        );
      }
      break;
    case 'promoted':
      receivePromotion(ctx, state, from, message);
      break;
  }
}

export function handleClientRequest(ctx: ReplicaContext, state: ReplicaState, request: ClientRequest): void {
  if (request.op === 'write') handleWrite(ctx, state, request);
  else if (request.op === 'read') handleRead(ctx, state, request);
  else
    ctx.reply(request.id, {
      ok: false,
      error: `single-leader replication supports read and write, not ${request.op}`,
    });
}

function handleWrite(ctx: ReplicaContext, state: ReplicaState, request: ClientRequest): void {
  const { durable, volatile } = state;
  if (durable.role !== 'leader') {
    redirectToLeader(ctx, state, request.id);
    return;
  }
  if (volatile.writesPausedReason) {
    ctx.reply(request.id, { ok: false, error: volatile.writesPausedReason });
    return;
  }
  const entry: LogEntry = {
    index: durable.log.length + 1,
    epoch: durable.epoch,
    key: request.key,
    value: request.value ?? null,
    writtenAt: ctx.clock.now,
  };
  durable.log.push(entry);
  volatile.pendingWrites.push({
    index: entry.index,
    requestId: request.id,
    token: tokenOf(request),
    sendsSession: guaranteeFor(request, ctx.params) !== 'none',
  });
  for (const target of downstream(ctx, durable.synced!)) {
    if ((volatile.nextIndex[target] ?? entry.index) === entry.index) sendAppend(ctx, state, target);
  }
  advanceCommit(ctx, state);
}

export function onReplicateTimer(ctx: ReplicaContext, state: ReplicaState): void {
  const { durable, volatile } = state;
  ctx.setTimer(replicateTimer, ctx.params.replicateIntervalMs);
  const stream = relayedStream(durable, ctx.self);
  if (stream) {
    for (const target of downstream(ctx, stream)) {
      const match = volatile.matchIndex[target] ?? 0;
      // Resend from the last acknowledged entry when a node made no progress for a whole tick (loss, a restart).
      if (match < durable.log.length && match === volatile.matchAtLastTick[target]) {
        volatile.nextIndex[target] = match + 1;
        sendAppend(ctx, state, target);
      }
      volatile.matchAtLastTick[target] = match;
    }
  }
  if (durable.role === 'leader') measureLag(ctx, state);
  redirectExpiredReads(ctx, state);
}
