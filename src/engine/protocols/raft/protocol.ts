/**
 * Raft (Ongaro & Ousterhout, extended version) with a linearizable key-value store on top. Figure 2 of
 * the paper is the spec; each handler below names the rule it implements. The pieces live in:
 * terms.ts (terms, roles), election.ts (votes), replication.ts (AppendEntries, commit, apply), clients.ts
 * (requests, redirects, reads), waiting.ts (answering waiting clients), stateMachine.ts (the key-value
 * store), invariants.ts (the safety properties).
 */
import { unhandledKind } from '../../core/schema';
import type { Protocol } from '../../core/types';
import { handleClientRequest } from './clients';
import { handleRequestVote, handleRequestVoteReply, startElection } from './election';
import { raftInvariants } from './invariants';
import { broadcastAppendEntries, handleAppendEntries, handleAppendEntriesReply } from './replication';
import { emptyStateMachine } from './stateMachine';
import { electionTimer, heartbeatTimer, resetElectionTimer } from './terms';
import {
  raftParamsSchema,
  type RaftDurable,
  type RaftMessage,
  type RaftParams,
  type RaftTimer,
  type RaftVolatile,
} from './types';
import { describeRaftMessage, describeRaftNode } from './view';

export const raftProtocol: Protocol<RaftParams, RaftDurable, RaftVolatile, RaftMessage, RaftTimer> = {
  id: 'raft',
  title: 'Raft consensus with a key-value store',
  paramsSchema: raftParamsSchema,
  // Candidates ask every node for votes, so every pair of nodes exchanges messages: the default all-to-all.
  drawnTimers: [electionTimer.kind, heartbeatTimer.kind],

  checkParams(params) {
    if (params.electionTimeoutMinMs > params.electionTimeoutMaxMs) {
      return [
        `params.electionTimeoutMinMs: the shortest election timeout cannot exceed the longest (got ${params.electionTimeoutMinMs} > ${params.electionTimeoutMaxMs})`,
      ];
    }
    return [];
  },

  initDurable: () => ({ currentTerm: 0, votedFor: null, log: [] }),

  // After a restart only the disk is left: the node follows, knows no leader, and rebuilds its key-value
  // store by re-applying the log as it learns the commit index again.
  initVolatile: () => ({
    role: 'follower',
    leaderId: null,
    commitIndex: 0,
    machine: emptyStateMachine(),
    votes: [],
    leader: null,
  }),

  onStart(ctx) {
    resetElectionTimer(ctx);
  },

  onTimer(ctx, state, timer) {
    switch (timer.kind) {
      case 'election':
        if (state.volatile.role !== 'leader') startElection(ctx, state);
        return;
      case 'heartbeat':
        if (state.volatile.role === 'leader') {
          broadcastAppendEntries(ctx, state);
          ctx.setTimer(heartbeatTimer, ctx.params.heartbeatMs);
        }
        return;
      default:
        return unhandledKind(timer);
    }
  },

  onMessage(ctx, state, from, message) {
    switch (message.type) {
      case 'RequestVote':
        return handleRequestVote(ctx, state, message);
      case 'RequestVoteReply':
        return handleRequestVoteReply(ctx, state, from, message);
      case 'AppendEntries':
        return handleAppendEntries(ctx, state, from, message);
      case 'AppendEntriesReply':
        return handleAppendEntriesReply(ctx, state, from, message);
    }
  },

  onClientRequest: handleClientRequest,

  /**
   * "campaign": start an election now, as if the election timer had fired. This is what the TimeoutNow
   * message of Raft's leadership transfer does; scripted scenarios use it to choose who runs.
   */
  onOperator(ctx, state, command) {
    if (command !== 'campaign')
      ctx.note(`${ctx.self} ignored unknown operator command "${command}" (Raft knows "campaign")`);
    else if (state.volatile.role === 'leader')
      ctx.note(`${ctx.self} is already the leader of term ${state.durable.currentTerm}`);
    else startElection(ctx, state);
  },

  describeMessage: describeRaftMessage,
  describeNode: describeRaftNode,

  gauges({ nodes }) {
    let commitIndex = 0;
    let term = 0;
    let leaders = 0;
    for (const { state, up } of nodes.values()) {
      const volatile = state.volatile;
      term = Math.max(term, state.durable.currentTerm);
      if (volatile) commitIndex = Math.max(commitIndex, volatile.commitIndex);
      if (up && volatile?.role === 'leader') leaders++;
    }
    return { commitIndex, term, leaders };
  },

  invariants: raftInvariants,
};
