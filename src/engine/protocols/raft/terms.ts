/**
 * Terms and roles (§5.1): the election timer, adopting a higher term, and falling back to follower.
 * Both elections and replication use these, so they sit below both.
 */
import type { NodeId } from '../../core/types';
import type { RaftContext, RaftState, RaftTimer } from './types';
import { abandonClientRequests } from './waiting';

export const electionTimer: RaftTimer = { kind: 'election' };
export const heartbeatTimer: RaftTimer = { kind: 'heartbeat' };

/** A fresh random timeout each time, so nodes that timed out together rarely do so again. */
export function resetElectionTimer(ctx: RaftContext): void {
  ctx.setTimer(
    electionTimer,
    ctx.random.int(ctx.params.electionTimeoutMinMs, ctx.params.electionTimeoutMaxMs),
  );
}

/** Figure 2, rules for all servers: a request or reply with a higher term makes this node adopt it and follow. */
export function observeTerm(ctx: RaftContext, state: RaftState, term: number): void {
  if (term <= state.durable.currentTerm) return;
  if (state.volatile.role === 'leader') ctx.note(`${ctx.self} stepped down: saw term ${term}`);
  state.durable.currentTerm = term;
  state.durable.votedFor = null;
  becomeFollower(ctx, state, null);
}

export function becomeFollower(ctx: RaftContext, state: RaftState, leaderId: NodeId | null): void {
  const { volatile } = state;
  if (volatile.role === 'leader') {
    abandonClientRequests(ctx, state);
    volatile.leader = null;
    ctx.cancelTimer(heartbeatTimer);
    resetElectionTimer(ctx);
  }
  volatile.role = 'follower';
  volatile.votes = [];
  volatile.leaderId = leaderId;
}
