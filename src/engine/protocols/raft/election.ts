/**
 * Leader election (§5.2, §5.4.1): randomized election timeouts, RequestVote with the up-to-date check,
 * one vote per term, and a new leader's first heartbeat.
 */
import type { NodeId } from '../../core/types';
import { majority } from '../shared/majority';
import { isAtLeastAsUpToDate, lastIndex, lastTerm } from './log';
import { appendEntry, broadcastAppendEntries } from './replication';
import { electionTimer, heartbeatTimer, observeTerm, resetElectionTimer } from './terms';
import type { RaftContext, RaftMessage, RaftState } from './types';

/** Figure 2, followers and candidates: the election timeout elapsed without hearing from a leader. */
export function startElection(ctx: RaftContext, state: RaftState): void {
  const { durable, volatile } = state;
  durable.currentTerm++;
  durable.votedFor = ctx.self;
  volatile.role = 'candidate';
  volatile.leaderId = null;
  volatile.votes = [ctx.self];
  ctx.note(`${ctx.self} started an election for term ${durable.currentTerm}`);
  resetElectionTimer(ctx);
  ctx.broadcast({
    type: 'RequestVote',
    term: durable.currentTerm,
    candidateId: ctx.self,
    lastLogIndex: lastIndex(durable.log),
    lastLogTerm: lastTerm(durable.log),
  });
  if (volatile.votes.length >= majority(ctx.nodes.length)) becomeLeader(ctx, state);
}

export function handleRequestVote(
  ctx: RaftContext,
  state: RaftState,
  message: Extract<RaftMessage, { type: 'RequestVote' }>,
): void {
  observeTerm(ctx, state, message.term);
  const { durable } = state;
  const voteGranted =
    message.term === durable.currentTerm &&
    (durable.votedFor === null || durable.votedFor === message.candidateId) &&
    isAtLeastAsUpToDate(message.lastLogTerm, message.lastLogIndex, durable.log);
  if (voteGranted) {
    if (durable.votedFor === null)
      ctx.note(`${ctx.self} voted for ${message.candidateId} in term ${durable.currentTerm}`);
    durable.votedFor = message.candidateId;
    resetElectionTimer(ctx);
  }
  ctx.send(message.candidateId, { type: 'RequestVoteReply', term: durable.currentTerm, voteGranted });
}

export function handleRequestVoteReply(
  ctx: RaftContext,
  state: RaftState,
  from: NodeId,
  message: Extract<RaftMessage, { type: 'RequestVoteReply' }>,
): void {
  observeTerm(ctx, state, message.term);
  const { durable, volatile } = state;
  // A granted vote always carries the term it was granted in, so this is a vote for the current candidacy.
  if (volatile.role !== 'candidate' || message.term !== durable.currentTerm || !message.voteGranted) return;
  if (!volatile.votes.includes(from)) volatile.votes.push(from);
  if (volatile.votes.length >= majority(ctx.nodes.length)) becomeLeader(ctx, state);
}

/**
 * A candidate with a majority of votes takes office: it resets nextIndex/matchIndex (Figure 2), appends a
 * no-op of its own term (§8) so entries of earlier terms get committed through it, and sends AppendEntries
 * at once to announce itself.
 */
function becomeLeader(ctx: RaftContext, state: RaftState): void {
  const { durable, volatile } = state;
  const peers = ctx.nodes.filter((node) => node !== ctx.self);
  volatile.role = 'leader';
  volatile.leaderId = ctx.self;
  volatile.votes = [];
  volatile.leader = {
    nextIndex: Object.fromEntries(peers.map((peer) => [peer, lastIndex(durable.log) + 1])),
    matchIndex: Object.fromEntries(peers.map((peer) => [peer, 0])),
    termStartIndex: 0,
    round: 0,
    ackedRound: Object.fromEntries(peers.map((peer) => [peer, 0])),
    pendingEntries: {},
    pendingReads: [],
  };
  ctx.cancelTimer(electionTimer);
  ctx.note(`${ctx.self} became leader in term ${durable.currentTerm}`);
  volatile.leader.termStartIndex = appendEntry(ctx, state, { op: 'noop' });
  broadcastAppendEntries(ctx, state);
  ctx.setTimer(heartbeatTimer, ctx.params.heartbeatMs);
}
