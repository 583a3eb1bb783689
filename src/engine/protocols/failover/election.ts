/**
 * Elections, after MongoDB replica sets (protocol version 1) and Raft: a node that suspects its leader
 * stands in a new epoch and asks everyone for a vote. A node votes at most once per epoch, only for a
 * candidate whose log is at least as up to date as its own (higher last epoch, then longer), and only if
 * it has lost contact with the leader itself, so one node with a bad link cannot depose a healthy leader.
 * A candidate with votes from a majority is promoted. A node that refuses because its own log is more
 * up to date stands itself, so the most up-to-date reachable follower ends up leader.
 *
 * Epochs are the election terms. With epoch fencing a voter moves to the new epoch as it votes and from
 * then on refuses the old leader; without it the voter keeps replicating from the old leader until the
 * winner announces itself.
 */
import { fencesByEpoch, followLeader, promote } from '../replication/core/replica';
import { isAtLeastAsUpToDate, positionOf } from '../replication/core/log';
import { majority } from '../shared/majority';
import { doubtsLeader } from './liveness';
import {
  nextEpoch,
  type FailoverContext,
  type FailoverMessage,
  type FailoverState,
  type FailoverTimer,
  type VoteRefusal,
} from './state';

export const electionTimer: FailoverTimer = { kind: 'election' };

export function startElection(ctx: FailoverContext, state: FailoverState): void {
  const { durable, volatile } = state;
  const epoch = nextEpoch(durable);
  durable.epoch = epoch;
  durable.role = 'candidate';
  durable.vote = { epoch, for: ctx.self };
  durable.elections++;
  // With fencing the new epoch has no known leader yet; without it the candidate keeps replicating from
  // the old leader (and remembers whom to power off under STONITH).
  if (fencesByEpoch(ctx.params)) durable.leader = null;
  volatile.votes = [ctx.self];
  volatile.standAt = null;
  ctx.note(`${ctx.self} stands for election in epoch ${epoch}`);
  ctx.broadcast({ type: 'voteRequest', epoch, ...positionOf(durable.log) });
  ctx.setTimer(electionTimer, ctx.params.electionTimeoutMs);
}

function withdraw(ctx: FailoverContext, state: FailoverState, why: string): void {
  const { durable, volatile } = state;
  durable.role = 'follower';
  volatile.votes = [];
  volatile.standAt = ctx.clock.now + ctx.params.electionTimeoutMs * (1 + ctx.random.float());
  ctx.cancelTimer(electionTimer);
  ctx.note(`${ctx.self} withdraws from the election in epoch ${durable.epoch}: ${why}`);
}

export function onElectionTimeout(ctx: FailoverContext, state: FailoverState): void {
  if (state.durable.role === 'candidate')
    withdraw(ctx, state, `no majority within ${ctx.params.electionTimeoutMs} ms`);
}

export function receiveVoteRequest(
  ctx: FailoverContext,
  state: FailoverState,
  from: string,
  message: Extract<FailoverMessage, { type: 'voteRequest' }>,
): void {
  const { durable, volatile } = state;
  const refuse = (refusal: VoteRefusal) =>
    ctx.send(from, {
      type: 'voteReply',
      epoch: message.epoch,
      granted: false,
      refusal,
      voterEpoch: durable.epoch,
    });
  const vote = durable.vote;
  if (durable.role === 'leader') return refuse('is-leader');
  if (fencesByEpoch(ctx.params) && message.epoch < durable.epoch) return refuse('newer-epoch');
  if (vote && (vote.epoch > message.epoch || (vote.epoch === message.epoch && vote.for !== from)))
    return refuse('already-voted');
  if (durable.leader !== from && !doubtsLeader(ctx, state)) return refuse('hears-leader');
  // This node has lost its leader too, so it moves to the candidate's epoch whatever it answers; its own
  // candidacy, if it stands, then goes above that epoch, where nobody has voted yet.
  if (message.epoch > durable.epoch) {
    durable.epoch = message.epoch;
    if (durable.role === 'candidate') durable.role = 'follower';
    if (fencesByEpoch(ctx.params)) durable.leader = null;
  }
  if (!isAtLeastAsUpToDate(message, positionOf(durable.log))) {
    // This node's log is ahead of the candidate's, so it should stand itself, soon. The random delay
    // keeps two equally up-to-date nodes that refuse the same candidate from splitting the next vote.
    if (durable.role === 'follower' && ctx.params.autoFailover) {
      const soon = ctx.clock.now + ctx.random.float() * ctx.params.electionTimeoutMs;
      volatile.standAt = Math.min(volatile.standAt ?? Infinity, soon);
    }
    return refuse('more-up-to-date');
  }
  durable.vote = { epoch: message.epoch, for: from };
  durable.role = 'follower';
  volatile.standAt = ctx.clock.now + ctx.params.electionTimeoutMs;
  ctx.send(from, { type: 'voteReply', epoch: message.epoch, granted: true, voterEpoch: durable.epoch });
}

export function receiveVoteReply(
  ctx: FailoverContext,
  state: FailoverState,
  from: string,
  message: Extract<FailoverMessage, { type: 'voteReply' }>,
): void {
  const { durable, volatile } = state;
  if (durable.role !== 'candidate') return;
  if (fencesByEpoch(ctx.params) && message.voterEpoch > durable.epoch) {
    followLeader(ctx, state, null, message.voterEpoch, `${from} is in a newer epoch`);
    return;
  }
  if (message.epoch !== durable.epoch) return;
  if (message.granted) {
    if (!volatile.votes.includes(from)) volatile.votes.push(from);
    if (volatile.votes.length >= majority(ctx.nodes.length)) {
      ctx.cancelTimer(electionTimer);
      promote(ctx, state, durable.epoch, {
        how: `after winning ${volatile.votes.length} of ${ctx.nodes.length} votes`,
      });
    }
  } else if (message.refusal === 'more-up-to-date') {
    withdraw(ctx, state, `${from} has a more up-to-date log`);
  }
}
