/**
 * The receiving side of a follower: taking appends strictly in order, reconciling its log with a new
 * leader (rolling back what the new leader does not have), and re-pointing on a promotion announcement.
 */
import type { NodeId } from '../../../core/types';
import { entryAt, epochAt, retryPointAfterMismatch } from './log';
import { acceptsLeader, followLeader } from './leadership';
import { serveWaitingReads } from './reads';
import { sendAppend } from './shipping';
import {
  applyVisible,
  downstream,
  fencesByEpoch,
  resetSenderState,
  type ReplicaContext,
  type ReplicaState,
  type ReplicationMessage,
  type Stream,
} from './state';

export function receivePromotion(
  ctx: ReplicaContext,
  state: ReplicaState,
  from: NodeId,
  message: Extract<ReplicationMessage, { type: 'promoted' }>,
): void {
  if (fencesByEpoch(ctx.params)) {
    acceptsLeader(ctx, state, from, message);
    return;
  }
  // Without fencing the announcement is all there is: whoever hears it re-points to the new leader
  // (a failover tool running CHANGE MASTER / primary_conninfo), and a leader that hears it ignores it.
  if (state.durable.role === 'leader' || message.leader === ctx.self) return;
  followLeader(ctx, state, message.leader, message.epoch, `${message.leader} announced its promotion`);
}

export function receiveAppend(
  ctx: ReplicaContext,
  state: ReplicaState,
  from: NodeId,
  message: Extract<ReplicationMessage, { type: 'append' }>,
): void {
  const { durable, volatile } = state;
  const claim = { leader: message.leader, epoch: message.epoch };
  if (durable.role === 'leader' && message.leader === ctx.self && message.epoch === durable.epoch) {
    // The ring's closing link: our own entries came back round. Drop them, but acknowledge so the sender stops resending.
    volatile.echoesDropped += message.entries.length;
    ctx.send(from, {
      type: 'ack',
      epoch: message.epoch,
      matchIndex: message.prevIndex + message.entries.length,
      positions: {},
    });
    return;
  }
  if (!acceptsLeader(ctx, state, from, claim)) return;

  const { prevIndex } = message;
  if (prevIndex > durable.log.length || epochAt(durable.log, prevIndex) !== message.prevEpoch) {
    ctx.send(from, {
      type: 'mismatch',
      epoch: message.epoch,
      retryAfter: retryPointAfterMismatch(durable.log, prevIndex),
    });
    return;
  }
  const wasSynced = isSameStream(durable.synced, claim);
  if (!wasSynced) {
    durable.synced = null;
    resetSenderState(volatile);
    // From its epoch start on, the new leader's log holds only its own entries, which this node cannot have yet.
    rollBackTo(ctx, state, Math.max(prevIndex, message.epochStart - 1), claim.leader);
  }
  const grewFrom = durable.log.length;
  message.entries.forEach((entry, offset) => {
    const index = prevIndex + 1 + offset;
    const existing = entryAt(durable.log, index);
    if (existing && existing.epoch === entry.epoch) return;
    if (existing) rollBackTo(ctx, state, index - 1, claim.leader);
    durable.log.push(entry);
  });
  const verified = prevIndex + message.entries.length;
  // Reconciled once every entry this node holds has been checked against the leader's.
  if (!wasSynced && durable.log.length <= verified)
    durable.synced = { ...claim, epochStart: message.epochStart };
  applyVisible(durable);
  const matchIndex = durable.synced ? durable.log.length : verified;
  ctx.send(from, { type: 'ack', epoch: message.epoch, matchIndex, positions: volatile.positions });
  if (durable.log.length > grewFrom) serveWaitingReads(ctx, state);
  if (durable.synced && durable.log.length > grewFrom) {
    for (const target of downstream(ctx, claim)) {
      volatile.nextIndex[target] ??= grewFrom + 1;
      sendAppend(ctx, state, target);
    }
  }
}

function isSameStream(a: Stream | null, b: Stream): boolean {
  return a !== null && a.leader === b.leader && a.epoch === b.epoch;
}

/** Cuts the log back to `keep` entries, saying how many of them this node had acknowledged itself. */
function rollBackTo(ctx: ReplicaContext, state: ReplicaState, keep: number, newLeader: NodeId): void {
  const { durable } = state;
  const removed = durable.log.slice(keep);
  if (removed.length === 0) return;
  durable.log.length = keep;
  durable.commitIndex = Math.min(durable.commitIndex, keep);
  applyVisible(durable);
  const lost = durable.acknowledged.filter(
    (write) =>
      write.index > keep &&
      removed.some((entry) => entry.index === write.index && entry.epoch === write.epoch),
  ).length;
  const lostText =
    lost > 0 ? `; ${lost} of them it had acknowledged to clients, and those writes are now lost` : '';
  ctx.note(`${ctx.self} rolled back ${removed.length} entries that are not on ${newLeader}'s log${lostText}`);
}
