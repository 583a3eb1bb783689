/**
 * What one replica holds (durable: log, epoch, whom it follows; volatile: what it is sending to whom and
 * which clients are waiting), the messages replicas exchange, and small helpers over that state.
 */
import type { ClientRequest, HandlerContext, NodeId, NodeState, Value } from '../../../core/types';
import { applyEntries, type LogEntry } from './log';
import { initialLeaderOf, type ReplicationParams } from './params';
import type { SessionToken } from './session';
import { downstreamOf } from './topology';

export type Role = 'leader' | 'follower' | 'candidate';

/** A leader and its epoch: whose log a node takes, or claims to send. */
export interface Stream {
  leader: NodeId;
  epoch: number;
}

/** A stream a node has reconciled its log with. `epochStart` is the index of the leader's first entry of that epoch. */
export interface SyncedStream extends Stream {
  epochStart: number;
}

/** A write this node acknowledged to a client while it was leader. */
export interface AcknowledgedWrite {
  index: number;
  epoch: number;
  key: string;
  value: Value;
}

export interface ReplicaDurable {
  role: Role;
  /** The highest epoch this node has seen. */
  epoch: number;
  /** The node this one follows (itself when leader); null when it knows of no leader. */
  leader: NodeId | null;
  /** The leader whose log this node's log is a prefix of, once reconciled with it (null while reconciling). */
  synced: SyncedStream | null;
  log: LogEntry[];
  /** Leader: the last acknowledged index. */
  commitIndex: number;
  /** The state the node serves reads from: its log applied up to `appliedIndex`. */
  kv: Record<string, Value>;
  appliedIndex: number;
  /** Every write this node acknowledged as leader, so lost acknowledged writes can be counted. */
  acknowledged: AcknowledgedWrite[];
}

export interface PendingWrite {
  index: number;
  requestId: number;
  token: SessionToken;
  sendsSession: boolean;
}

export interface WaitingRead {
  request: ClientRequest;
  needed: number;
  since: number;
}

export interface FollowerLag {
  entries: number;
  ms: number;
}

export interface ReplicaVolatile {
  /** Sender side (leader or relay), per downstream node: the next index to send and the last acknowledged one. */
  nextIndex: Record<NodeId, number>;
  matchIndex: Record<NodeId, number>;
  /** matchIndex at the previous retransmission tick, to spot a downstream node that made no progress. */
  matchAtLastTick: Record<NodeId, number>;
  /** Replicated positions of every node downstream, direct or relayed. */
  positions: Record<NodeId, number>;
  pendingWrites: PendingWrite[];
  waitingReads: WaitingRead[];
  /** Leader: each follower's lag as the leader sees it, measured on the leader's clock. */
  lag: Record<NodeId, FollowerLag>;
  /** Ring topology: entries of its own that came back round to the leader and were dropped. */
  echoesDropped: number;
  /** Set while the leader refuses new writes (planned switchover); the text is the client's error. */
  writesPausedReason: string | null;
}

export type ReplicationMessage =
  | {
      type: 'append';
      epoch: number;
      leader: NodeId;
      epochStart: number;
      prevIndex: number;
      prevEpoch: number;
      entries: LogEntry[];
    }
  | { type: 'ack'; epoch: number; matchIndex: number; positions: Record<NodeId, number> }
  | { type: 'mismatch'; epoch: number; retryAfter: number }
  | { type: 'stale'; epoch: number; leader: NodeId | null }
  | { type: 'promoted'; epoch: number; leader: NodeId };

export type ReplicaState = NodeState<ReplicaDurable, ReplicaVolatile>;

/** A replica's one timer: the leader ships its log, and a follower polls, every `replicateIntervalMs`. */
export type ReplicationTimer = { kind: 'replicate' };

export type ReplicaContext = HandlerContext<ReplicationParams, ReplicationMessage, ReplicationTimer>;

export function initReplicaDurable(init: {
  self: NodeId;
  nodes: readonly NodeId[];
  params: ReplicationParams;
}): ReplicaDurable {
  const leader = initialLeaderOf(init.params, init.nodes);
  return {
    role: init.self === leader ? 'leader' : 'follower',
    epoch: 1,
    leader,
    synced: { leader, epoch: 1, epochStart: 1 },
    log: [],
    commitIndex: 0,
    kv: {},
    appliedIndex: 0,
    acknowledged: [],
  };
}

export function initReplicaVolatile(): ReplicaVolatile {
  return {
    nextIndex: {},
    matchIndex: {},
    matchAtLastTick: {},
    positions: {},
    pendingWrites: [],
    waitingReads: [],
    lag: {},
    echoesDropped: 0,
    writesPausedReason: null,
  };
}

export function resetSenderState(volatile: ReplicaVolatile): void {
  volatile.nextIndex = {};
  volatile.matchIndex = {};
  volatile.matchAtLastTick = {};
  volatile.positions = {};
  volatile.lag = {};
}

export function fencesByEpoch(params: ReplicationParams): boolean {
  return params.fencing === 'epochs';
}

/** Reads see the log up to here: a leader shows only acknowledged writes, a follower everything it has. */
function visibleIndex(durable: ReplicaDurable): number {
  return durable.role === 'leader' ? durable.commitIndex : durable.log.length;
}

export function applyVisible(durable: ReplicaDurable): void {
  const target = visibleIndex(durable);
  if (target < durable.appliedIndex) {
    durable.kv = {};
    durable.appliedIndex = 0;
  }
  applyEntries(durable.kv, durable.log, durable.appliedIndex, target);
  durable.appliedIndex = target;
}

/** The stream a node passes on to its downstream nodes: its own as leader, its leader's once synced with it. */
export function relayedStream(durable: ReplicaDurable, self: NodeId): SyncedStream | null {
  const synced = durable.synced;
  if (!synced) return null;
  if (durable.role === 'leader') return synced.leader === self ? synced : null;
  return synced.leader === durable.leader ? synced : null;
}

export function downstream(ctx: ReplicaContext, stream: Stream): NodeId[] {
  return downstreamOf(ctx.self, stream.leader, ctx.nodes, ctx.params.topology);
}

export function followersOf(ctx: ReplicaContext): NodeId[] {
  return ctx.nodes.filter((node) => node !== ctx.self);
}
