/**
 * Planned switchover (Patroni's `switchover`, MongoDB's replSetStepDown with catch-up): the leader stops
 * taking new writes, waits until its pending writes are acknowledged and the target holds its whole log,
 * then hands over and follows the target, which promotes itself in the next epoch. Because the target
 * has every entry before it takes over, nothing is lost, even with asynchronous replication.
 */
import type { NodeId } from '../../core/types';
import { followLeader, promote } from '../replication/core/replica';
import { nextEpoch, type FailoverContext, type FailoverMessage, type FailoverState } from './state';

export function beginSwitchover(ctx: FailoverContext, state: FailoverState, target: unknown): void {
  const { durable, volatile } = state;
  if (durable.role !== 'leader') {
    ctx.note(`${ctx.self} cannot switch over: it is not the leader`);
    return;
  }
  if (typeof target !== 'string' || target === ctx.self || !ctx.nodes.includes(target)) {
    ctx.note(`${ctx.self} cannot switch over: args.to must name another node (${ctx.nodes.join(', ')})`);
    return;
  }
  volatile.switchover = { target, startedAt: ctx.clock.now };
  volatile.writesPausedReason = `${ctx.self} is handing over to ${target}: writes are paused`;
  ctx.note(
    `${ctx.self} begins a planned switchover to ${target}: new writes paused until ${target} has caught up`,
  );
  continueSwitchover(ctx, state);
}

/** Hands over once the target has everything, or gives up after switchoverTimeoutMs. Runs after every event. */
export function continueSwitchover(ctx: FailoverContext, state: FailoverState): void {
  const { durable, volatile } = state;
  const switchover = volatile.switchover;
  if (!switchover || durable.role !== 'leader') return;
  const { target } = switchover;
  const caughtUp =
    volatile.pendingWrites.length === 0 && (volatile.positions[target] ?? 0) >= durable.log.length;
  if (caughtUp) {
    volatile.switchover = null;
    volatile.handover = { target, lastIndex: durable.log.length };
    sendHandover(ctx, state, target);
    followLeader(
      ctx,
      state,
      target,
      durable.epoch,
      `handed over to ${target}, which holds all ${durable.log.length} entries`,
    );
  } else if (ctx.clock.now - switchover.startedAt > ctx.params.switchoverTimeoutMs) {
    volatile.switchover = null;
    volatile.writesPausedReason = null;
    ctx.note(
      `${ctx.self} abandons the switchover: ${target} did not catch up within ${ctx.params.switchoverTimeoutMs} ms; writes resume`,
    );
  }
}

function sendHandover(ctx: FailoverContext, state: FailoverState, target: NodeId): void {
  ctx.send(target, {
    type: 'handover',
    epoch: state.durable.epoch,
    lastIndex: state.volatile.handover!.lastIndex,
  });
}

/** The old leader repeats its handover until the target's new epoch reaches it (the message may be lost). */
export function repeatHandover(ctx: FailoverContext, state: FailoverState): void {
  const { durable, volatile } = state;
  const handover = volatile.handover;
  if (!handover) return;
  if (durable.leader !== handover.target || durable.synced?.leader === handover.target) {
    volatile.handover = null;
    return;
  }
  sendHandover(ctx, state, handover.target);
}

export function receiveHandover(
  ctx: FailoverContext,
  state: FailoverState,
  from: NodeId,
  message: Extract<FailoverMessage, { type: 'handover' }>,
): void {
  const { durable } = state;
  // Only the leader this node follows, in the epoch it still leads, can hand over.
  if (durable.role === 'leader' || durable.leader !== from || message.epoch !== durable.epoch) return;
  if (durable.log.length < message.lastIndex) {
    ctx.note(
      `${ctx.self} cannot take over from ${from}: it holds ${durable.log.length} of ${message.lastIndex} entries`,
    );
    return;
  }
  promote(ctx, state, Math.max(nextEpoch(durable), message.epoch + 1), {
    how: `by planned switchover from ${from}`,
    handedOver: true,
  });
}
