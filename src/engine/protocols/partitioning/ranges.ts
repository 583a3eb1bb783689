/**
 * Automatic range partitioning in the style of CockroachDB. The key space starts as one range; a range
 * whose data grows past a size threshold splits in two at its middle key; each range is replicated on
 * `replicationFactor` nodes, one of which holds the lease and serves its reads and writes; and a
 * rebalancer spreads replicas and leases evenly over the members, including nodes that join later.
 *
 * - Routing: the node a client contacts (the gateway) looks the key up in its copy of the range
 *   directory and forwards the operation to the range's leaseholder. A node that is not the leaseholder
 *   answers with its newer descriptor, and the gateway retries, as CockroachDB's range cache does.
 * - Writes: the leaseholder stamps the row with a version, stores it, sends it to the other replicas
 *   and answers once a majority of the replicas (itself included) have it. Reads are served by the
 *   leaseholder alone.
 * - Splits: after a write, or on the rebalancer's tick, a leaseholder splits a range larger than
 *   `splitThresholdBytes` at the key that halves its bytes. Both halves keep the replicas and the lease;
 *   no data moves. The right half is named after its parent: r1 → r1 and r1.1.
 * - Rebalancing: every tick a leaseholder makes at most one change: replace a replica on a node that
 *   left, add a missing replica, or move a replica from the most-loaded to the least-loaded member when
 *   they differ by two or more. A move sends a snapshot of the range to the new node (which receives
 *   later writes as a learner meanwhile), then switches the replica set. A leaseholder holding more
 *   leases than the mean, and two more than another replica of the range, hands one over with the
 *   range's rows.
 * - The range directory is versioned per range (generation); each descriptor has a single writer, its
 *   leaseholder, and nodes spread descriptors by broadcast and push-pull gossip.
 *
 * Simplified on purpose, and said so: replication is not Raft (no log, no elections), so a range whose
 * leaseholder is down stays unavailable until it returns; a dead replica is not replaced unless its node
 * leaves the cluster. The Raft lessons cover what this leaves out.
 */
import { z } from 'zod';
import type {
  ClientReply,
  ClientRequest,
  HandlerContext,
  NodeId,
  NodeState,
  NodeView,
  Protocol,
  Value,
} from '../../core/types';
import { unhandledKind } from '../../core/schema';
import { majority } from '../shared/majority';
import { isNewer, type Version } from '../shared/versions';
import {
  applyMembershipCommand,
  initialMembership,
  isMember,
  knowsMore,
  membersOf,
  mergeMembership,
  type Membership,
} from './membership';
import { formatBytes } from './format';
import { imbalance } from './strategies';

export const rangesParamsSchema = z
  .object({
    replicationFactor: z.number().int().min(1).max(7).default(3),
    /** A range larger than this splits (CockroachDB's default is 512 MiB; small here so splits happen on screen). */
    splitThresholdBytes: z.number().int().min(64).max(1_000_000_000).default(16_384),
    /** Bytes of a written row. */
    rowBytes: z.number().int().min(1).max(1_000_000).default(256),
    /** Rows `${keyPrefix}0` … stored in the first range before the run starts. */
    preloadRows: z.number().int().min(0).max(100_000).default(0),
    keyPrefix: z.string().default('k'),
    /** The members at the start; the other nodes are spares until told to join. Default: every node. */
    members: z.array(z.string()).optional(),
    rebalanceIntervalMs: z.number().int().min(1).max(600_000).default(400),
    gossipIntervalMs: z.number().int().min(1).max(600_000).default(500),
    requestTimeoutMs: z.number().int().min(1).max(600_000).default(600),
  })
  .strict();
export type RangesParams = z.infer<typeof rangesParamsSchema>;

export interface RangeDescriptor {
  id: string;
  /** Inclusive start key; '' is the start of the key space. */
  start: string;
  /** Exclusive end key; null is the end of the key space. */
  end: string | null;
  replicas: NodeId[];
  leaseholder: NodeId;
  /** Bumped on every change; the higher generation of a range id wins. */
  generation: number;
  /** How many ranges have split off this one (names the next: r1.3). */
  splits: number;
}

interface Row {
  value: Value;
  version: Version;
  bytes: number;
}

export interface RangesDurable {
  self: NodeId;
  /** Rows of every range this node replicates, in one key space. */
  rows: Record<string, Row>;
  /** This node's copy of the range directory, by range id. */
  descriptors: Record<string, RangeDescriptor>;
  /** Ranges whose lease this node holds: granted at the start, kept through splits, received with a transfer. */
  leases: Record<string, true>;
  membership: Membership;
  writeSeq: number;
  stats: { splits: number; replicasMoved: number; bytesMoved: number; leasesTransferred: number };
}

interface GatewayRequest {
  request: ClientRequest;
  attempts: number;
}

interface LeaseholderWrite {
  gateway: NodeId;
  rangeId: string;
  acks: NodeId[];
  needed: number;
  replied: boolean;
}

export interface RangesVolatile {
  gateway: Record<number, GatewayRequest>;
  writes: Record<number, LeaseholderWrite>;
  /** Replica moves in flight, by range id: the snapshot went to `to`, which learns new writes meanwhile. */
  moves: Record<
    string,
    { from: NodeId | null; to: NodeId; generation: number; bytes: number; startedAt: number }
  >;
}

type Outcome = { ok: true; value?: Value } | { ok: false; error: string; indeterminate?: boolean };

export type RangesMessage =
  | { type: 'forward'; requestId: number; op: 'read' | 'write'; key: string; value: Value }
  | { type: 'forwardReply'; requestId: number; outcome: Outcome | null; descriptors: RangeDescriptor[] }
  | { type: 'replicate'; requestId: number; key: string; row: Row }
  | { type: 'replicateAck'; requestId: number }
  | { type: 'snapshot'; rangeId: string; generation: number; rows: Record<string, Row> }
  | { type: 'snapshotAck'; rangeId: string; generation: number }
  | { type: 'leaseTransfer'; descriptor: RangeDescriptor; rows: Record<string, Row> }
  | { type: 'descriptors'; descriptors: RangeDescriptor[]; membership: Membership; reply: boolean };

/**
 * The periodic rebalance and descriptor gossip; a gateway's deadline for one request, and a leaseholder's
 * for one write it is replicating.
 */
type RangesTimer =
  | { kind: 'rebalance' }
  | { kind: 'gossip' }
  | { kind: 'request'; id: number }
  | { kind: 'write'; id: number };

type Ctx = HandlerContext<RangesParams, RangesMessage, RangesTimer>;
type State = NodeState<RangesDurable, RangesVolatile>;

const maxAttempts = 5;
const rebalanceTimer: RangesTimer = { kind: 'rebalance' };
const gossipTimer: RangesTimer = { kind: 'gossip' };
const gatewayTimer = (requestId: number): RangesTimer => ({ kind: 'request', id: requestId });
const writeTimer = (requestId: number): RangesTimer => ({ kind: 'write', id: requestId });

export function inRange(descriptor: RangeDescriptor, key: string): boolean {
  return key >= descriptor.start && (descriptor.end === null || key < descriptor.end);
}

export function formatSpan(descriptor: Pick<RangeDescriptor, 'start' | 'end'>): string {
  return `[${descriptor.start === '' ? '−∞' : descriptor.start}, ${descriptor.end ?? '+∞'})`;
}

function descriptorFor(state: State, key: string): RangeDescriptor | undefined {
  return Object.values(state.durable.descriptors).find((descriptor) => inRange(descriptor, key));
}

function rowsIn(state: State, descriptor: RangeDescriptor): [string, Row][] {
  return Object.entries(state.durable.rows).filter(([key]) => inRange(descriptor, key));
}

const bytesOf = (rows: [string, Row][]) => rows.reduce((sum, [, row]) => sum + row.bytes, 0);

const members = (ctx: Ctx, state: State) => membersOf(ctx.nodes, state.durable.membership);

/**
 * Takes a descriptor if it is newer than ours. A node dropped from a range's replicas deletes that
 * range's rows.
 */
function learn(state: State, incoming: RangeDescriptor): boolean {
  const { durable } = state;
  const current = durable.descriptors[incoming.id];
  if (current && current.generation >= incoming.generation) return false;
  durable.descriptors[incoming.id] = incoming;
  if (incoming.leaseholder !== durable.self) delete durable.leases[incoming.id];
  if (current?.replicas.includes(durable.self) && !incoming.replicas.includes(durable.self)) {
    for (const key of Object.keys(durable.rows)) if (inRange(incoming, key)) delete durable.rows[key];
  }
  return true;
}

function publish(ctx: Ctx, state: State, descriptors: RangeDescriptor[]): void {
  for (const descriptor of descriptors) learn(state, descriptor);
  ctx.broadcast({ type: 'descriptors', descriptors, membership: state.durable.membership, reply: false });
}

// Gateway ---------------------------------------------------------------------------------------------

function sendToLeaseholder(ctx: Ctx, state: State, requestId: number): void {
  const pending = state.volatile.gateway[requestId];
  if (!pending) return;
  const { request } = pending;
  const descriptor = descriptorFor(state, request.key);
  if (!descriptor)
    return finishAtGateway(ctx, state, requestId, {
      ok: false,
      error: `no range in ${ctx.self}'s directory covers ${request.key}`,
    });
  const message: RangesMessage = {
    type: 'forward',
    requestId,
    op: request.op as 'read' | 'write',
    key: request.key,
    value: request.value ?? null,
  };
  if (descriptor.leaseholder === ctx.self) handleForward(ctx, state, ctx.self, message);
  else ctx.send(descriptor.leaseholder, message);
}

function onClientRequest(ctx: Ctx, state: State, request: ClientRequest): void {
  if (request.op !== 'read' && request.op !== 'write') {
    ctx.reply(request.id, { ok: false, error: `the range store supports read and write, not ${request.op}` });
    return;
  }
  state.volatile.gateway[request.id] = { request, attempts: 1 };
  ctx.setTimer(gatewayTimer(request.id), ctx.params.requestTimeoutMs);
  sendToLeaseholder(ctx, state, request.id);
}

function onForwardReply(
  ctx: Ctx,
  state: State,
  message: Extract<RangesMessage, { type: 'forwardReply' }>,
): void {
  const pending = state.volatile.gateway[message.requestId];
  if (!pending) return;
  for (const descriptor of message.descriptors) learn(state, descriptor);
  if (message.outcome) return finishAtGateway(ctx, state, message.requestId, message.outcome);
  // Not the leaseholder: try again with what we just learned.
  if (++pending.attempts > maxAttempts) {
    return finishAtGateway(ctx, state, message.requestId, {
      ok: false,
      error: `no leaseholder found for ${pending.request.key} after ${maxAttempts} tries`,
    });
  }
  sendToLeaseholder(ctx, state, message.requestId);
}

function finishAtGateway(ctx: Ctx, state: State, requestId: number, outcome: Outcome): void {
  delete state.volatile.gateway[requestId];
  ctx.cancelTimer(gatewayTimer(requestId));
  ctx.reply(requestId, outcome as ClientReply);
}

/** Delivers the leaseholder's answer to the gateway (itself, or another node). */
function answer(
  ctx: Ctx,
  state: State,
  gateway: NodeId,
  requestId: number,
  outcome: Outcome | null,
  descriptors: RangeDescriptor[] = [],
): void {
  const message: Extract<RangesMessage, { type: 'forwardReply' }> = {
    type: 'forwardReply',
    requestId,
    outcome,
    descriptors,
  };
  if (gateway === ctx.self) onForwardReply(ctx, state, message);
  else ctx.send(gateway, message);
}

// Leaseholder -----------------------------------------------------------------------------------------

function handleForward(
  ctx: Ctx,
  state: State,
  gateway: NodeId,
  message: Extract<RangesMessage, { type: 'forward' }>,
): void {
  const descriptor = descriptorFor(state, message.key);
  // A node named leaseholder serves only once it holds the lease (the transfer, with its rows, may still be on the way).
  if (!descriptor || descriptor.leaseholder !== ctx.self || !state.durable.leases[descriptor.id]) {
    answer(ctx, state, gateway, message.requestId, null, descriptor ? [descriptor] : []);
    return;
  }
  if (message.op === 'read') {
    answer(ctx, state, gateway, message.requestId, {
      ok: true,
      value: state.durable.rows[message.key]?.value ?? null,
    });
    return;
  }
  const row: Row = {
    value: message.value,
    version: { ts: ctx.clock.now, node: ctx.self, seq: ++state.durable.writeSeq },
    bytes: ctx.params.rowBytes,
  };
  state.durable.rows[message.key] = row;
  const move = state.volatile.moves[descriptor.id];
  const followers = [...descriptor.replicas, ...(move ? [move.to] : [])].filter((node) => node !== ctx.self);
  const write: LeaseholderWrite = {
    gateway,
    rangeId: descriptor.id,
    acks: [ctx.self],
    needed: majority(descriptor.replicas.length),
    replied: false,
  };
  state.volatile.writes[message.requestId] = write;
  ctx.setTimer(writeTimer(message.requestId), ctx.params.requestTimeoutMs);
  for (const follower of followers)
    ctx.send(follower, { type: 'replicate', requestId: message.requestId, key: message.key, row });
  commitIfReady(ctx, state, message.requestId);
  splitIfLarge(ctx, state, descriptor);
}

function commitIfReady(ctx: Ctx, state: State, requestId: number): void {
  const write = state.volatile.writes[requestId];
  if (!write || write.replied || write.acks.length < write.needed) return;
  write.replied = true;
  answer(ctx, state, write.gateway, requestId, { ok: true });
}

function onReplicateAck(ctx: Ctx, state: State, from: NodeId, requestId: number): void {
  const write = state.volatile.writes[requestId];
  const descriptor = write && state.durable.descriptors[write.rangeId];
  // Only voting replicas count; a learner receiving a snapshot does not.
  if (!write || !descriptor?.replicas.includes(from) || write.acks.includes(from)) return;
  write.acks.push(from);
  commitIfReady(ctx, state, requestId);
}

/** The key that splits a range's rows into two halves of (nearly) equal bytes. */
function splitKey(rows: [string, Row][]): string | null {
  const sorted = [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const half = bytesOf(sorted) / 2;
  let running = 0;
  for (let i = 1; i < sorted.length; i++) {
    running += sorted[i - 1]![1].bytes;
    if (running >= half) return sorted[i]![0];
  }
  return null;
}

function splitIfLarge(ctx: Ctx, state: State, descriptor: RangeDescriptor): void {
  if (state.volatile.moves[descriptor.id]) return;
  const rows = rowsIn(state, descriptor);
  if (bytesOf(rows) <= ctx.params.splitThresholdBytes) return;
  const at = splitKey(rows);
  if (at === null || at === descriptor.start) return;
  const left: RangeDescriptor = {
    ...descriptor,
    end: at,
    generation: descriptor.generation + 1,
    splits: descriptor.splits + 1,
  };
  const right: RangeDescriptor = {
    id: `${descriptor.id}.${descriptor.splits + 1}`,
    start: at,
    end: descriptor.end,
    replicas: [...descriptor.replicas],
    leaseholder: descriptor.leaseholder,
    generation: descriptor.generation + 1,
    splits: 0,
  };
  state.durable.stats.splits++;
  state.durable.leases[right.id] = true;
  ctx.note(
    `range ${descriptor.id} ${formatSpan(descriptor)} split at ${at}: ${left.id} ${formatSpan(left)} and ${right.id} ${formatSpan(right)}`,
  );
  publish(ctx, state, [left, right]);
}

// Rebalancing -----------------------------------------------------------------------------------------

function countsBy(
  descriptors: readonly RangeDescriptor[],
  nodes: readonly NodeId[],
  pick: (descriptor: RangeDescriptor) => NodeId[],
): Map<NodeId, number> {
  const counts = new Map<NodeId, number>(nodes.map((node) => [node, 0]));
  for (const descriptor of descriptors)
    for (const node of pick(descriptor)) if (counts.has(node)) counts.set(node, counts.get(node)! + 1);
  return counts;
}

const fewest = (counts: Map<NodeId, number>, among: readonly NodeId[]) =>
  among.reduce<NodeId | null>(
    (best, node) => (best === null || counts.get(node)! < counts.get(best)! ? node : best),
    null,
  );
const most = (counts: Map<NodeId, number>, among: readonly NodeId[]) =>
  among.reduce<NodeId | null>(
    (best, node) => (best === null || counts.get(node)! > counts.get(best)! ? node : best),
    null,
  );

/** One rebalancing decision for a range this node leads: which replica to replace by which node, if any. */
function chooseMove(
  ctx: Ctx,
  state: State,
  descriptor: RangeDescriptor,
): { from: NodeId | null; to: NodeId } | null {
  const memberList = members(ctx, state);
  const replicaCounts = countsBy(Object.values(state.durable.descriptors), memberList, (d) => d.replicas);
  const candidates = memberList.filter((node) => !descriptor.replicas.includes(node));
  const target = fewest(replicaCounts, candidates);
  if (target === null) return null;
  const departed = descriptor.replicas.find((node) => !memberList.includes(node));
  if (departed) return { from: departed, to: target };
  if (descriptor.replicas.length < ctx.params.replicationFactor) return { from: null, to: target };
  // On a tie, move another replica rather than this leaseholder's own (which would need a lease transfer first).
  const others = descriptor.replicas.filter((node) => memberList.includes(node) && node !== ctx.self);
  const source = most(replicaCounts, descriptor.replicas.includes(ctx.self) ? [...others, ctx.self] : others);
  if (source !== null && replicaCounts.get(source)! - replicaCounts.get(target)! >= 2)
    return { from: source, to: target };
  return null;
}

/** A replica on this node should go, or this node holds too many leases: hand one lease to the best other replica. */
function chooseLeaseTransfer(
  ctx: Ctx,
  state: State,
  led: RangeDescriptor[],
): { descriptor: RangeDescriptor; to: NodeId } | null {
  const memberList = members(ctx, state);
  const leaseCounts = countsBy(Object.values(state.durable.descriptors), memberList, (d) => [d.leaseholder]);
  const selfLeases = led.length;
  const meanLeases = Object.keys(state.durable.descriptors).length / Math.max(1, memberList.length);
  for (const descriptor of led) {
    const others = descriptor.replicas.filter((node) => node !== ctx.self && memberList.includes(node));
    const to = fewest(leaseCounts, others);
    if (to === null) continue;
    const mustGo = !memberList.includes(ctx.self) || chooseMove(ctx, state, descriptor)?.from === ctx.self;
    if (mustGo || (selfLeases > meanLeases && selfLeases - leaseCounts.get(to)! >= 2))
      return { descriptor, to };
  }
  return null;
}

/**
 * Hands a lease to another replica. The rows travel with it, so the new leaseholder has every write
 * this one acknowledged; it announces the new descriptor once it has them.
 */
function transferLease(ctx: Ctx, state: State, descriptor: RangeDescriptor, to: NodeId): void {
  const next: RangeDescriptor = { ...descriptor, leaseholder: to, generation: descriptor.generation + 1 };
  state.durable.stats.leasesTransferred++;
  ctx.note(`lease for ${descriptor.id} moved ${ctx.self} → ${to}`);
  learn(state, next);
  ctx.send(to, {
    type: 'leaseTransfer',
    descriptor: next,
    rows: Object.fromEntries(rowsIn(state, descriptor)),
  });
}

/** The ranges whose lease this node holds. */
function led(state: State): RangeDescriptor[] {
  return Object.values(state.durable.descriptors).filter(
    (descriptor) => state.durable.leases[descriptor.id] && descriptor.leaseholder === state.durable.self,
  );
}

function rebalance(ctx: Ctx, state: State): void {
  ctx.setTimer(rebalanceTimer, ctx.params.rebalanceIntervalMs);
  for (const descriptor of led(state)) splitIfLarge(ctx, state, descriptor);
  // A move whose snapshot was never acknowledged (its target is down) is abandoned after a while.
  for (const [rangeId, move] of Object.entries(state.volatile.moves)) {
    if (ctx.clock.now - move.startedAt > 5 * ctx.params.requestTimeoutMs)
      delete state.volatile.moves[rangeId];
  }
  if (Object.keys(state.volatile.moves).length > 0 || members(ctx, state).length === 0) return;
  const stillLed = led(state);
  const lease = chooseLeaseTransfer(ctx, state, stillLed);
  if (lease) return transferLease(ctx, state, lease.descriptor, lease.to);
  for (const descriptor of stillLed) {
    const move = chooseMove(ctx, state, descriptor);
    if (!move || move.from === ctx.self) continue;
    const rows = rowsIn(state, descriptor);
    state.volatile.moves[descriptor.id] = {
      ...move,
      generation: descriptor.generation,
      bytes: bytesOf(rows),
      startedAt: ctx.clock.now,
    };
    ctx.send(move.to, {
      type: 'snapshot',
      rangeId: descriptor.id,
      generation: descriptor.generation,
      rows: Object.fromEntries(rows),
    });
    return;
  }
}

function onSnapshotAck(ctx: Ctx, state: State, from: NodeId, rangeId: string, generation: number): void {
  const move = state.volatile.moves[rangeId];
  const descriptor = state.durable.descriptors[rangeId];
  if (!move || move.to !== from || move.generation !== generation) return;
  delete state.volatile.moves[rangeId];
  if (!descriptor || descriptor.generation !== generation || descriptor.leaseholder !== ctx.self) return;
  const replicas = [...descriptor.replicas.filter((node) => node !== move.from), move.to];
  state.durable.stats.replicasMoved++;
  state.durable.stats.bytesMoved += move.bytes;
  const what = move.from === null ? `added on ${move.to}` : `moved ${move.from} → ${move.to}`;
  ctx.note(`replica of ${rangeId} ${what} (${formatBytes(move.bytes)})`);
  publish(ctx, state, [{ ...descriptor, replicas, generation: descriptor.generation + 1 }]);
}

// Directory gossip ------------------------------------------------------------------------------------

function onDescriptors(
  ctx: Ctx,
  state: State,
  from: NodeId,
  message: Extract<RangesMessage, { type: 'descriptors' }>,
): void {
  mergeMembership(ctx.nodes, state.durable.membership, message.membership);
  for (const descriptor of message.descriptors) learn(state, descriptor);
  if (!message.reply) return;
  // Push-pull: send back whatever the sender lacks or has older.
  const theirs = new Map(message.descriptors.map((descriptor) => [descriptor.id, descriptor.generation]));
  const newer = Object.values(state.durable.descriptors).filter(
    (descriptor) => (theirs.get(descriptor.id) ?? 0) < descriptor.generation,
  );
  if (newer.length > 0 || knowsMore(state.durable.membership, message.membership)) {
    ctx.send(from, {
      type: 'descriptors',
      descriptors: newer,
      membership: state.durable.membership,
      reply: false,
    });
  }
}

function handleMessage(ctx: Ctx, state: State, from: NodeId, message: RangesMessage): void {
  switch (message.type) {
    case 'forward':
      handleForward(ctx, state, from, message);
      break;
    case 'forwardReply':
      onForwardReply(ctx, state, message);
      break;
    case 'replicate':
      if (isNewer(message.row, state.durable.rows[message.key]))
        state.durable.rows[message.key] = message.row;
      ctx.send(from, { type: 'replicateAck', requestId: message.requestId });
      break;
    case 'replicateAck':
      onReplicateAck(ctx, state, from, message.requestId);
      break;
    case 'snapshot':
      for (const [key, row] of Object.entries(message.rows))
        if (isNewer(row, state.durable.rows[key])) state.durable.rows[key] = row;
      ctx.send(from, { type: 'snapshotAck', rangeId: message.rangeId, generation: message.generation });
      break;
    case 'snapshotAck':
      onSnapshotAck(ctx, state, from, message.rangeId, message.generation);
      break;
    case 'leaseTransfer':
      for (const [key, row] of Object.entries(message.rows))
        if (isNewer(row, state.durable.rows[key])) state.durable.rows[key] = row;
      if (message.descriptor.generation < (state.durable.descriptors[message.descriptor.id]?.generation ?? 0))
        break;
      state.durable.leases[message.descriptor.id] = true;
      publish(ctx, state, [message.descriptor]);
      break;
    case 'descriptors':
      onDescriptors(ctx, state, from, message);
      break;
  }
}

// Views -----------------------------------------------------------------------------------------------

export interface RangeRow {
  rangeId: string;
  startKey: string;
  endKey: string;
  replicas: NodeId[];
  leaseholder: NodeId;
  bytes: number;
  rows: number;
}

type ClusterNodes = ReadonlyMap<NodeId, { state: { durable: RangesDurable } }>;

/** The newest descriptor of every range anywhere in the cluster (highest generation), in key order. */
export function newestDescriptors(nodes: ClusterNodes): RangeDescriptor[] {
  const newest = new Map<string, RangeDescriptor>();
  for (const { state } of nodes.values()) {
    for (const descriptor of Object.values(state.durable.descriptors)) {
      if ((newest.get(descriptor.id)?.generation ?? 0) < descriptor.generation)
        newest.set(descriptor.id, descriptor);
    }
  }
  return [...newest.values()].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/**
 * The cluster's ranges as CockroachDB's SHOW RANGES lists them: the newest descriptor of every range
 * (highest generation across all nodes), with its size as its leaseholder stores it.
 */
export function showRanges(nodes: ClusterNodes): RangeRow[] {
  return newestDescriptors(nodes).map((descriptor) => {
    const rows = Object.entries(nodes.get(descriptor.leaseholder)?.state.durable.rows ?? {}).filter(([key]) =>
      inRange(descriptor, key),
    );
    return {
      rangeId: descriptor.id,
      startKey: descriptor.start === '' ? '−∞' : descriptor.start,
      endKey: descriptor.end ?? '+∞',
      replicas: [...descriptor.replicas].sort(),
      leaseholder: descriptor.leaseholder,
      bytes: bytesOf(rows),
      rows: rows.length,
    };
  });
}

/** SHOW RANGES as an aligned text table, for the CLI and notes. */
export function formatShowRanges(rows: readonly RangeRow[]): string {
  const header = ['range_id', 'start_key', 'end_key', 'replicas', 'lease_holder', 'size'];
  const lines = rows.map((row) => [
    row.rangeId,
    row.startKey,
    row.endKey,
    `{${row.replicas.join(',')}}`,
    row.leaseholder,
    formatBytes(row.bytes),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i]!.length)));
  const format = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join(' | ')
      .trimEnd();
  return [format(header), widths.map((width) => '-'.repeat(width)).join('-+-'), ...lines.map(format)].join(
    '\n',
  );
}

const kvShown = 40;

export const rangesProtocol: Protocol<
  RangesParams,
  RangesDurable,
  RangesVolatile,
  RangesMessage,
  RangesTimer
> = {
  id: 'ranges',
  title: 'Automatic range splitting and rebalancing (CockroachDB style)',
  paramsSchema: rangesParamsSchema,
  checkParams(params, nodes) {
    const problems: string[] = [];
    for (const node of params.members ?? []) {
      if (!nodes.includes(node))
        problems.push(`params.members: there is no node "${node}" (nodes: ${nodes.join(', ')})`);
    }
    if (params.members?.length === 0)
      problems.push('params.members: at least one node must be a member at the start');
    return problems;
  },
  initDurable({ self, nodes, params }) {
    const membership = initialMembership(nodes, params.members);
    const replicas = membersOf(nodes, membership).slice(0, params.replicationFactor);
    const first: RangeDescriptor = {
      id: 'r1',
      start: '',
      end: null,
      replicas,
      leaseholder: replicas[0]!,
      generation: 1,
      splits: 0,
    };
    const rows: Record<string, Row> = {};
    const leases: Record<string, true> = self === first.leaseholder ? { r1: true } : {};
    if (replicas.includes(self)) {
      for (let i = 0; i < params.preloadRows; i++) {
        rows[`${params.keyPrefix}${i}`] = {
          value: 'initial',
          version: { ts: 0, node: '', seq: 0 },
          bytes: params.rowBytes,
        };
      }
    }
    return {
      self,
      rows,
      descriptors: { r1: first },
      leases,
      membership,
      writeSeq: 0,
      stats: { splits: 0, replicasMoved: 0, bytesMoved: 0, leasesTransferred: 0 },
    };
  },
  initVolatile: () => ({ gateway: {}, writes: {}, moves: {} }),
  onStart(ctx) {
    ctx.setTimer(rebalanceTimer, ctx.params.rebalanceIntervalMs);
    ctx.setTimer(gossipTimer, ctx.params.gossipIntervalMs);
  },
  onMessage: handleMessage,
  onTimer(ctx, state, timer) {
    switch (timer.kind) {
      case 'rebalance':
        return rebalance(ctx, state);
      case 'gossip': {
        ctx.setTimer(gossipTimer, ctx.params.gossipIntervalMs);
        const peers = ctx.nodes.filter((node) => node !== ctx.self);
        if (peers.length === 0) return;
        const descriptors = Object.values(state.durable.descriptors);
        ctx.send(ctx.random.pick(peers), {
          type: 'descriptors',
          descriptors,
          membership: state.durable.membership,
          reply: true,
        });
        return;
      }
      case 'write':
        delete state.volatile.writes[timer.id];
        return;
      case 'request': {
        const waiting = state.volatile.gateway[timer.id];
        if (!waiting) return;
        finishAtGateway(ctx, state, timer.id, {
          ok: false,
          error: 'timed out waiting for the leaseholder',
          ...(waiting.request.op === 'write' ? { indeterminate: true } : {}),
        });
        return;
      }
      default:
        return unhandledKind(timer);
    }
  },
  onClientRequest,
  onOperator(ctx, state, command) {
    const { changed, note } = applyMembershipCommand(ctx.nodes, state.durable.membership, ctx.self, command);
    ctx.note(note);
    if (changed)
      ctx.broadcast({
        type: 'descriptors',
        descriptors: [],
        membership: state.durable.membership,
        reply: false,
      });
  },
  describeMessage: (message) => message.type,
  describeNode(state, up): NodeView {
    const { durable } = state;
    const held = Object.values(durable.descriptors)
      .filter((descriptor) => descriptor.replicas.includes(durable.self))
      .sort((a, b) => (a.start < b.start ? -1 : 1));
    const keys = Object.keys(durable.rows).sort();
    const details: Record<string, string | number> = {
      replicas: held.length,
      leases: held.filter((descriptor) => durable.leases[descriptor.id]).length,
      bytes: formatBytes(keys.reduce((sum, key) => sum + durable.rows[key]!.bytes, 0)),
    };
    for (const descriptor of held) {
      const bytes = keys
        .filter((key) => inRange(descriptor, key))
        .reduce((sum, key) => sum + durable.rows[key]!.bytes, 0);
      const lease = durable.leases[descriptor.id] ? 'leaseholder' : 'replica';
      details[`range ${descriptor.id}`] =
        `${formatSpan(descriptor)} · ${formatBytes(bytes)} · ${lease} · on ${descriptor.replicas.join(' ')}`;
    }
    if (keys.length > kvShown) details['kv shown'] = `first ${kvShown} of ${keys.length} keys`;
    const { membership, self } = durable;
    const role = isMember(membership, self)
      ? details.leases
        ? 'leaseholder'
        : 'replica'
      : membership.left.includes(self)
        ? held.length > 0
          ? 'decommissioning'
          : 'decommissioned'
        : 'spare';
    return {
      role: up ? role : 'down',
      kv: Object.fromEntries(keys.slice(0, kvShown).map((key) => [key, durable.rows[key]!.value])),
      details,
    };
  },
  invariants: [
    {
      name: 'ranges tile the key space',
      check({ nodes }) {
        const ranges = newestDescriptors(nodes);
        for (let i = 0; i < ranges.length; i++) {
          const expectedStart = i === 0 ? '' : ranges[i - 1]!.end;
          if (ranges[i]!.start !== expectedStart)
            return `range ${ranges[i]!.id} ${formatSpan(ranges[i]!)} does not start where the range before it ends`;
        }
        const last = ranges[ranges.length - 1];
        return last?.end === null ? null : `the last range ends at ${last?.end ?? 'nothing'}, not +∞`;
      },
    },
    {
      name: 'at most one node holds each lease',
      check({ nodes }) {
        const holders = new Map<string, NodeId>();
        for (const [id, { state }] of nodes) {
          for (const rangeId of Object.keys(state.durable.leases)) {
            const other = holders.get(rangeId);
            if (other !== undefined) return `both ${other} and ${id} hold the lease for ${rangeId}`;
            holders.set(rangeId, id);
          }
        }
        return null;
      },
    },
    {
      name: 'every leaseholder is a replica of its range',
      check({ nodes }) {
        const bad = newestDescriptors(nodes).find(
          (descriptor) => !descriptor.replicas.includes(descriptor.leaseholder),
        );
        return bad
          ? `${bad.leaseholder} holds the lease for ${bad.id} but is not among its replicas ${bad.replicas.join(', ')}`
          : null;
      },
    },
  ],
  gauges(context) {
    const table = showRanges(context.nodes);
    const ids = [...context.nodes.keys()];
    const durables = [...context.nodes.values()].map((node) => node.state.durable);
    const memberList = membersOf(ids, {
      joined: durables.flatMap((durable) => durable.membership.joined),
      left: durables.flatMap((durable) => durable.membership.left),
    });
    const result: Record<string, number> = { ranges: table.length };
    for (const id of ids) {
      result[`replicas.${id}`] = table.filter((row) => row.replicas.includes(id)).length;
      result[`leases.${id}`] = table.filter((row) => row.leaseholder === id).length;
    }
    result['imbalance.replicas'] = imbalance(memberList.map((id) => result[`replicas.${id}`]!));
    result['imbalance.leases'] = imbalance(memberList.map((id) => result[`leases.${id}`]!));
    result['range.maxBytes'] = Math.max(0, ...table.map((row) => row.bytes));
    result['moved.bytes'] = durables.reduce((sum, durable) => sum + durable.stats.bytesMoved, 0);
    result['moved.replicas'] = durables.reduce((sum, durable) => sum + durable.stats.replicasMoved, 0);
    result.splits = durables.reduce((sum, durable) => sum + durable.stats.splits, 0);
    return result;
  },
};
