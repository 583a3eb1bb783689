/**
 * Leaderless replication with quorums, after Amazon's Dynamo paper and Cassandra.
 *
 * Every node is both a replica and a coordinator. A key's N replicas are the first N distinct nodes
 * clockwise from the key's hash on a consistent-hashing ring (all nodes when N equals the node count).
 * The node a client contacts coordinates: it sends the operation to all N replicas and answers as soon
 * as W of them acknowledged a write or R of them answered a read; a read returns the newest version
 * among the answers. Versions are last-writer-wins on the coordinator's clock (see versions.ts).
 *
 * What this gives, precisely: with R + W > N every read quorum overlaps the quorum of the last completed
 * write, so a read that starts after a write completed returns that write or a newer one. It does NOT
 * make the register linearizable: a read that overlaps a write can return the new value and a later
 * read the old one, because the new value may sit on only one replica. Blocking read repair (write the
 * newest value back to W replicas before answering, the second phase of the ABD algorithm) closes that
 * gap. Sloppy quorums void the overlap altogether: the W acks may come from stand-in nodes outside the
 * key's N replicas.
 *
 * Options:
 * - read repair: after a read, replicas that answered with an old version get the newest one
 *   ("async": after answering the client; "blocking": before, as above).
 * - hinted handoff: when a replica does not acknowledge a write within hintAfterMs, the coordinator
 *   sends the write to the next node on the ring with a hint naming the replica it stands in for. The
 *   stand-in keeps hinted writes apart from its own data and hands them to the replica once it answers.
 * - sloppy quorum: stand-in acknowledgements count towards W, so writes succeed while replicas are down.
 *
 * Failure detection is by timeout only: a write that misses W acks within requestTimeoutMs fails as
 * indeterminate (it may have reached some replicas and will not be rolled back).
 */
import { z } from 'zod';
import { unhandledKind } from '../../core/schema';
import type { ClientRequest, HandlerContext, NodeId, NodeState, NodeView, Protocol } from '../../core/types';
import { buildRing, preferenceList, type Ring } from '../shared/hashing';
import {
  consistencyLevels,
  isConsistencyLevel,
  requirementFor,
  type ConsistencyLevel,
  type Requirement,
} from './consistency';
import { compareVersions, formatVersion, isNewer, type Version, type Versioned } from '../shared/versions';

export const quorumParamsSchema = z
  .object({
    /** Replicas per key. */
    n: z.number().int().min(1).max(64).default(3),
    /** Read replies to wait for (when no consistency level is given). */
    r: z.number().int().min(1).max(64).default(2),
    /** Write acknowledgements to wait for (when no consistency level is given). */
    w: z.number().int().min(1).max(64).default(2),
    /** A Cassandra consistency level for every request that does not name its own in options.consistency. */
    consistency: z.enum(consistencyLevels).optional(),
    readRepair: z.enum(['off', 'async', 'blocking']).default('async'),
    hintedHandoff: z.boolean().default(false),
    sloppyQuorum: z.boolean().default(false),
    /** Ring tokens per node. */
    virtualNodes: z.number().int().min(1).max(256).default(16),
    /** How long a coordinator waits for R or W responses before failing the request. */
    requestTimeoutMs: z.number().int().min(1).max(600_000).default(400),
    /** How long a coordinator waits for a replica's write ack before sending the write to a stand-in. */
    hintAfterMs: z.number().int().min(1).max(600_000).default(60),
    /** How often a stand-in tries to hand its hinted writes back. */
    handoffIntervalMs: z.number().int().min(1).max(600_000).default(250),
    /** Each node's datacenter, for LOCAL_QUORUM (Cassandra learns it from its snitch). */
    datacenters: z.record(z.string(), z.string()).default({}),
  })
  .strict();
export type QuorumParams = z.infer<typeof quorumParamsSchema>;

interface Hint {
  id: number;
  /** The replica this write belongs to. */
  home: NodeId;
  key: string;
  entry: Versioned;
}

export interface QuorumDurable {
  kv: Record<string, Versioned>;
  /** Writes held for unreachable replicas, kept apart from this node's own data. */
  hints: Hint[];
  writeSeq: number;
  nextHintId: number;
}

interface PendingWrite {
  kind: 'write';
  key: string;
  entry: Versioned;
  replicas: NodeId[];
  requirement: Requirement;
  /** Replica slots whose write is stored: acked by the replica itself or by its stand-in. */
  filled: NodeId[];
  /** Slots whose ack counts towards the requirement. */
  counted: NodeId[];
  /** Stand-in → the replica it stands in for. */
  standIns: Record<NodeId, NodeId>;
  replied: boolean;
}

interface PendingRead {
  kind: 'read';
  key: string;
  level: ConsistencyLevel | undefined;
  replicas: NodeId[];
  requirement: Requirement;
  responses: Record<NodeId, Version | null>;
  newest: Versioned | null;
  /** Replicas already sent `newest` by read repair. */
  repaired: NodeId[];
  /** Blocking read repair in progress: replicas (that count) known to hold `newest`. */
  writeBack: { required: number; counting: NodeId[]; holders: NodeId[] } | null;
  replied: boolean;
}

type Pending = PendingWrite | PendingRead;

export interface QuorumVolatile {
  ring: Ring;
  /** Requests this node coordinates, by client request id. */
  pending: Record<number, Pending>;
  handoffScheduled: boolean;
}

export type QuorumMessage =
  | { type: 'write'; requestId: number; key: string; entry: Versioned; hintFor?: NodeId }
  | { type: 'writeAck'; requestId: number; hintFor?: NodeId }
  | { type: 'read'; requestId: number; key: string }
  | { type: 'readReply'; requestId: number; entry: Versioned | null }
  | { type: 'repair'; requestId: number; key: string; entry: Versioned; ack: boolean }
  | { type: 'repairAck'; requestId: number }
  | { type: 'handoff'; hints: { id: number; key: string; entry: Versioned }[] }
  | { type: 'handoffAck'; ids: number[] };

/**
 * A coordinator's deadline for one request, the moment it turns to stand-ins for one request (hinted
 * handoff), and the periodic hand-off of the hints a node holds.
 */
type QuorumTimer = { kind: 'timeout'; id: number } | { kind: 'stand-in'; id: number } | { kind: 'handoff' };

type Ctx = HandlerContext<QuorumParams, QuorumMessage, QuorumTimer>;
type State = NodeState<QuorumDurable, QuorumVolatile>;

const timeoutTimer = (requestId: number): QuorumTimer => ({ kind: 'timeout', id: requestId });
const standInTimer = (requestId: number): QuorumTimer => ({ kind: 'stand-in', id: requestId });
const handoffTimer: QuorumTimer = { kind: 'handoff' };

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Sends a message, or handles it at once when it is addressed to this node (a coordinator that is also a replica). */
function deliver(ctx: Ctx, state: State, to: NodeId, message: QuorumMessage): void {
  if (to === ctx.self) handleMessage(ctx, state, ctx.self, message);
  else ctx.send(to, message);
}

function applyEntry(state: State, key: string, entry: Versioned): void {
  if (isNewer(entry, state.durable.kv[key])) state.durable.kv[key] = entry;
}

function finish(ctx: Ctx, state: State, requestId: number): void {
  delete state.volatile.pending[requestId];
  ctx.cancelTimer(timeoutTimer(requestId));
  ctx.cancelTimer(standInTimer(requestId));
}

// Writes ---------------------------------------------------------------------------------------------

function coordinateWrite(
  ctx: Ctx,
  state: State,
  request: ClientRequest,
  level: ConsistencyLevel | undefined,
): void {
  const { key } = request;
  const replicas = preferenceList(state.volatile.ring, key, ctx.params.n);
  const requirement = requirementFor(
    level,
    { name: 'W', count: ctx.params.w },
    replicas,
    ctx.self,
    ctx.params.datacenters,
  );
  if (typeof requirement === 'string') {
    ctx.reply(request.id, { ok: false, error: requirement });
    return;
  }
  const entry: Versioned = {
    value: request.value ?? null,
    version: { ts: ctx.clock.now, node: ctx.self, seq: ++state.durable.writeSeq },
  };
  state.volatile.pending[request.id] = {
    kind: 'write',
    key,
    entry,
    replicas,
    requirement,
    filled: [],
    counted: [],
    standIns: {},
    replied: false,
  };
  ctx.setTimer(timeoutTimer(request.id), ctx.params.requestTimeoutMs);
  if (ctx.params.hintedHandoff) ctx.setTimer(standInTimer(request.id), ctx.params.hintAfterMs);
  for (const replica of replicas)
    deliver(ctx, state, replica, { type: 'write', requestId: request.id, key, entry });
}

function onWriteAck(
  ctx: Ctx,
  state: State,
  from: NodeId,
  message: Extract<QuorumMessage, { type: 'writeAck' }>,
): void {
  const pending = state.volatile.pending[message.requestId];
  if (pending?.kind !== 'write') return;
  const slot = message.hintFor ?? from;
  if (message.hintFor !== undefined && pending.standIns[from] !== slot) return;
  if (!pending.filled.includes(slot)) pending.filled.push(slot);
  const counts =
    pending.requirement.counting.includes(slot) && (message.hintFor === undefined || ctx.params.sloppyQuorum);
  if (counts && !pending.counted.includes(slot)) pending.counted.push(slot);
  if (!pending.replied && pending.counted.length >= pending.requirement.required) {
    pending.replied = true;
    ctx.reply(message.requestId, { ok: true });
  }
  if (pending.replied && pending.replicas.every((replica) => pending.filled.includes(replica)))
    finish(ctx, state, message.requestId);
}

/** Hinted handoff: replicas that have not acknowledged yet get a stand-in, the next nodes on the ring past the N replicas. */
function sendToStandIns(ctx: Ctx, state: State, requestId: number): void {
  const pending = state.volatile.pending[requestId];
  if (pending?.kind !== 'write') return;
  const missing = pending.replicas.filter((replica) => !pending.filled.includes(replica));
  const candidates = preferenceList(state.volatile.ring, pending.key, ctx.nodes.length).slice(ctx.params.n);
  missing.forEach((home, i) => {
    const standIn = candidates[i];
    if (standIn === undefined) return;
    pending.standIns[standIn] = home;
    deliver(ctx, state, standIn, {
      type: 'write',
      requestId,
      key: pending.key,
      entry: pending.entry,
      hintFor: home,
    });
  });
}

function storeHint(ctx: Ctx, state: State, home: NodeId, key: string, entry: Versioned): void {
  const { hints } = state.durable;
  const existing = hints.findIndex((hint) => hint.home === home && hint.key === key);
  if (existing >= 0 && !isNewer(entry, hints[existing]!.entry)) return;
  if (existing >= 0) hints.splice(existing, 1);
  else if (!hints.some((hint) => hint.home === home)) ctx.note(`${ctx.self} holds hinted writes for ${home}`);
  // A fresh id, so an ack for an older hand-off of this key cannot delete the newer write.
  hints.push({ id: state.durable.nextHintId++, home, key, entry });
  scheduleHandoff(ctx, state);
}

function scheduleHandoff(ctx: Ctx, state: State): void {
  if (state.volatile.handoffScheduled || state.durable.hints.length === 0) return;
  state.volatile.handoffScheduled = true;
  ctx.setTimer(handoffTimer, ctx.params.handoffIntervalMs);
}

/** Offers every hinted write to its replica; the replica's ack deletes them. Repeats while any remain. */
function handOff(ctx: Ctx, state: State): void {
  state.volatile.handoffScheduled = false;
  const byHome = new Map<NodeId, Hint[]>();
  for (const hint of state.durable.hints) byHome.set(hint.home, [...(byHome.get(hint.home) ?? []), hint]);
  for (const [home, hints] of byHome) {
    deliver(ctx, state, home, {
      type: 'handoff',
      hints: hints.map(({ id, key, entry }) => ({ id, key, entry })),
    });
  }
  scheduleHandoff(ctx, state);
}

function onHandoffAck(ctx: Ctx, state: State, from: NodeId, ids: readonly number[]): void {
  const before = state.durable.hints.length;
  state.durable.hints = state.durable.hints.filter((hint) => !(hint.home === from && ids.includes(hint.id)));
  const handed = before - state.durable.hints.length;
  if (handed > 0) ctx.note(`${ctx.self} handed off ${plural(handed, 'hinted write')} to ${from}`);
}

// Reads ----------------------------------------------------------------------------------------------

function coordinateRead(
  ctx: Ctx,
  state: State,
  request: ClientRequest,
  level: ConsistencyLevel | undefined,
): void {
  const { key } = request;
  const replicas = preferenceList(state.volatile.ring, key, ctx.params.n);
  const requirement = requirementFor(
    level,
    { name: 'R', count: ctx.params.r },
    replicas,
    ctx.self,
    ctx.params.datacenters,
  );
  if (typeof requirement === 'string') {
    ctx.reply(request.id, { ok: false, error: requirement });
    return;
  }
  state.volatile.pending[request.id] = {
    kind: 'read',
    key,
    level,
    replicas,
    requirement,
    responses: {},
    newest: null,
    repaired: [],
    writeBack: null,
    replied: false,
  };
  ctx.setTimer(timeoutTimer(request.id), ctx.params.requestTimeoutMs);
  for (const replica of replicas) deliver(ctx, state, replica, { type: 'read', requestId: request.id, key });
}

function answerRead(ctx: Ctx, requestId: number, pending: PendingRead): void {
  pending.replied = true;
  ctx.reply(requestId, { ok: true, value: pending.newest?.value ?? null });
}

function onReadReply(
  ctx: Ctx,
  state: State,
  from: NodeId,
  message: Extract<QuorumMessage, { type: 'readReply' }>,
): void {
  const pending = state.volatile.pending[message.requestId];
  if (pending?.kind !== 'read' || from in pending.responses) return;
  pending.responses[from] = message.entry?.version ?? null;
  // During a write-back the value being written back is fixed; later answers only matter for repair.
  if (message.entry && !pending.writeBack && isNewer(message.entry, pending.newest)) {
    pending.newest = message.entry;
    pending.repaired = [];
  }
  if (!pending.replied && !pending.writeBack) {
    const answered = pending.requirement.counting.filter((replica) => replica in pending.responses).length;
    if (answered >= pending.requirement.required) {
      if (ctx.params.readRepair === 'blocking') startWriteBack(ctx, state, message.requestId, pending);
      else answerRead(ctx, message.requestId, pending);
    }
  }
  if (pending.replied && ctx.params.readRepair !== 'off') repairStale(ctx, state, message.requestId, pending);
  if (pending.replied && pending.replicas.every((replica) => replica in pending.responses))
    finish(ctx, state, message.requestId);
}

/** Read repair: every replica that answered with an older version gets the newest one. */
function repairStale(ctx: Ctx, state: State, requestId: number, pending: PendingRead): void {
  const newest = pending.newest;
  if (!newest) return;
  const stale = Object.entries(pending.responses)
    .filter(
      ([replica, version]) =>
        compareVersions(version ?? undefined, newest.version) < 0 && !pending.repaired.includes(replica),
    )
    .map(([replica]) => replica);
  if (stale.length === 0) return;
  pending.repaired.push(...stale);
  ctx.note(
    `${ctx.self} read-repaired ${pending.key} on ${stale.join(', ')} (newest: ${formatVersion(newest.version)})`,
  );
  for (const replica of stale)
    deliver(ctx, state, replica, { type: 'repair', requestId, key: pending.key, entry: newest, ack: false });
}

/**
 * Blocking read repair (ABD's second phase): before answering, make sure the newest value is on a
 * write quorum, so any later read quorum sees it too.
 */
function startWriteBack(ctx: Ctx, state: State, requestId: number, pending: PendingRead): void {
  const newest = pending.newest;
  const write = requirementFor(
    pending.level,
    { name: 'W', count: ctx.params.w },
    pending.replicas,
    ctx.self,
    ctx.params.datacenters,
  );
  if (!newest || typeof write === 'string') {
    answerRead(ctx, requestId, pending);
    return;
  }
  const holds = (replica: NodeId) =>
    compareVersions(pending.responses[replica] ?? undefined, newest.version) === 0;
  const holders = write.counting.filter(holds);
  if (holders.length >= write.required) {
    answerRead(ctx, requestId, pending);
    return;
  }
  pending.writeBack = { required: write.required, counting: write.counting, holders };
  const targets = pending.replicas.filter((replica) => !holds(replica));
  pending.repaired.push(...targets);
  ctx.note(
    `${ctx.self} writes ${pending.key} back to ${targets.join(', ')} before answering (blocking read repair)`,
  );
  for (const replica of targets)
    deliver(ctx, state, replica, { type: 'repair', requestId, key: pending.key, entry: newest, ack: true });
}

function onRepairAck(ctx: Ctx, state: State, from: NodeId, requestId: number): void {
  const pending = state.volatile.pending[requestId];
  const writeBack = pending?.kind === 'read' ? pending.writeBack : null;
  if (pending?.kind !== 'read' || !writeBack || pending.replied) return;
  if (writeBack.counting.includes(from) && !writeBack.holders.includes(from)) writeBack.holders.push(from);
  if (writeBack.holders.length >= writeBack.required) answerRead(ctx, requestId, pending);
}

// Dispatch -------------------------------------------------------------------------------------------

function onTimeout(ctx: Ctx, state: State, requestId: number): void {
  const pending = state.volatile.pending[requestId];
  if (!pending) return;
  finish(ctx, state, requestId);
  if (pending.replied) return;
  const { required, label } = pending.requirement;
  if (pending.kind === 'write') {
    const got = pending.counted.length;
    ctx.note(`${ctx.self}: write of ${pending.key} failed with ${got} of ${required} acks (${label})`);
    ctx.reply(requestId, {
      ok: false,
      indeterminate: true,
      error: `timed out with ${got} of ${required} acks (${label}); the write may have reached some replicas`,
    });
  } else {
    const got = pending.writeBack
      ? `${pending.writeBack.holders.length} of ${pending.writeBack.required} write-back acks`
      : `${pending.requirement.counting.filter((replica) => replica in pending.responses).length} of ${required} replies`;
    ctx.note(`${ctx.self}: read of ${pending.key} failed with ${got} (${label})`);
    ctx.reply(requestId, { ok: false, error: `timed out with ${got} (${label})` });
  }
}

function handleMessage(ctx: Ctx, state: State, from: NodeId, message: QuorumMessage): void {
  switch (message.type) {
    case 'write':
      if (message.hintFor !== undefined && message.hintFor !== ctx.self)
        storeHint(ctx, state, message.hintFor, message.key, message.entry);
      else applyEntry(state, message.key, message.entry);
      deliver(ctx, state, from, {
        type: 'writeAck',
        requestId: message.requestId,
        ...(message.hintFor !== undefined ? { hintFor: message.hintFor } : {}),
      });
      break;
    case 'writeAck':
      onWriteAck(ctx, state, from, message);
      break;
    case 'read':
      deliver(ctx, state, from, {
        type: 'readReply',
        requestId: message.requestId,
        entry: state.durable.kv[message.key] ?? null,
      });
      break;
    case 'readReply':
      onReadReply(ctx, state, from, message);
      break;
    case 'repair':
      applyEntry(state, message.key, message.entry);
      if (message.ack) deliver(ctx, state, from, { type: 'repairAck', requestId: message.requestId });
      break;
    case 'repairAck':
      onRepairAck(ctx, state, from, message.requestId);
      break;
    case 'handoff':
      for (const hint of message.hints) applyEntry(state, hint.key, hint.entry);
      deliver(ctx, state, from, { type: 'handoffAck', ids: message.hints.map((hint) => hint.id) });
      break;
    case 'handoffAck':
      onHandoffAck(ctx, state, from, message.ids);
      break;
  }
}

/** Every key's newest version anywhere in the cluster (replica data and hints), for the gauges. */
function newestCopies(states: Iterable<QuorumDurable>): Map<string, Versioned> {
  const newest = new Map<string, Versioned>();
  const consider = (key: string, entry: Versioned) => {
    if (isNewer(entry, newest.get(key))) newest.set(key, entry);
  };
  for (const durable of states) {
    for (const [key, entry] of Object.entries(durable.kv)) consider(key, entry);
    for (const hint of durable.hints) consider(hint.key, hint.entry);
  }
  return newest;
}

export const quorumProtocol: Protocol<
  QuorumParams,
  QuorumDurable,
  QuorumVolatile,
  QuorumMessage,
  QuorumTimer
> = {
  id: 'quorum',
  title: 'Leaderless quorums (Dynamo, Cassandra)',
  paramsSchema: quorumParamsSchema,
  checkParams(params, nodes) {
    const problems: string[] = [];
    const count = nodes.length;
    if (params.n > count)
      problems.push(
        `params.n: N must be between 1 and the number of nodes (got N=${params.n}, ${count} nodes)`,
      );
    if (params.r > params.n)
      problems.push(`params.r: R must be between 1 and N (got R=${params.r}, N=${params.n})`);
    if (params.w > params.n)
      problems.push(`params.w: W must be between 1 and N (got W=${params.w}, N=${params.n})`);
    if (params.sloppyQuorum && !params.hintedHandoff) {
      problems.push(
        'params.sloppyQuorum: a sloppy quorum counts acks from stand-in nodes, so it needs hintedHandoff: true',
      );
    }
    if (params.hintedHandoff && params.n >= count) {
      problems.push(
        `params.hintedHandoff: a stand-in must be a node outside the key's N replicas, and there is none (N=${params.n}, ${count} nodes)`,
      );
    }
    for (const node of Object.keys(params.datacenters)) {
      if (!nodes.includes(node))
        problems.push(`params.datacenters: there is no node "${node}" (nodes: ${nodes.join(', ')})`);
    }
    const missing = nodes.filter((node) => params.datacenters[node] === undefined);
    if (params.consistency === 'LOCAL_QUORUM' && missing.length > 0) {
      problems.push(
        `params.datacenters: LOCAL_QUORUM needs every node's datacenter (missing: ${missing.join(', ')})`,
      );
    }
    return problems;
  },
  initDurable: () => ({ kv: {}, hints: [], writeSeq: 0, nextHintId: 1 }),
  initVolatile: ({ nodes, params }) => ({
    ring: buildRing(nodes, params.virtualNodes),
    pending: {},
    handoffScheduled: false,
  }),
  onStart(ctx, state) {
    scheduleHandoff(ctx, state);
  },
  onMessage: handleMessage,
  onTimer(ctx, state, timer) {
    switch (timer.kind) {
      case 'handoff':
        return handOff(ctx, state);
      case 'timeout':
        return onTimeout(ctx, state, timer.id);
      case 'stand-in':
        return sendToStandIns(ctx, state, timer.id);
      default:
        return unhandledKind(timer);
    }
  },
  onClientRequest(ctx, state, request) {
    const level = request.options?.consistency ?? ctx.params.consistency;
    if (level !== undefined && !isConsistencyLevel(level)) {
      ctx.reply(request.id, {
        ok: false,
        error: `unknown consistency level "${String(level)}" (known: ${consistencyLevels.join(', ')})`,
      });
      return;
    }
    if (request.op === 'write') coordinateWrite(ctx, state, request, level);
    else if (request.op === 'read') coordinateRead(ctx, state, request, level);
    else {
      ctx.reply(request.id, {
        ok: false,
        error: `leaderless quorums support read and write, not ${request.op} (compare-and-set needs consensus)`,
      });
    }
  },
  describeMessage: (message) => message.type,
  // Leaderless: whichever node a client contacts coordinates, sending to the key's replicas (and, with
  // hinted handoff, to stand-ins that later hand the writes on), so over a run every pair of nodes talks.
  topology: ({ nodes }) => ({ shape: 'all-to-all', order: [...nodes] }),
  describeNode(state, up): NodeView {
    const { durable, volatile } = state;
    const coordinating = volatile ? Object.keys(volatile.pending).length : 0;
    const details: Record<string, string | number> = {};
    for (const [key, entry] of Object.entries(durable.kv))
      details[`${key} version`] = formatVersion(entry.version);
    details['hints held'] = durable.hints.length;
    for (const hint of durable.hints)
      details[`hints for ${hint.home}`] = (Number(details[`hints for ${hint.home}`]) || 0) + 1;
    details['requests coordinating'] = coordinating;
    return {
      role: !up ? 'down' : coordinating > 0 ? 'coordinator' : 'replica',
      kv: Object.fromEntries(Object.entries(durable.kv).map(([key, entry]) => [key, entry.value])),
      details,
    };
  },
  gauges({ nodes, params }) {
    const ring = buildRing([...nodes.keys()], params.virtualNodes);
    const durables = [...nodes.values()].map((node) => node.state.durable);
    let behind = 0;
    for (const [key, newest] of newestCopies(durables)) {
      for (const replica of preferenceList(ring, key, params.n)) {
        if (isNewer(newest, nodes.get(replica)!.state.durable.kv[key])) behind++;
      }
    }
    return {
      'hints.held': durables.reduce((sum, durable) => sum + durable.hints.length, 0),
      'replicas.behind': behind,
    };
  },
};
