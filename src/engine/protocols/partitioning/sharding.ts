/**
 * A sharded key-value store for the partitioning lessons: each row lives on one node, chosen by a
 * partitioning strategy over the current members (hash modulo N, consistent hashing, or key ranges).
 * There is no replication here, so the numbers on screen are about placement alone.
 *
 * - Routing: the node a client contacts is the gateway. It computes the owner of the key and forwards
 *   the operation there (or serves it itself). A read that finds nothing at the owner asks every node,
 *   because the row may still be on its way from its previous owner.
 * - Membership: operator commands `join` (on the joining node) and `leave` (on the leaving node). The
 *   member list is a grow-only set of joined nodes minus a grow-only set of departed ones, spread by
 *   broadcast and push-pull gossip, so every node converges on the same list without coordination.
 * - Rebalancing: every node periodically sends the rows it holds but no longer owns to their owners,
 *   and deletes them once acknowledged. The gauges count the rows and bytes moved.
 * - Salting: a salted key "k" is stored as sub-keys "k#0" … "k#b-1"; a write picks one sub-key at
 *   random, and a read asks the owners of all b sub-keys and returns the newest value.
 * - Scans (`op: 'scan'`, keys from `key` up to `options.to`) ask only the nodes that can hold keys in
 *   that interval: the overlapping ranges under range partitioning, every node under hashing.
 *
 * Rows carry last-writer-wins versions stamped by the gateway, so a row moved during a rebalance never
 * overwrites a newer write that reached its new owner first.
 */
import { z } from 'zod';
import type {
  ClientRequest,
  HandlerContext,
  NodeId,
  NodeState,
  NodeView,
  Protocol,
  Value,
} from '../../core/types';
import { unhandledKind } from '../../core/schema';
import { isNewer, type Version } from '../shared/versions';
import { formatBytes } from './format';
import { buildRing, hash32, ringOwner, type Ring } from '../shared/hashing';
import {
  applyMembershipCommand,
  initialMembership,
  isMember,
  knowsMore,
  membersOf,
  mergeMembership,
  type Membership,
} from './membership';
import { saltedKey, saltedKeys } from './skew';
import { hashModuloOwner, imbalance, rangeIndex } from './strategies';

export const shardingParamsSchema = z
  .object({
    strategy: z.enum(['hash-modulo', 'consistent-hashing', 'range']).default('consistent-hashing'),
    /** Ring tokens per node (consistent hashing). */
    virtualNodes: z.number().int().min(1).max(1024).default(64),
    /** Split points for the range strategy: range i holds [boundaries[i-1], boundaries[i]) and goes to member i mod M. */
    rangeBoundaries: z.array(z.string()).default([]),
    /** The members at the start; the other nodes are spares until told to join. Default: every node. */
    members: z.array(z.string()).optional(),
    /** Rows `${keyPrefix}0` … that exist before the run starts, placed on their owners. */
    preloadRows: z.number().int().min(0).max(100_000).default(0),
    keyPrefix: z.string().default('k'),
    /** Bytes of a written row (preloaded rows vary between 64 and 1023 bytes). */
    rowBytes: z.number().int().min(1).max(1_000_000).default(256),
    /** Hot keys split into this many salted sub-keys. */
    saltedKeys: z.record(z.string(), z.number().int().min(2).max(256)).default({}),
    rebalanceIntervalMs: z.number().int().min(1).max(600_000).default(200),
    gossipIntervalMs: z.number().int().min(1).max(600_000).default(500),
    requestTimeoutMs: z.number().int().min(1).max(600_000).default(500),
  })
  .strict();
export type ShardingParams = z.infer<typeof shardingParamsSchema>;

export interface Row {
  value: Value;
  version: Version;
  bytes: number;
}

export interface ShardingDurable {
  self: NodeId;
  rows: Record<string, Row>;
  membership: Membership;
  writeSeq: number;
  /** Operations this node served as a data holder, per one-second window of its clock. */
  load: { windowStart: number; inWindow: number; lastWindow: number; total: number };
  moved: { keys: number; bytes: number };
  /** As a gateway: client requests routed, and the nodes they asked in all (the fan-out). */
  routing: { requests: number; nodesAsked: number };
}

interface Pending {
  op: 'read' | 'write' | 'scan';
  key: string;
  keys: string[];
  awaiting: NodeId[];
  best: Row | null;
  count: number;
  searchedEverywhere: boolean;
}

export interface ShardingVolatile {
  /** The ring for the current members, rebuilt when membership changes. */
  ring: Ring | null;
  pending: Record<number, Pending>;
}

export type ShardingMessage =
  | { type: 'get'; requestId: number; keys: string[] }
  | { type: 'rows'; requestId: number; rows: Record<string, Row | null> }
  | { type: 'put'; requestId: number; key: string; row: Row }
  | { type: 'putAck'; requestId: number }
  | { type: 'scan'; requestId: number; from: string; to: string }
  | { type: 'scanned'; requestId: number; count: number }
  | { type: 'transfer'; rows: Record<string, Row> }
  | { type: 'transferAck'; versions: Record<string, Version> }
  | { type: 'membership'; membership: Membership };

/** The periodic rebalance and membership gossip, and a router's deadline for one request. */
type ShardingTimer = { kind: 'rebalance' } | { kind: 'gossip' } | { kind: 'timeout'; id: number };

type Ctx = HandlerContext<ShardingParams, ShardingMessage, ShardingTimer>;
type State = NodeState<ShardingDurable, ShardingVolatile>;

const rebalanceTimer: ShardingTimer = { kind: 'rebalance' };
const gossipTimer: ShardingTimer = { kind: 'gossip' };
const timeoutTimer = (requestId: number): ShardingTimer => ({ kind: 'timeout', id: requestId });
const loadWindowMs = 1000;

/** The owner of a (physical) key under a strategy and member list. */
export function ownerOf(
  params: ShardingParams,
  members: readonly NodeId[],
  key: string,
  ring: Ring | null,
): NodeId {
  switch (params.strategy) {
    case 'hash-modulo':
      return hashModuloOwner(members, key);
    case 'consistent-hashing':
      return ringOwner(ring ?? buildRing(members, params.virtualNodes), key);
    case 'range':
      return members[rangeIndex(params.rangeBoundaries, key) % members.length]!;
  }
}

/** The members that may hold keys in [from, to): the overlapping ranges' owners, or everyone under hashing. */
function nodesForScan(
  params: ShardingParams,
  members: readonly NodeId[],
  from: string,
  to: string,
): NodeId[] {
  if (params.strategy !== 'range') return [...members];
  const first = rangeIndex(params.rangeBoundaries, from);
  const last = rangeIndex(params.rangeBoundaries, to);
  const owners = new Set<NodeId>();
  for (let range = first; range <= last; range++) owners.add(members[range % members.length]!);
  return members.filter((member) => owners.has(member));
}

export function preloadedRowBytes(key: string): number {
  return 64 + (hash32(key) % 960);
}

const members = (ctx: Ctx, state: State) => membersOf(ctx.nodes, state.durable.membership);

function ring(ctx: Ctx, state: State): Ring | null {
  if (ctx.params.strategy !== 'consistent-hashing') return null;
  state.volatile.ring ??= buildRing(members(ctx, state), ctx.params.virtualNodes);
  return state.volatile.ring;
}

function owner(ctx: Ctx, state: State, key: string): NodeId {
  return ownerOf(ctx.params, members(ctx, state), key, ring(ctx, state));
}

/** Operations served in the last complete one-second window before `now`. */
export function opsInLastFullSecond(load: ShardingDurable['load'], now: number): number {
  const current = Math.floor(now / loadWindowMs) * loadWindowMs;
  if (load.windowStart === current) return load.lastWindow;
  if (load.windowStart === current - loadWindowMs) return load.inWindow;
  return 0;
}

/** Counts one operation served by this node, in one-second windows of its local clock. */
function countLoad(ctx: Ctx, state: State): void {
  const load = state.durable.load;
  const window = Math.floor(ctx.clock.now / loadWindowMs) * loadWindowMs;
  if (window !== load.windowStart) {
    load.lastWindow = window === load.windowStart + loadWindowMs ? load.inWindow : 0;
    load.windowStart = window;
    load.inWindow = 0;
  }
  load.inWindow++;
  load.total++;
}

function store(state: State, key: string, row: Row): void {
  if (isNewer(row, state.durable.rows[key])) state.durable.rows[key] = row;
}

function serveGet(ctx: Ctx, state: State, keys: readonly string[]): Record<string, Row | null> {
  countLoad(ctx, state);
  return Object.fromEntries(keys.map((key) => [key, state.durable.rows[key] ?? null]));
}

function serveScan(ctx: Ctx, state: State, from: string, to: string): number {
  countLoad(ctx, state);
  return Object.keys(state.durable.rows).filter((key) => key >= from && key < to).length;
}

// Gateway ---------------------------------------------------------------------------------------------

function startRequest(
  ctx: Ctx,
  state: State,
  request: ClientRequest,
  pending: Pending,
  targets: Map<NodeId, string[]>,
): void {
  state.volatile.pending[request.id] = pending;
  state.durable.routing.requests++;
  state.durable.routing.nodesAsked += targets.size;
  ctx.setTimer(timeoutTimer(request.id), ctx.params.requestTimeoutMs);
  for (const [node, keys] of targets) {
    if (node === ctx.self) {
      if (pending.op === 'scan')
        pending.count += serveScan(ctx, state, request.key, String(request.options?.to));
      else if (pending.op === 'read') mergeRows(pending, serveGet(ctx, state, keys));
      else {
        countLoad(ctx, state);
        store(state, keys[0]!, writtenRow(ctx, state, request));
      }
      continue;
    }
    pending.awaiting.push(node);
    if (pending.op === 'scan')
      ctx.send(node, {
        type: 'scan',
        requestId: request.id,
        from: request.key,
        to: String(request.options?.to),
      });
    else if (pending.op === 'read') ctx.send(node, { type: 'get', requestId: request.id, keys });
    else
      ctx.send(node, {
        type: 'put',
        requestId: request.id,
        key: keys[0]!,
        row: writtenRow(ctx, state, request),
      });
  }
  if (pending.awaiting.length === 0) complete(ctx, state, request.id);
}

function writtenRow(ctx: Ctx, state: State, request: ClientRequest): Row {
  return {
    value: request.value ?? null,
    version: { ts: ctx.clock.now, node: ctx.self, seq: ++state.durable.writeSeq },
    bytes: ctx.params.rowBytes,
  };
}

function mergeRows(pending: Pending, rows: Record<string, Row | null>): void {
  for (const row of Object.values(rows)) if (row && isNewer(row, pending.best)) pending.best = row;
}

function groupByOwner(ctx: Ctx, state: State, keys: readonly string[]): Map<NodeId, string[]> {
  const targets = new Map<NodeId, string[]>();
  for (const key of keys) {
    const node = owner(ctx, state, key);
    targets.set(node, [...(targets.get(node) ?? []), key]);
  }
  return targets;
}

function route(ctx: Ctx, state: State, request: ClientRequest): void {
  if (members(ctx, state).length === 0) {
    ctx.reply(request.id, { ok: false, error: 'the cluster has no members left to hold data' });
    return;
  }
  const blank = { key: request.key, awaiting: [], best: null, count: 0, searchedEverywhere: false };
  const buckets = ctx.params.saltedKeys[request.key];
  if (request.op === 'read') {
    const keys = buckets === undefined ? [request.key] : saltedKeys(request.key, buckets);
    startRequest(ctx, state, request, { ...blank, op: 'read', keys }, groupByOwner(ctx, state, keys));
  } else if (request.op === 'write') {
    const key = buckets === undefined ? request.key : saltedKey(request.key, ctx.random.int(0, buckets - 1));
    startRequest(
      ctx,
      state,
      request,
      { ...blank, op: 'write', keys: [key] },
      new Map([[owner(ctx, state, key), [key]]]),
    );
  } else if (request.op === 'scan') {
    const to = request.options?.to;
    if (typeof to !== 'string' || to <= request.key) {
      ctx.reply(request.id, { ok: false, error: 'a scan needs options.to, a key after the start key' });
      return;
    }
    const targets = new Map(
      nodesForScan(ctx.params, members(ctx, state), request.key, to).map((node) => [node, []]),
    );
    ctx.note(
      `${ctx.self}: scan [${request.key}, ${to}) asks ${targets.size} of ${members(ctx, state).length} nodes`,
    );
    startRequest(ctx, state, request, { ...blank, op: 'scan', keys: [] }, targets);
  } else {
    ctx.reply(request.id, {
      ok: false,
      error: `the sharded store supports read, write and scan, not ${request.op}`,
    });
  }
}

/** Replies once every asked node has answered. A read that found nothing first asks every other node. */
function complete(ctx: Ctx, state: State, requestId: number): void {
  const pending = state.volatile.pending[requestId]!;
  if (pending.op === 'read' && pending.best === null && !pending.searchedEverywhere) {
    pending.searchedEverywhere = true;
    const others = ctx.nodes.filter((node) => node !== ctx.self);
    state.durable.routing.nodesAsked += others.length;
    mergeRows(pending, serveGet(ctx, state, pending.keys));
    pending.awaiting = others;
    for (const node of others) ctx.send(node, { type: 'get', requestId, keys: pending.keys });
    if (others.length > 0) return;
  }
  delete state.volatile.pending[requestId];
  ctx.cancelTimer(timeoutTimer(requestId));
  if (pending.op === 'read') ctx.reply(requestId, { ok: true, value: pending.best?.value ?? null });
  else if (pending.op === 'scan') ctx.reply(requestId, { ok: true, value: pending.count });
  else ctx.reply(requestId, { ok: true });
}

function onAnswer(
  ctx: Ctx,
  state: State,
  from: NodeId,
  requestId: number,
  merge: (pending: Pending) => void,
): void {
  const pending = state.volatile.pending[requestId];
  if (!pending?.awaiting.includes(from)) return;
  pending.awaiting = pending.awaiting.filter((node) => node !== from);
  merge(pending);
  if (pending.awaiting.length === 0) complete(ctx, state, requestId);
}

function onTimeout(ctx: Ctx, state: State, requestId: number): void {
  const pending = state.volatile.pending[requestId];
  if (!pending) return;
  delete state.volatile.pending[requestId];
  const error = `timed out waiting for ${pending.awaiting.join(', ')}`;
  ctx.reply(
    requestId,
    pending.op === 'write' ? { ok: false, indeterminate: true, error } : { ok: false, error },
  );
}

// Membership and rebalancing ---------------------------------------------------------------------------

/** Sends every row this node holds but does not own to its owner, batched per owner. */
function rebalance(ctx: Ctx, state: State): void {
  ctx.setTimer(rebalanceTimer, ctx.params.rebalanceIntervalMs);
  if (members(ctx, state).length === 0) return;
  const batches = new Map<NodeId, Record<string, Row>>();
  for (const [key, row] of Object.entries(state.durable.rows)) {
    const target = owner(ctx, state, key);
    if (target === ctx.self) continue;
    const batch = batches.get(target) ?? {};
    batch[key] = row;
    batches.set(target, batch);
  }
  for (const [target, rows] of batches) ctx.send(target, { type: 'transfer', rows });
}

function onTransferAck(ctx: Ctx, state: State, from: NodeId, versions: Record<string, Version>): void {
  let keys = 0;
  let bytes = 0;
  for (const [key, version] of Object.entries(versions)) {
    const row = state.durable.rows[key];
    // Delete only the version that was handed over; a newer local write goes out with the next batch.
    if (
      !row ||
      row.version.ts !== version.ts ||
      row.version.node !== version.node ||
      row.version.seq !== version.seq
    )
      continue;
    delete state.durable.rows[key];
    keys++;
    bytes += row.bytes;
  }
  if (keys === 0) return;
  state.durable.moved.keys += keys;
  state.durable.moved.bytes += bytes;
  ctx.note(`${ctx.self} moved ${keys} row${keys === 1 ? '' : 's'} (${formatBytes(bytes)}) to ${from}`);
}

function handleMessage(ctx: Ctx, state: State, from: NodeId, message: ShardingMessage): void {
  switch (message.type) {
    case 'get':
      ctx.send(from, {
        type: 'rows',
        requestId: message.requestId,
        rows: serveGet(ctx, state, message.keys),
      });
      break;
    case 'rows':
      onAnswer(ctx, state, from, message.requestId, (pending) => mergeRows(pending, message.rows));
      break;
    case 'put':
      countLoad(ctx, state);
      store(state, message.key, message.row);
      ctx.send(from, { type: 'putAck', requestId: message.requestId });
      break;
    case 'putAck':
      onAnswer(ctx, state, from, message.requestId, () => {});
      break;
    case 'scan':
      ctx.send(from, {
        type: 'scanned',
        requestId: message.requestId,
        count: serveScan(ctx, state, message.from, message.to),
      });
      break;
    case 'scanned':
      onAnswer(ctx, state, from, message.requestId, (pending) => (pending.count += message.count));
      break;
    case 'transfer':
      for (const [key, row] of Object.entries(message.rows)) store(state, key, row);
      ctx.send(from, {
        type: 'transferAck',
        versions: Object.fromEntries(Object.entries(message.rows).map(([key, row]) => [key, row.version])),
      });
      break;
    case 'transferAck':
      onTransferAck(ctx, state, from, message.versions);
      break;
    case 'membership':
      if (mergeMembership(ctx.nodes, state.durable.membership, message.membership))
        state.volatile.ring = null;
      // Push-pull gossip: a sender that knows less than we do gets our view back.
      if (knowsMore(state.durable.membership, message.membership))
        ctx.send(from, { type: 'membership', membership: state.durable.membership });
      break;
  }
}

const kvShown = 40;

export const shardingProtocol: Protocol<
  ShardingParams,
  ShardingDurable,
  ShardingVolatile,
  ShardingMessage,
  ShardingTimer
> = {
  id: 'partitioning',
  title: 'Sharded key-value store',
  paramsSchema: shardingParamsSchema,
  checkParams(params, nodes) {
    const problems: string[] = [];
    for (const node of params.members ?? []) {
      if (!nodes.includes(node))
        problems.push(`params.members: there is no node "${node}" (nodes: ${nodes.join(', ')})`);
    }
    if (params.members?.length === 0)
      problems.push('params.members: at least one node must be a member at the start');
    const bounds = params.rangeBoundaries;
    if (params.strategy === 'range' && bounds.length === 0) {
      problems.push('params.rangeBoundaries: the range strategy needs split points, e.g. ["k3", "k6"]');
    }
    if (bounds.some((bound, i) => i > 0 && bound <= bounds[i - 1]!))
      problems.push('params.rangeBoundaries: split points must be in increasing order');
    return problems;
  },
  initDurable({ self, nodes, params }) {
    const membership = initialMembership(nodes, params.members);
    const joined = membersOf(nodes, membership);
    const ring = params.strategy === 'consistent-hashing' ? buildRing(joined, params.virtualNodes) : null;
    const rows: Record<string, Row> = {};
    for (let i = 0; i < params.preloadRows; i++) {
      const key = `${params.keyPrefix}${i}`;
      if (ownerOf(params, joined, key, ring) !== self) continue;
      rows[key] = { value: 'initial', version: { ts: 0, node: '', seq: 0 }, bytes: preloadedRowBytes(key) };
    }
    return {
      self,
      rows,
      membership,
      writeSeq: 0,
      load: { windowStart: 0, inWindow: 0, lastWindow: 0, total: 0 },
      moved: { keys: 0, bytes: 0 },
      routing: { requests: 0, nodesAsked: 0 },
    };
  },
  initVolatile: () => ({ ring: null, pending: {} }),
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
        if (peers.length > 0)
          ctx.send(ctx.random.pick(peers), { type: 'membership', membership: state.durable.membership });
        return;
      }
      case 'timeout':
        return onTimeout(ctx, state, timer.id);
      default:
        return unhandledKind(timer);
    }
  },
  onClientRequest: route,
  onOperator(ctx, state, command) {
    const { changed, note } = applyMembershipCommand(ctx.nodes, state.durable.membership, ctx.self, command);
    ctx.note(note);
    if (!changed) return;
    state.volatile.ring = null;
    ctx.broadcast({ type: 'membership', membership: state.durable.membership });
  },
  describeMessage: (message) => message.type,
  describeNode(state, up): NodeView {
    const { durable } = state;
    const keys = Object.keys(durable.rows).sort();
    const bytes = keys.reduce((sum, key) => sum + durable.rows[key]!.bytes, 0);
    const { membership } = durable;
    const details: Record<string, string | number> = {
      rows: keys.length,
      bytes: formatBytes(bytes),
      'ops served': durable.load.total,
      'rows moved out': durable.moved.keys,
      'bytes moved out': formatBytes(durable.moved.bytes),
      members: membersOf(membership.joined, membership).join(' '),
    };
    if (keys.length > 0) details['key span'] = `${keys[0]} … ${keys[keys.length - 1]}`;
    if (keys.length > kvShown) details['kv shown'] = `first ${kvShown} of ${keys.length} keys`;
    return {
      role: !up
        ? 'down'
        : isMember(membership, durable.self)
          ? 'shard'
          : membership.left.includes(durable.self)
            ? keys.length > 0
              ? 'leaving'
              : 'departed'
            : 'spare',
      kv: Object.fromEntries(keys.slice(0, kvShown).map((key) => [key, durable.rows[key]!.value])),
      details,
    };
  },
  gauges({ nodes, now }) {
    const ids = [...nodes.keys()];
    const durables = [...nodes.values()].map((node) => node.state.durable);
    // The converged member list: the union of every node's joined and departed sets.
    const memberList = membersOf(ids, {
      joined: durables.flatMap((durable) => durable.membership.joined),
      left: durables.flatMap((durable) => durable.membership.left),
    });
    const result: Record<string, number> = {};
    let movedKeys = 0;
    let movedBytes = 0;
    let requests = 0;
    let asked = 0;
    for (const [id, { state }] of nodes) {
      const { rows, load, moved, routing } = state.durable;
      result[`rows.${id}`] = Object.keys(rows).length;
      result[`load.${id}`] = opsInLastFullSecond(load, now);
      movedKeys += moved.keys;
      movedBytes += moved.bytes;
      requests += routing.requests;
      asked += routing.nodesAsked;
    }
    result['imbalance.rows'] = imbalance(memberList.map((id) => result[`rows.${id}`]!));
    result['imbalance.load'] = imbalance(memberList.map((id) => result[`load.${id}`]!));
    result['moved.rows'] = movedKeys;
    result['moved.bytes'] = movedBytes;
    result['fanout.mean'] = requests === 0 ? 0 : asked / requests;
    return result;
  },
};
