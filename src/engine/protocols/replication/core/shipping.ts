/**
 * The sending side, on the leader and on relays: shipping the log downstream, tracking each downstream
 * node's replicated position from its acknowledgements, and, on the leader, acknowledging a write to its
 * client once the mode's number of followers hold it.
 */
import type { NodeId } from '../../../core/types';
import { entryAt, epochAt } from './log';
import { requiredAcks } from './params';
import { afterWrite } from './session';
import { upstreamOf } from './topology';
import {
  applyVisible,
  followersOf,
  relayedStream,
  type PendingWrite,
  type ReplicaContext,
  type ReplicaDurable,
  type ReplicaState,
  type ReplicaVolatile,
  type ReplicationMessage,
} from './state';

export function sendAppend(ctx: ReplicaContext, state: ReplicaState, target: NodeId): void {
  const { durable, volatile } = state;
  const stream = relayedStream(durable, ctx.self);
  if (!stream) return;
  const next = volatile.nextIndex[target] ?? durable.log.length + 1;
  const prevIndex = Math.min(next - 1, durable.log.length);
  const entries = durable.log.slice(prevIndex, prevIndex + ctx.params.maxBatch);
  ctx.send(target, {
    type: 'append',
    epoch: stream.epoch,
    leader: stream.leader,
    epochStart: stream.epochStart,
    prevIndex,
    prevEpoch: epochAt(durable.log, prevIndex),
    entries,
  });
  volatile.nextIndex[target] = prevIndex + entries.length + 1;
}

export function receiveAck(
  ctx: ReplicaContext,
  state: ReplicaState,
  from: NodeId,
  message: Extract<ReplicationMessage, { type: 'ack' }>,
): void {
  const { durable, volatile } = state;
  const stream = relayedStream(durable, ctx.self);
  if (!stream || message.epoch !== stream.epoch) return;
  const match = Math.max(volatile.matchIndex[from] ?? 0, message.matchIndex);
  volatile.matchIndex[from] = match;
  volatile.nextIndex[from] = Math.max(volatile.nextIndex[from] ?? 0, match + 1);
  let moved = recordPosition(volatile.positions, from, match);
  for (const [node, position] of Object.entries(message.positions))
    moved = recordPosition(volatile.positions, node, position) || moved;
  if (volatile.nextIndex[from]! <= durable.log.length) sendAppend(ctx, state, from);
  if (durable.role === 'leader') {
    advanceCommit(ctx, state);
    measureLag(ctx, state);
  } else if (moved) {
    // A relay passes its downstream positions upstream so the leader can count them.
    const upstream = upstreamOf(ctx.self, stream.leader, ctx.nodes, ctx.params.topology);
    if (upstream)
      ctx.send(upstream, {
        type: 'ack',
        epoch: stream.epoch,
        matchIndex: durable.log.length,
        positions: volatile.positions,
      });
  }
}

/** Records a replicated position; true when it moved forward. */
function recordPosition(positions: Record<NodeId, number>, node: NodeId, position: number): boolean {
  if (position <= (positions[node] ?? 0)) return false;
  positions[node] = position;
  return true;
}

export function receiveMismatch(
  ctx: ReplicaContext,
  state: ReplicaState,
  from: NodeId,
  message: Extract<ReplicationMessage, { type: 'mismatch' }>,
): void {
  const stream = relayedStream(state.durable, ctx.self);
  if (!stream || message.epoch !== stream.epoch) return;
  state.volatile.nextIndex[from] = message.retryAfter + 1;
  sendAppend(ctx, state, from);
}

/** Moves commitIndex to the highest entry of this epoch that enough followers hold, and answers those clients. */
export function advanceCommit(ctx: ReplicaContext, state: ReplicaState): void {
  const { durable, volatile } = state;
  const followers = followersOf(ctx);
  const required = requiredAcks(ctx.params, followers.length);
  const positions = followers.map((node) => volatile.positions[node] ?? 0).sort((a, b) => b - a);
  const reached =
    required === 0 ? durable.log.length : Math.min(positions[required - 1]!, durable.log.length);
  if (reached > durable.commitIndex && epochAt(durable.log, reached) === durable.epoch) {
    durable.commitIndex = reached;
    applyVisible(durable);
  }
  const done = volatile.pendingWrites.filter((write) => write.index <= durable.commitIndex);
  if (done.length === 0) return;
  volatile.pendingWrites = volatile.pendingWrites.filter((write) => write.index > durable.commitIndex);
  for (const write of done) acknowledgeWrite(ctx, durable, write);
}

function acknowledgeWrite(ctx: ReplicaContext, durable: ReplicaDurable, write: PendingWrite): void {
  const entry = entryAt(durable.log, write.index)!;
  durable.acknowledged.push({ index: entry.index, epoch: entry.epoch, key: entry.key, value: entry.value });
  ctx.reply(
    write.requestId,
    write.sendsSession ? { ok: true, session: afterWrite(write.token, entry.index) } : { ok: true },
  );
}

export function failPendingWrites(ctx: ReplicaContext, volatile: ReplicaVolatile, error: string): void {
  for (const write of volatile.pendingWrites)
    ctx.reply(write.requestId, { ok: false, error, indeterminate: true });
  volatile.pendingWrites = [];
}

/** Lag as the leader sees it: entries each follower has not confirmed, and how long ago the oldest of them was written. */
export function measureLag(ctx: ReplicaContext, state: ReplicaState): void {
  const { durable, volatile } = state;
  for (const node of followersOf(ctx)) {
    const position = Math.min(volatile.positions[node] ?? 0, durable.log.length);
    const oldestMissing = entryAt(durable.log, position + 1);
    volatile.lag[node] = {
      entries: durable.log.length - position,
      ms: oldestMissing ? Math.max(0, ctx.clock.now - oldestMissing.writtenAt) : 0,
    };
  }
}
