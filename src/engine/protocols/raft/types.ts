/**
 * Raft's data, named after Figure 2 of the extended Raft paper (Ongaro & Ousterhout): the persistent
 * state every server keeps on disk, the volatile state it rebuilds after a restart, the leader's extra
 * state, and the two RPCs with their replies.
 */
import { z } from 'zod';
import type { HandlerContext, NodeId, Value } from '../../core/types';

export const raftParamsSchema = z
  .object({
    /** Each follower waits a random time in [min, max] without hearing a leader before it starts an election. */
    electionTimeoutMinMs: z.number().int().min(1).max(600_000).default(150),
    electionTimeoutMaxMs: z.number().int().min(1).max(600_000).default(300),
    /** How often a leader sends AppendEntries to every follower when it has nothing new. */
    heartbeatMs: z.number().int().min(1).max(600_000).default(50),
    /**
     * How a leader serves a linearizable read: "log" appends a read entry and answers once it is applied;
     * "readIndex" records the commit index, confirms it is still leader with one heartbeat round to a
     * majority, waits until that index is applied, then answers from its state machine (§8 of the paper).
     */
    reads: z.enum(['log', 'readIndex']).default('log'),
    /** At most this many entries in one AppendEntries (real systems cap message size). */
    maxEntriesPerAppend: z.number().int().min(1).max(10_000).default(64),
    /**
     * THE BUG FROM FIGURE 8. When true, a leader also commits entries of earlier terms by counting replicas.
     * Figure 2 forbids this; the raft/figure-8-unsafe scenario shows a committed entry lost because of it.
     */
    unsafeCommitOldTerms: z.boolean().default(false),
  })
  .strict();

export type RaftParams = z.infer<typeof raftParamsSchema>;

/** A client command as it travels through the log. `client` + `requestId` identify it for deduplication. */
export type Command =
  | { op: 'noop' }
  | { op: 'write'; key: string; value: Value; client: string; requestId: number }
  | { op: 'cas'; key: string; expected: Value; value: Value; client: string; requestId: number }
  | { op: 'read'; key: string; client: string; requestId: number };

export type ClientCommand = Exclude<Command, { op: 'noop' }>;

/** Log entries are never mutated once created, so logs and messages may share them. */
export interface LogEntry {
  term: number;
  command: Command;
}

/** Figure 2, "Persistent state on all servers" (updated on stable storage before responding to RPCs). */
export interface RaftDurable {
  currentTerm: number;
  votedFor: NodeId | null;
  /** log[0] holds index 1: Raft's log is 1-based and index 0 means "before the first entry". */
  log: LogEntry[];
}

/** What applying a command produced, as the client will see it. */
export type Outcome = { ok: true; value?: Value } | { ok: false; error: string; indeterminate?: boolean };

/** The key-value store built by applying committed entries in order. Volatile: replayed from the log after a restart. */
export interface StateMachine {
  kv: Record<string, Value>;
  lastApplied: number;
  /** The latest request applied for each client and its outcome, so a retried request is applied at most once. */
  sessions: Record<string, { requestId: number; outcome: Outcome }>;
}

export interface PendingRead {
  requestId: number;
  key: string;
  /** The read may be answered once the state machine has applied this index... */
  readIndex: number;
  /** ...and a majority has answered a heartbeat round numbered at least this, sent after the read arrived. */
  round: number;
}

/** Figure 2, "Volatile state on leaders" plus what the leader owes its clients. */
export interface LeaderState {
  nextIndex: Record<NodeId, number>;
  matchIndex: Record<NodeId, number>;
  /** Index of the no-op this leader appended when it took office: reads wait until it is applied. */
  termStartIndex: number;
  /** Number of the latest AppendEntries round; followers echo it so reads can confirm leadership. */
  round: number;
  ackedRound: Record<NodeId, number>;
  /** Client requests waiting for their log entry (by index) to be applied. */
  pendingEntries: Record<number, { requestId: number; op: ClientCommand['op'] }>;
  pendingReads: PendingRead[];
}

export type Role = 'follower' | 'candidate' | 'leader';

export interface RaftVolatile {
  role: Role;
  /** The leader of the current term, once this node has heard from it. */
  leaderId: NodeId | null;
  commitIndex: number;
  machine: StateMachine;
  /** Votes received in the current term while a candidate. */
  votes: NodeId[];
  leader: LeaderState | null;
}

export type RaftMessage =
  | { type: 'RequestVote'; term: number; candidateId: NodeId; lastLogIndex: number; lastLogTerm: number }
  | { type: 'RequestVoteReply'; term: number; voteGranted: boolean }
  | {
      type: 'AppendEntries';
      term: number;
      leaderId: NodeId;
      prevLogIndex: number;
      prevLogTerm: number;
      entries: LogEntry[];
      leaderCommit: number;
      round: number;
    }
  /** Figure 2's reply is { term, success }; the failure is split so a leader can tell a stale request from a log mismatch. */
  | { type: 'AppendEntriesReply'; term: number; outcome: 'appended'; matchIndex: number; round: number }
  | {
      type: 'AppendEntriesReply';
      term: number;
      outcome: 'log-mismatch';
      /** §5.3 optimisation: the follower's hint for where the leader should look next. */
      conflictIndex: number;
      conflictTerm: number | null;
      round: number;
    }
  | { type: 'AppendEntriesReply'; term: number; outcome: 'stale-term' };

export type RaftState = { durable: RaftDurable; volatile: RaftVolatile };

/** Raft's two timers (§5.2): a follower's or candidate's election timeout, and a leader's heartbeat. */
export type RaftTimer = { kind: 'election' } | { kind: 'heartbeat' };

/** What a Raft handler gets from the engine. */
export type RaftContext = HandlerContext<RaftParams, RaftMessage, RaftTimer>;
