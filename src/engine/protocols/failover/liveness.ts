/**
 * Heartbeats and suspicion. The leader sends every node a heartbeat each `heartbeatIntervalMs`; every
 * other node feeds the arrivals from its own leader to its failure detector and consults it every
 * `detectorCheckMs`. When the detector starts to suspect the leader, the node plans to stand for election
 * after a delay that grows with the number of followers more up to date than itself.
 */
import { acceptsLeader } from '../replication/core/replica';
import { judge, recordHeartbeat, startListening } from './detector';
import {
  detectorSettings,
  type FailoverContext,
  type FailoverMessage,
  type FailoverState,
  type FailoverTimer,
} from './state';

export const heartbeatTimer: FailoverTimer = { kind: 'heartbeat' };
export const detectTimer: FailoverTimer = { kind: 'detect' };

export function sendHeartbeats(ctx: FailoverContext, state: FailoverState): void {
  const { durable, volatile } = state;
  ctx.broadcast({
    type: 'heartbeat',
    epoch: durable.epoch,
    leader: ctx.self,
    positions: { ...volatile.positions },
  });
}

export function onHeartbeatTimer(ctx: FailoverContext, state: FailoverState): void {
  if (state.durable.role !== 'leader') return;
  sendHeartbeats(ctx, state);
  ctx.setTimer(heartbeatTimer, ctx.params.heartbeatIntervalMs);
}

/** Forgets what was learnt about the previous leader's heartbeats: a new leader starts with a clean slate. */
export function listenAfresh(ctx: FailoverContext, state: FailoverState): void {
  const { volatile } = state;
  volatile.heartbeats = startListening(ctx.clock.now, ctx.params.heartbeatIntervalMs);
  volatile.suspecting = false;
  volatile.suspicionLevel = 0;
  volatile.standAt = null;
}

export function receiveHeartbeat(
  ctx: FailoverContext,
  state: FailoverState,
  from: string,
  message: Extract<FailoverMessage, { type: 'heartbeat' }>,
): void {
  const { volatile } = state;
  if (!acceptsLeader(ctx, state, from, { leader: message.leader, epoch: message.epoch }, volatile.suspecting))
    return;
  recordHeartbeat(volatile.heartbeats, ctx.clock.now, ctx.params.phiWindowSize);
  volatile.positionsFromLeader = message.positions;
  volatile.suspecting = false;
  volatile.standAt = null;
}

/** How long a node that just began to suspect its leader waits before standing: rank × delay, plus a little jitter. */
function standDelay(ctx: FailoverContext, state: FailoverState): number {
  const { durable, volatile } = state;
  const mine = volatile.positionsFromLeader[ctx.self] ?? 0;
  const rank = Object.entries(volatile.positionsFromLeader).filter(
    ([node, position]) =>
      node !== ctx.self &&
      node !== durable.leader &&
      (position > mine || (position === mine && node < ctx.self)),
  ).length;
  const delay = ctx.params.electionRankDelayMs;
  return rank * delay + ctx.random.float() * (delay / 2);
}

/** Consults the detector. Returns true when the node should stand for election now. */
export function onDetectTick(ctx: FailoverContext, state: FailoverState): boolean {
  const { durable, volatile } = state;
  ctx.setTimer(detectTimer, ctx.params.detectorCheckMs);
  if (durable.role === 'leader') return false;
  const now = ctx.clock.now;
  const suspicion = judge(detectorSettings(ctx.params), volatile.heartbeats, now);
  volatile.suspicionLevel = suspicion.level;
  volatile.suspicionReading = suspicion.reading;
  if (suspicion.suspected && !volatile.suspecting) {
    volatile.suspecting = true;
    durable.suspicions++;
    ctx.note(
      durable.leader
        ? `${ctx.self} suspects ${durable.leader}: ${suspicion.reading}`
        : `${ctx.self} hears no leader: ${suspicion.reading}`,
    );
    volatile.standAt ??= now + standDelay(ctx, state);
  }
  return (
    volatile.suspecting &&
    ctx.params.autoFailover &&
    volatile.handover === null &&
    durable.role === 'follower' &&
    volatile.standAt !== null &&
    now >= volatile.standAt
  );
}

/** Whether this node currently suspects (or has no) leader, judged right now. */
export function doubtsLeader(ctx: FailoverContext, state: FailoverState): boolean {
  const { durable, volatile } = state;
  if (durable.leader === null) return true;
  return judge(detectorSettings(ctx.params), volatile.heartbeats, ctx.clock.now).suspected;
}
