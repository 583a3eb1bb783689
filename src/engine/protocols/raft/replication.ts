/**
 * Log replication and commitment (§5.3, §5.4.2): AppendEntries with the consistency check, conflict
 * truncation, the fast-backtracking hint, the commit rule that only counts replicas for entries of the
 * leader's own term, and applying committed entries to the key-value store in order.
 */
import type { NodeId } from '../../core/types';
import { becomeFollower, observeTerm, resetElectionTimer } from './terms';
import { majority } from '../shared/majority';
import { firstIndexOfTerm, lastIndex, lastIndexOfTerm, termAt } from './log';
import { applyCommand } from './stateMachine';
import type { Command, RaftContext, RaftMessage, RaftState } from './types';
import { answerAppliedEntry, serveReadyReads } from './waiting';

type AppendEntries = Extract<RaftMessage, { type: 'AppendEntries' }>;
type AppendEntriesReply = Extract<RaftMessage, { type: 'AppendEntriesReply' }>;

/** The leader appends a command of its current term and returns the new entry's index. */
export function appendEntry(ctx: RaftContext, state: RaftState, command: Command): number {
  // Entries never change once written; freezing them lets checkpoints share them instead of copying.
  state.durable.log.push(Object.freeze({ term: state.durable.currentTerm, command: Object.freeze(command) }));
  advanceCommitIndex(ctx, state); // a one-node cluster commits as soon as it appends
  return lastIndex(state.durable.log);
}

export function sendAppendEntries(ctx: RaftContext, state: RaftState, peer: NodeId): void {
  const { durable, volatile } = state;
  const leader = volatile.leader!;
  const prevLogIndex = leader.nextIndex[peer]! - 1;
  ctx.send(peer, {
    type: 'AppendEntries',
    term: durable.currentTerm,
    leaderId: ctx.self,
    prevLogIndex,
    prevLogTerm: termAt(durable.log, prevLogIndex)!,
    entries: durable.log.slice(prevLogIndex, prevLogIndex + ctx.params.maxEntriesPerAppend),
    leaderCommit: volatile.commitIndex,
    round: leader.round,
  });
}

/** Starts a new round: AppendEntries (a heartbeat when there is nothing new) to every follower. Returns the round. */
export function broadcastAppendEntries(ctx: RaftContext, state: RaftState): number {
  const leader = state.volatile.leader!;
  leader.round++;
  for (const peer of ctx.nodes) if (peer !== ctx.self) sendAppendEntries(ctx, state, peer);
  return leader.round;
}

/** Figure 2, AppendEntries RPC, receiver implementation (steps 1–5). */
export function handleAppendEntries(
  ctx: RaftContext,
  state: RaftState,
  from: NodeId,
  message: AppendEntries,
): void {
  observeTerm(ctx, state, message.term);
  const { durable, volatile } = state;

  // 1. Reply false if term < currentTerm.
  if (message.term < durable.currentTerm)
    return replyTo(ctx, from, durable.currentTerm, { outcome: 'stale-term' });
  // Only one leader per term, so this is it: a candidate gives up, a follower learns who leads.
  if (volatile.role === 'leader') return; // cannot happen while election safety holds
  if (volatile.role === 'candidate' || volatile.leaderId !== from) becomeFollower(ctx, state, from);
  resetElectionTimer(ctx);

  // 2. Reply false if the log has no entry at prevLogIndex whose term matches prevLogTerm.
  const log = durable.log;
  if (message.prevLogIndex > lastIndex(log)) {
    return replyTo(ctx, from, durable.currentTerm, {
      outcome: 'log-mismatch',
      conflictIndex: lastIndex(log) + 1,
      conflictTerm: null,
      round: message.round,
    });
  }
  const termThere = termAt(log, message.prevLogIndex)!;
  if (termThere !== message.prevLogTerm) {
    const conflictIndex = firstIndexOfTerm(log, termThere, message.prevLogIndex);
    return replyTo(ctx, from, durable.currentTerm, {
      outcome: 'log-mismatch',
      conflictIndex,
      conflictTerm: termThere,
      round: message.round,
    });
  }

  // 3. Delete an existing entry that conflicts with a new one (same index, different term) and all that follow.
  // 4. Append any new entries not already in the log. Matching entries stay, so a late, shorter message
  //    never cuts off entries a newer message already added.
  const entries = message.entries;
  for (let offset = 0; offset < entries.length; offset++) {
    const entry = entries[offset]!;
    const index = message.prevLogIndex + 1 + offset;
    const existingTerm = termAt(log, index);
    if (existingTerm !== undefined && existingTerm !== entry.term) log.length = index - 1;
    if (index > lastIndex(log)) log.push(entry);
  }

  // 5. If leaderCommit > commitIndex, commitIndex = min(leaderCommit, index of last new entry).
  const lastNewIndex = message.prevLogIndex + entries.length;
  const commitIndex = Math.min(message.leaderCommit, lastNewIndex);
  if (commitIndex > volatile.commitIndex) {
    volatile.commitIndex = commitIndex;
    applyCommitted(ctx, state);
  }
  replyTo(ctx, from, durable.currentTerm, {
    outcome: 'appended',
    matchIndex: lastNewIndex,
    round: message.round,
  });
}

function replyTo(
  ctx: RaftContext,
  to: NodeId,
  term: number,
  body: DistributiveOmit<AppendEntriesReply, 'type' | 'term'>,
): void {
  ctx.send(to, { type: 'AppendEntriesReply', term, ...body } as AppendEntriesReply);
}

export function handleAppendEntriesReply(
  ctx: RaftContext,
  state: RaftState,
  from: NodeId,
  message: AppendEntriesReply,
): void {
  observeTerm(ctx, state, message.term);
  const { durable, volatile } = state;
  const leader = volatile.leader;
  // Replies that are not stale-term rejections carry the term of the request, so this one answers us.
  if (!leader || message.term !== durable.currentTerm || message.outcome === 'stale-term') return;
  leader.ackedRound[from] = Math.max(leader.ackedRound[from]!, message.round);

  if (message.outcome === 'appended') {
    leader.matchIndex[from] = Math.max(leader.matchIndex[from]!, message.matchIndex);
    leader.nextIndex[from] = Math.max(leader.nextIndex[from]!, message.matchIndex + 1);
    advanceCommitIndex(ctx, state);
  } else {
    // §5.3 optimisation: skip the follower's whole conflicting term instead of one entry per round trip.
    const lastOfTerm = message.conflictTerm === null ? 0 : lastIndexOfTerm(durable.log, message.conflictTerm);
    const next = lastOfTerm > 0 ? lastOfTerm + 1 : message.conflictIndex;
    leader.nextIndex[from] = Math.max(
      leader.matchIndex[from]! + 1,
      Math.min(next, lastIndex(durable.log) + 1),
    );
  }
  serveReadyReads(ctx, state);
  if (volatile.leader && leader.nextIndex[from]! <= lastIndex(durable.log))
    sendAppendEntries(ctx, state, from);
}

/**
 * Figure 2, rules for leaders: commit the highest N > commitIndex stored on a majority with
 * log[N].term == currentTerm. Entries of earlier terms are committed only indirectly, through N
 * (§5.4.2, Figure 8): counting their replicas is not enough. `unsafeCommitOldTerms` drops that check.
 */
function advanceCommitIndex(ctx: RaftContext, state: RaftState): void {
  const { durable, volatile } = state;
  const leader = volatile.leader;
  if (!leader) return;
  const needed = majority(ctx.nodes.length);
  for (let n = lastIndex(durable.log); n > volatile.commitIndex; n--) {
    const term = termAt(durable.log, n)!;
    if (term !== durable.currentTerm && !ctx.params.unsafeCommitOldTerms) break; // terms only fall going back
    let holders = 1; // the leader itself
    for (const peer in leader.matchIndex) if (leader.matchIndex[peer]! >= n) holders++;
    if (holders >= needed) {
      volatile.commitIndex = n;
      applyCommitted(ctx, state);
      return;
    }
  }
}

/** Figure 2, rules for all servers: apply log[lastApplied + 1 … commitIndex] in order. */
export function applyCommitted(ctx: RaftContext, state: RaftState): void {
  const { durable, volatile } = state;
  const machine = volatile.machine;
  while (machine.lastApplied < volatile.commitIndex) {
    const index = machine.lastApplied + 1;
    const outcome = applyCommand(machine, durable.log[index - 1]!.command);
    if (outcome && volatile.leader) answerAppliedEntry(ctx, state, index, outcome);
  }
  serveReadyReads(ctx, state);
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
