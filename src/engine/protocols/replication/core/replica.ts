/**
 * One node of a single-leader replicated store (PostgreSQL streaming replication, MySQL source/replica),
 * shared by the `replication` and `failover` protocols.
 *
 * - The leader appends every write to its log and streams the log to its downstream nodes (the topology
 *   decides which). A follower appends entries strictly in order: an append names the entry just before
 *   its batch (index and epoch), and a follower whose log does not end with that entry refuses it and says
 *   where to resume.
 * - Each follower reports the length of its log (its replicated position) to the node that sent it the
 *   entries; relays in a chain pass their downstream positions on, so the leader knows every position.
 * - The leader acknowledges a write when the mode says so: at once (async), after k followers have it
 *   (semi-sync), after every follower has it (sync). Until then the write is invisible even on the
 *   leader (MySQL's lossless "after sync" semi-synchronous replication).
 * - Promotion starts a new epoch. The first time a follower takes entries from the leader of a new epoch
 *   it rolls back whatever its log holds beyond the point where it matches the new leader (MongoDB's
 *   rollback, PostgreSQL's pg_rewind); writes an old leader acknowledged and nobody else had are lost there.
 */
import type {
  ClientRequest,
  HandlerContext,
  InvariantContext,
  Invariant,
  NodeId,
  NodeState,
  NodeView,
  Value,
} from '../../../core/types';
import {
  applyEntries,
  describeEntry,
  epochAt,
  entryAt,
  holdsWrite,
  isPrefixOf,
  retryPointAfterMismatch,
  type LogEntry,
} from './log';
import { initialLeaderOf, requiredAcks, type ReplicationParams } from './params';
import { afterRead, afterWrite, guaranteeFor, positionNeeded, tokenOf, type SessionToken } from './session';
import { downstreamOf, upstreamOf } from './topology';

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

interface PendingWrite {
  index: number;
  requestId: number;
  token: SessionToken;
  sendsSession: boolean;
}

interface WaitingRead {
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
export type ReplicaContext = HandlerContext<ReplicationParams, ReplicationMessage>;
type ClusterView = InvariantContext<ReplicaDurable, ReplicaVolatile | null, ReplicationParams>;

export const replicateTimer = 'replicate';

// ---------------------------------------------------------------------------------------------------
// State

export function initReplicaDurable(init: { self: NodeId; nodes: readonly NodeId[]; params: ReplicationParams }): ReplicaDurable {
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

function resetSenderState(volatile: ReplicaVolatile): void {
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

function applyVisible(durable: ReplicaDurable): void {
  const target = visibleIndex(durable);
  if (target < durable.appliedIndex) {
    durable.kv = {};
    durable.appliedIndex = 0;
  }
  applyEntries(durable.kv, durable.log, durable.appliedIndex, target);
  durable.appliedIndex = target;
}

/** The stream a node passes on to its downstream nodes: its own as leader, its leader's once synced with it. */
function relayedStream(durable: ReplicaDurable, self: NodeId): SyncedStream | null {
  const synced = durable.synced;
  if (!synced) return null;
  if (durable.role === 'leader') return synced.leader === self ? synced : null;
  return synced.leader === durable.leader ? synced : null;
}

function downstream(ctx: ReplicaContext, stream: Stream): NodeId[] {
  return downstreamOf(ctx.self, stream.leader, ctx.nodes, ctx.params.topology);
}

// ---------------------------------------------------------------------------------------------------
// Lifecycle: start, promotion, stepping down

export function startReplica(ctx: ReplicaContext, state: ReplicaState): void {
  applyVisible(state.durable);
  ctx.setTimer(replicateTimer, ctx.params.replicateIntervalMs);
}

/**
 * Becomes leader of `epoch`. With STONITH fencing it first powers off the leader it followed (unless that
 * leader handed over in a planned switchover). The engine's powerOff works across partitions, like the
 * out-of-band power switch (IPMI, a PDU) real STONITH uses.
 */
export function promote(ctx: ReplicaContext, state: ReplicaState, epoch: number, options: { how: string; handedOver?: boolean }): void {
  const { durable, volatile } = state;
  const previousLeader = durable.leader;
  const how = options.how;
  if (ctx.params.fencing === 'stonith' && !options.handedOver) {
    if (previousLeader && previousLeader !== ctx.self) {
      ctx.powerOff(previousLeader);
    } else {
      ctx.note(`${ctx.self} cannot fence anyone: it knows of no previous leader`);
    }
  }
  durable.role = 'leader';
  durable.epoch = epoch;
  durable.leader = ctx.self;
  durable.synced = { leader: ctx.self, epoch, epochStart: durable.log.length + 1 };
  // Whatever the new leader holds becomes the history from now on.
  durable.commitIndex = durable.log.length;
  applyVisible(durable);
  resetSenderState(volatile);
  volatile.writesPausedReason = null;
  ctx.note(`${ctx.self} promoted to leader (epoch ${epoch}) ${how}, log up to index ${durable.log.length}`);
  ctx.broadcast({ type: 'promoted', epoch, leader: ctx.self });
  for (const target of downstream(ctx, durable.synced)) sendAppend(ctx, state, target);
}

/** Starts following `leader` (null: none known yet). A leader doing so steps down. */
export function followLeader(ctx: ReplicaContext, state: ReplicaState, leader: NodeId | null, epoch: number, why: string): void {
  const { durable, volatile } = state;
  if (durable.role === 'leader') {
    ctx.note(`${ctx.self} stepped down: ${why}`);
    failPendingWrites(ctx, volatile, `${ctx.self} stepped down before the write was acknowledged`);
    volatile.writesPausedReason = null;
  }
  durable.role = 'follower';
  durable.epoch = Math.max(durable.epoch, epoch);
  durable.leader = leader;
  resetSenderState(volatile);
}

function failPendingWrites(ctx: ReplicaContext, volatile: ReplicaVolatile, error: string): void {
  for (const write of volatile.pendingWrites) ctx.reply(write.requestId, { ok: false, error, indeterminate: true });
  volatile.pendingWrites = [];
}

/**
 * Decides whether a message from `claim.leader` (an append, a heartbeat, an announcement) comes from
 * the leader this node should follow, switching to it when it should. With epoch fencing a higher epoch
 * always wins and a lower one is told it is stale. Without it a node sticks to the leader it was pointed
 * at, and takes the first leader it hears only when it knows of none or believes its own is dead
 * (`currentLeaderSuspected`, from a failure detector).
 */
export function acceptsLeader(
  ctx: ReplicaContext,
  state: ReplicaState,
  from: NodeId,
  claim: Stream,
  currentLeaderSuspected = false,
): boolean {
  const { durable } = state;
  if (claim.leader === ctx.self) return false;
  if (fencesByEpoch(ctx.params)) {
    if (claim.epoch < durable.epoch) {
      ctx.send(from, { type: 'stale', epoch: durable.epoch, leader: durable.leader });
      return false;
    }
    const wonMyEpoch = claim.epoch === durable.epoch && (durable.role === 'candidate' || durable.leader === null);
    if (claim.epoch > durable.epoch || wonMyEpoch) {
      followLeader(ctx, state, claim.leader, claim.epoch, `fenced: saw epoch ${claim.epoch} (leader ${claim.leader})`);
      return true;
    }
    return durable.role !== 'leader' && durable.leader === claim.leader;
  }
  if (durable.role === 'leader' || durable.leader === claim.leader) return durable.role !== 'leader';
  if (durable.leader === null || currentLeaderSuspected) {
    followLeader(ctx, state, claim.leader, claim.epoch, 'found a leader');
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------
// Messages

export function handleReplicationMessage(ctx: ReplicaContext, state: ReplicaState, from: NodeId, message: ReplicationMessage): void {
  switch (message.type) {
    case 'append':
      receiveAppend(ctx, state, from, message);
      break;
    case 'ack':
      receiveAck(ctx, state, from, message);
      break;
    case 'mismatch':
      receiveMismatch(ctx, state, from, message);
      break;
    case 'stale':
      if (fencesByEpoch(ctx.params) && message.epoch > state.durable.epoch) {
        followLeader(ctx, state, message.leader, message.epoch, `fenced: ${from} has seen epoch ${message.epoch}`);
      }
      break;
    case 'promoted':
      receivePromotion(ctx, state, from, message);
      break;
  }
}

function receivePromotion(ctx: ReplicaContext, state: ReplicaState, from: NodeId, message: Extract<ReplicationMessage, { type: 'promoted' }>): void {
  if (fencesByEpoch(ctx.params)) {
    acceptsLeader(ctx, state, from, message);
    return;
  }
  // Without fencing the announcement is all there is: whoever hears it re-points to the new leader
  // (a failover tool running CHANGE MASTER / primary_conninfo), and a leader that hears it ignores it.
  if (state.durable.role === 'leader' || message.leader === ctx.self) return;
  followLeader(ctx, state, message.leader, message.epoch, `${message.leader} announced its promotion`);
}

function receiveAppend(ctx: ReplicaContext, state: ReplicaState, from: NodeId, message: Extract<ReplicationMessage, { type: 'append' }>): void {
  const { durable, volatile } = state;
  const claim = { leader: message.leader, epoch: message.epoch };
  if (durable.role === 'leader' && message.leader === ctx.self && message.epoch === durable.epoch) {
    // The ring's closing link: our own entries came back round. Drop them, but acknowledge so the sender stops resending.
    volatile.echoesDropped += message.entries.length;
    ctx.send(from, { type: 'ack', epoch: message.epoch, matchIndex: message.prevIndex + message.entries.length, positions: {} });
    return;
  }
  if (!acceptsLeader(ctx, state, from, claim)) return;

  const { prevIndex } = message;
  if (prevIndex > durable.log.length || epochAt(durable.log, prevIndex) !== message.prevEpoch) {
    ctx.send(from, { type: 'mismatch', epoch: message.epoch, retryAfter: retryPointAfterMismatch(durable.log, prevIndex) });
    return;
  }
  const wasSynced = isSameStream(durable.synced, claim);
  if (!wasSynced) {
    durable.synced = null;
    resetSenderState(volatile);
    // From its epoch start on, the new leader's log holds only its own entries, which this node cannot have yet.
    rollBackTo(ctx, state, Math.max(prevIndex, message.epochStart - 1), claim.leader);
  }
  const grewFrom = durable.log.length;
  message.entries.forEach((entry, offset) => {
    const index = prevIndex + 1 + offset;
    const existing = entryAt(durable.log, index);
    if (existing && existing.epoch === entry.epoch) return;
    if (existing) rollBackTo(ctx, state, index - 1, claim.leader);
    durable.log.push(entry);
  });
  const verified = prevIndex + message.entries.length;
  // Reconciled once every entry this node holds has been checked against the leader's.
  if (!wasSynced && durable.log.length <= verified) durable.synced = { ...claim, epochStart: message.epochStart };
  applyVisible(durable);
  const matchIndex = durable.synced ? durable.log.length : verified;
  ctx.send(from, { type: 'ack', epoch: message.epoch, matchIndex, positions: volatile.positions });
  if (durable.log.length > grewFrom) serveWaitingReads(ctx, state);
  if (durable.synced && durable.log.length > grewFrom) {
    for (const target of downstream(ctx, claim)) {
      volatile.nextIndex[target] ??= grewFrom + 1;
      sendAppend(ctx, state, target);
    }
  }
}

function isSameStream(a: Stream | null, b: Stream): boolean {
  return a !== null && a.leader === b.leader && a.epoch === b.epoch;
}

/** Cuts the log back to `keep` entries, saying how many of them this node had acknowledged itself. */
function rollBackTo(ctx: ReplicaContext, state: ReplicaState, keep: number, newLeader: NodeId): void {
  const { durable } = state;
  const removed = durable.log.slice(keep);
  if (removed.length === 0) return;
  durable.log.length = keep;
  durable.commitIndex = Math.min(durable.commitIndex, keep);
  applyVisible(durable);
  const lost = durable.acknowledged.filter((write) => write.index > keep && removed.some((entry) => entry.index === write.index && entry.epoch === write.epoch)).length;
  const lostText = lost > 0 ? `; ${lost} of them it had acknowledged to clients, and those writes are now lost` : '';
  ctx.note(`${ctx.self} rolled back ${removed.length} entries that are not on ${newLeader}'s log${lostText}`);
}

function sendAppend(ctx: ReplicaContext, state: ReplicaState, target: NodeId): void {
  const { durable, volatile } = state;
  const stream = relayedStream(durable, ctx.self);
  if (!stream) return;
  const next = volatile.nextIndex[target] ?? durable.log.length + 1;
  const prevIndex = Math.min(next - 1, durable.log.length);
  const entries = durable.log.slice(prevIndex, prevIndex + ctx.params.maxBatch);
  ctx.send(target, {
    type: 'append',
    epoch: stream.epoch,
    leader: stream.leader,
    epochStart: stream.epochStart,
    prevIndex,
    prevEpoch: epochAt(durable.log, prevIndex),
    entries,
  });
  volatile.nextIndex[target] = prevIndex + entries.length + 1;
}

function receiveAck(ctx: ReplicaContext, state: ReplicaState, from: NodeId, message: Extract<ReplicationMessage, { type: 'ack' }>): void {
  const { durable, volatile } = state;
  const stream = relayedStream(durable, ctx.self);
  if (!stream || message.epoch !== stream.epoch) return;
  const match = Math.max(volatile.matchIndex[from] ?? 0, message.matchIndex);
  volatile.matchIndex[from] = match;
  volatile.nextIndex[from] = Math.max(volatile.nextIndex[from] ?? 0, match + 1);
  let moved = recordPosition(volatile.positions, from, match);
  for (const [node, position] of Object.entries(message.positions)) moved = recordPosition(volatile.positions, node, position) || moved;
  if (volatile.nextIndex[from]! <= durable.log.length) sendAppend(ctx, state, from);
  if (durable.role === 'leader') {
    advanceCommit(ctx, state);
    measureLag(ctx, state);
  } else if (moved) {
    // A relay passes its downstream positions upstream so the leader can count them.
    const upstream = upstreamOf(ctx.self, stream.leader, ctx.nodes, ctx.params.topology);
    if (upstream) ctx.send(upstream, { type: 'ack', epoch: stream.epoch, matchIndex: durable.log.length, positions: volatile.positions });
  }
}

/** Records a replicated position; true when it moved forward. */
function recordPosition(positions: Record<NodeId, number>, node: NodeId, position: number): boolean {
  if (position <= (positions[node] ?? 0)) return false;
  positions[node] = position;
  return true;
}

function receiveMismatch(ctx: ReplicaContext, state: ReplicaState, from: NodeId, message: Extract<ReplicationMessage, { type: 'mismatch' }>): void {
  const stream = relayedStream(state.durable, ctx.self);
  if (!stream || message.epoch !== stream.epoch) return;
  state.volatile.nextIndex[from] = message.retryAfter + 1;
  sendAppend(ctx, state, from);
}

// ---------------------------------------------------------------------------------------------------
// Acknowledging writes

function followersOf(ctx: ReplicaContext): NodeId[] {
  return ctx.nodes.filter((node) => node !== ctx.self);
}

/** Moves commitIndex to the highest entry of this epoch that enough followers hold, and answers those clients. */
function advanceCommit(ctx: ReplicaContext, state: ReplicaState): void {
  const { durable, volatile } = state;
  const followers = followersOf(ctx);
  const required = requiredAcks(ctx.params, followers.length);
  const positions = followers.map((node) => volatile.positions[node] ?? 0).sort((a, b) => b - a);
  const reached = required === 0 ? durable.log.length : Math.min(positions[required - 1]!, durable.log.length);
  if (reached > durable.commitIndex && epochAt(durable.log, reached) === durable.epoch) {
    durable.commitIndex = reached;
    applyVisible(durable);
  }
  const done = volatile.pendingWrites.filter((write) => write.index <= durable.commitIndex);
  if (done.length === 0) return;
  volatile.pendingWrites = volatile.pendingWrites.filter((write) => write.index > durable.commitIndex);
  for (const write of done) acknowledgeWrite(ctx, durable, write);
}

function acknowledgeWrite(ctx: ReplicaContext, durable: ReplicaDurable, write: PendingWrite): void {
  const entry = entryAt(durable.log, write.index)!;
  durable.acknowledged.push({ index: entry.index, epoch: entry.epoch, key: entry.key, value: entry.value });
  ctx.reply(write.requestId, write.sendsSession ? { ok: true, session: afterWrite(write.token, entry.index) } : { ok: true });
}

// ---------------------------------------------------------------------------------------------------
// Clients

export function handleClientRequest(ctx: ReplicaContext, state: ReplicaState, request: ClientRequest): void {
  if (request.op === 'write') handleWrite(ctx, state, request);
  else if (request.op === 'read') handleRead(ctx, state, request);
  else ctx.reply(request.id, { ok: false, error: `single-leader replication supports read and write, not ${request.op}` });
}

function redirectToLeader(ctx: ReplicaContext, state: ReplicaState, requestId: number): void {
  const leader = state.durable.leader;
  if (leader && leader !== ctx.self) {
    ctx.reply(requestId, { ok: false, error: `${ctx.self} is not the leader`, redirectTo: leader });
  } else {
    ctx.reply(requestId, { ok: false, error: `${ctx.self} knows of no leader` });
  }
}

function handleWrite(ctx: ReplicaContext, state: ReplicaState, request: ClientRequest): void {
  const { durable, volatile } = state;
  if (durable.role !== 'leader') {
    redirectToLeader(ctx, state, request.id);
    return;
  }
  if (volatile.writesPausedReason) {
    ctx.reply(request.id, { ok: false, error: volatile.writesPausedReason });
    return;
  }
  const entry: LogEntry = {
    index: durable.log.length + 1,
    epoch: durable.epoch,
    key: request.key,
    value: request.value ?? null,
    writtenAt: ctx.clock.now,
  };
  durable.log.push(entry);
  volatile.pendingWrites.push({
    index: entry.index,
    requestId: request.id,
    token: tokenOf(request),
    sendsSession: guaranteeFor(request, ctx.params) !== 'none',
  });
  for (const target of downstream(ctx, durable.synced!)) {
    if ((volatile.nextIndex[target] ?? entry.index) === entry.index) sendAppend(ctx, state, target);
  }
  advanceCommit(ctx, state);
}

function handleRead(ctx: ReplicaContext, state: ReplicaState, request: ClientRequest): void {
  const { durable, volatile } = state;
  if (durable.role === 'leader') {
    serveRead(ctx, state, request, durable.commitIndex);
    return;
  }
  const readFrom = request.options?.readFrom === 'any' || request.options?.readFrom === 'leader' ? request.options.readFrom : ctx.params.readFrom;
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

function serveWaitingReads(ctx: ReplicaContext, state: ReplicaState): void {
  const { durable, volatile } = state;
  const ready = volatile.waitingReads.filter((read) => read.needed <= durable.log.length);
  if (ready.length === 0) return;
  volatile.waitingReads = volatile.waitingReads.filter((read) => read.needed > durable.log.length);
  for (const read of ready) serveRead(ctx, state, read.request, durable.log.length);
}

/** A follower that could not catch up with a session in time sends the client to the leader. */
function redirectExpiredReads(ctx: ReplicaContext, state: ReplicaState): void {
  const { volatile } = state;
  const expired = volatile.waitingReads.filter((read) => ctx.clock.now - read.since >= ctx.params.sessionWaitMs);
  if (expired.length === 0) return;
  volatile.waitingReads = volatile.waitingReads.filter((read) => !expired.includes(read));
  for (const read of expired) redirectToLeader(ctx, state, read.request.id);
}

// ---------------------------------------------------------------------------------------------------
// The retransmission tick

export function onReplicateTimer(ctx: ReplicaContext, state: ReplicaState): void {
  const { durable, volatile } = state;
  ctx.setTimer(replicateTimer, ctx.params.replicateIntervalMs);
  const stream = relayedStream(durable, ctx.self);
  if (stream) {
    for (const target of downstream(ctx, stream)) {
      const match = volatile.matchIndex[target] ?? 0;
      // Resend from the last acknowledged entry when a node made no progress for a whole tick (loss, a restart).
      if (match < durable.log.length && match === volatile.matchAtLastTick[target]) {
        volatile.nextIndex[target] = match + 1;
        sendAppend(ctx, state, target);
      }
      volatile.matchAtLastTick[target] = match;
    }
  }
  if (durable.role === 'leader') measureLag(ctx, state);
  redirectExpiredReads(ctx, state);
}

/** Lag as the leader sees it: entries each follower has not confirmed, and how long ago the oldest of them was written. */
function measureLag(ctx: ReplicaContext, state: ReplicaState): void {
  const { durable, volatile } = state;
  for (const node of followersOf(ctx)) {
    const position = Math.min(volatile.positions[node] ?? 0, durable.log.length);
    const oldestMissing = entryAt(durable.log, position + 1);
    volatile.lag[node] = {
      entries: durable.log.length - position,
      ms: oldestMissing ? Math.max(0, ctx.clock.now - oldestMissing.writtenAt) : 0,
    };
  }
}

// ---------------------------------------------------------------------------------------------------
// Views, gauges and invariants

export function describeReplicationMessage(message: ReplicationMessage): string {
  if (message.type === 'append' && message.entries.length > 0) return `append ×${message.entries.length}`;
  return message.type;
}

const logEntriesShown = 8;

export function describeReplica(durable: ReplicaDurable, volatile: ReplicaVolatile | null): NodeView {
  const details: Record<string, string | number | boolean> = {};
  if (durable.synced) details['synced with'] = `${durable.synced.leader} (epoch ${durable.synced.epoch})`;
  if (volatile && durable.role === 'leader') {
    for (const [node, lag] of Object.entries(volatile.lag)) details[`lag ${node}`] = `${lag.entries} entries, ${Math.round(lag.ms)} ms`;
    details['writes awaiting acks'] = volatile.pendingWrites.length;
    if (volatile.echoesDropped > 0) details['own entries dropped (ring echo)'] = volatile.echoesDropped;
    if (volatile.writesPausedReason) details['writes paused'] = volatile.writesPausedReason;
  }
  if (volatile && volatile.waitingReads.length > 0) details['reads waiting to catch up'] = volatile.waitingReads.length;
  details['writes it acknowledged'] = durable.acknowledged.length;
  return {
    role: durable.role,
    epoch: durable.epoch,
    leader: durable.leader,
    kv: { ...durable.kv },
    log: durable.log.slice(-logEntriesShown).map((entry) => ({ index: entry.index, term: entry.epoch, text: describeEntry(entry) })),
    commitIndex: durable.commitIndex,
    position: durable.log.length,
    details,
  };
}

type NodeEntry = { state: NodeState<ReplicaDurable, ReplicaVolatile | null>; up: boolean };

/** The leader with the highest epoch (up ones first): the one whose log counts as the cluster's history. */
export function newestLeader(nodes: ReadonlyMap<NodeId, NodeEntry>): { id: NodeId; node: NodeEntry } | null {
  let best: { id: NodeId; node: NodeEntry } | null = null;
  for (const [id, node] of nodes) {
    if (node.state.durable.role !== 'leader') continue;
    if (!best) {
      best = { id, node };
      continue;
    }
    const better =
      node.up !== best.node.up ? node.up : node.state.durable.epoch > best.node.state.durable.epoch;
    if (better) best = { id, node };
  }
  return best;
}

/** Writes some leader acknowledged that the newest leader's log does not hold: lost, or diverging in a split brain. */
export function acknowledgedWritesMissing(nodes: ReadonlyMap<NodeId, NodeEntry>, log: readonly LogEntry[]): AcknowledgedWrite[] {
  const missing: AcknowledgedWrite[] = [];
  for (const node of nodes.values()) for (const write of node.state.durable.acknowledged) if (!holdsWrite(log, write)) missing.push(write);
  return missing;
}

export function replicationGauges(context: ClusterView): Record<string, number> {
  const gauges: Record<string, number> = {};
  gauges['leaders'] = [...context.nodes.values()].filter((node) => node.up && node.state.durable.role === 'leader').length;
  const newest = newestLeader(context.nodes);
  if (!newest) return gauges;
  gauges['acknowledged.notOnNewestLeader'] = acknowledgedWritesMissing(context.nodes, newest.node.state.durable.log).length;
  const lag = newest.node.state.volatile?.lag ?? {};
  for (const [node, value] of Object.entries(lag)) {
    gauges[`lag.entries.${node}`] = value.entries;
    gauges[`lag.ms.${node}`] = value.ms;
  }
  return gauges;
}

export const followerLogIsPrefixOfLeaderLog: Invariant<ReplicaDurable, ReplicaVolatile | null, ReplicationParams> = {
  name: "every follower's log is a prefix of its leader's log",
  check(context) {
    for (const [id, node] of context.nodes) {
      const synced = node.state.durable.synced;
      if (!synced || synced.leader === id) continue;
      const leader = context.nodes.get(synced.leader)?.state.durable;
      if (!leader || leader.role !== 'leader' || leader.epoch !== synced.epoch) continue;
      if (!isPrefixOf(node.state.durable.log, leader.log)) {
        return `${id}'s log (${node.state.durable.log.length} entries) is not a prefix of leader ${synced.leader}'s log (${leader.log.length} entries, epoch ${synced.epoch})`;
      }
    }
    return null;
  },
};

/** The leader with the highest epoch, or null when there is none or two leaders share it (nothing to judge then). */
function highestEpochLeader(nodes: ReadonlyMap<NodeId, NodeEntry>): { id: NodeId; durable: ReplicaDurable } | null {
  const leaders = [...nodes].filter(([, node]) => node.state.durable.role === 'leader');
  const top = Math.max(...leaders.map(([, node]) => node.state.durable.epoch));
  const atTop = leaders.filter(([, node]) => node.state.durable.epoch === top);
  return atTop.length === 1 ? { id: atTop[0]![0], durable: atTop[0]![1].state.durable } : null;
}

export const acknowledgedWritesAreReplicated: Invariant<ReplicaDurable, ReplicaVolatile | null, ReplicationParams> = {
  name: "the newest leader's acknowledged writes are on as many followers as its mode requires",
  check(context) {
    const newest = highestEpochLeader(context.nodes);
    if (!newest) return null;
    const leader = newest.durable;
    const committed = entryAt(leader.log, leader.commitIndex);
    if (!committed || committed.epoch !== leader.epoch) return null;
    const required = requiredAcks(context.params, context.nodes.size - 1);
    let holders = 0;
    for (const [id, node] of context.nodes) if (id !== newest.id && holdsWrite(node.state.durable.log, committed)) holders++;
    return holders >= required
      ? null
      : `${newest.id} acknowledged up to index ${leader.commitIndex} but only ${holders} follower(s) hold that entry (mode ${context.params.mode} needs ${required})`;
  },
};

export const replicationInvariants = [followerLogIsPrefixOfLeaderLog, acknowledgedWritesAreReplicated];
