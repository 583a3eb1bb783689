/**
 * Reads: served by the leader from acknowledged state, or by a follower from whatever it has applied
 * when reads may go to any node, subject to the client's session token (see ./session.ts).
 */
import type { ClientRequest } from '../../../core/types';
import { afterRead, guaranteeFor, positionNeeded, tokenOf } from './session';
import type { ReplicaContext, ReplicaState } from './state';

export function redirectToLeader(ctx: ReplicaContext, state: ReplicaState, requestId: number): void {
  const leader = state.durable.leader;
  if (leader && leader !== ctx.self) {
    ctx.reply(requestId, { ok: false, error: `${ctx.self} is not the leader`, redirectTo: leader });
  } else {
    ctx.reply(requestId, { ok: false, error: `${ctx.self} knows of no leader` });
  }
}

export function handleRead(ctx: ReplicaContext, state: ReplicaState, request: ClientRequest): void {
  const { durable, volatile } = state;
  if (durable.role === 'leader') {
    serveRead(ctx, state, request, durable.commitIndex);
    return;
  }
  const readFrom =
    request.options?.readFrom === 'any' || request.options?.readFrom === 'leader'
      ? request.options.readFrom
      : ctx.params.readFrom;
  if (readFrom === 'leader') {
    redirectToLeader(ctx, state, request.id);
    return;
  }
  const needed = positionNeeded(tokenOf(request), guaranteeFor(request, ctx.params));
  if (durable.log.length >= needed) serveRead(ctx, state, request, durable.log.length);
  else volatile.waitingReads.push({ request, needed, since: ctx.clock.now });
}

function serveRead(ctx: ReplicaContext, state: ReplicaState, request: ClientRequest, position: number): void {
  const value = state.durable.kv[request.key] ?? null;
  if (guaranteeFor(request, ctx.params) === 'none') ctx.reply(request.id, { ok: true, value });
  else ctx.reply(request.id, { ok: true, value, session: afterRead(tokenOf(request), position) });
}

export function serveWaitingReads(ctx: ReplicaContext, state: ReplicaState): void {
  const { durable, volatile } = state;
  const ready = volatile.waitingReads.filter((read) => read.needed <= durable.log.length);
  if (ready.length === 0) return;
  volatile.waitingReads = volatile.waitingReads.filter((read) => read.needed > durable.log.length);
  for (const read of ready) serveRead(ctx, state, read.request, durable.log.length);
}

/** A follower that could not catch up with a session in time sends the client to the leader. */
export function redirectExpiredReads(ctx: ReplicaContext, state: ReplicaState): void {
  const { volatile } = state;
  const expired = volatile.waitingReads.filter(
    (read) => ctx.clock.now - read.since >= ctx.params.sessionWaitMs,
  );
  if (expired.length === 0) return;
  volatile.waitingReads = volatile.waitingReads.filter((read) => !expired.includes(read));
  for (const read of expired) redirectToLeader(ctx, state, read.request.id);
}
