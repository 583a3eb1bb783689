/**
 * Multi-leader (active-active) replication. Every node is the leader of its region: it applies a client's
 * update at once, acknowledges it, and pushes the key's new state to the other regions asynchronously.
 * A partition therefore never stops writes; the regions diverge and reconcile afterwards.
 *
 * Reconciliation does not rely on the pushes arriving. Every `syncIntervalMs` each node sends its peers a
 * digest (the version vector of every key); a peer answers with the keys the sender has not seen and asks
 * for the ones it lacks (push-pull anti-entropy), so once a partition heals every region converges within
 * about one sync interval plus a round trip.
 *
 * What a conflict (two regions updating a key concurrently) turns into is the `resolution` parameter: see
 * replicatedTypes.ts.
 */
import { z } from 'zod';
import { unhandledKind } from '../../core/schema';
import type { HandlerContext, NodeId, NodeState, Protocol, Value } from '../../core/types';
import { mvVector, type MvRegister } from './crdt/mvRegister';
import {
  emptyEntry,
  mergeEntries,
  replicatedTypes,
  resolutions,
  updateEntry,
  type Entry,
  type Resolution,
} from './replicatedTypes';
import { compare, descends, formatVector, join, type VersionVector } from './versionVector';

export const multiLeaderParamsSchema = z
  .object({
    /** How concurrent updates to one key are resolved. */
    resolution: z.enum(resolutions).default('lww'),
    /** How often each node runs anti-entropy with every peer. */
    syncIntervalMs: z.number().int().min(10).max(600_000).default(1000),
  })
  .strict();
export type MultiLeaderParams = z.infer<typeof multiLeaderParamsSchema>;

export interface MultiLeaderDurable {
  /** The node's resolution strategy (a copy of the parameter, so the node view can read its data). */
  resolution: Resolution;
  store: Record<string, Entry>;
  /** Merges this replica made of two concurrent histories of a key. */
  conflicts: number;
  /** Writes last-writer-wins threw away on this replica. */
  discardedWrites: number;
}

export interface MultiLeaderVolatile {
  /** Per peer and key, the history the peer is known to hold (from its digests and the entries it sent). */
  peerVectors: Record<NodeId, Record<string, VersionVector>>;
}

export type MultiLeaderMessage =
  | { type: 'update'; key: string; entry: Entry }
  | { type: 'digest'; vectors: Record<string, VersionVector> }
  | { type: 'entries'; entries: Record<string, Entry>; want: string[] };

type State = NodeState<MultiLeaderDurable, MultiLeaderVolatile>;
/** Anti-entropy: every `syncIntervalMs` a region sends the others the version vector of each key it holds. */
type MultiLeaderTimer = { kind: 'anti-entropy' };
type Context = HandlerContext<MultiLeaderParams, MultiLeaderMessage, MultiLeaderTimer>;

const syncTimer: MultiLeaderTimer = { kind: 'anti-entropy' };

const keepsSiblings = (resolution: Resolution) => resolution === 'siblings' || resolution === 'cart-union';

/** Lists travel through the client history as JSON text, since a history value is a single value. */
export function encodeReadValue(value: Value | Value[]): Value {
  return Array.isArray(value) ? JSON.stringify(value) : value;
}

interface MergeOutcome {
  changed: boolean;
  concurrent: boolean;
  discarded: Value[];
}

function mergeIncoming(ctx: Context, state: State, key: string, incoming: Entry): MergeOutcome {
  const type = replicatedTypes[ctx.params.resolution];
  const local = state.durable.store[key] ?? emptyEntry(type);
  const order = compare(local.vector, incoming.vector);
  if (order === 'equal' || order === 'after') return { changed: false, concurrent: false, discarded: [] };
  const merged = mergeEntries(type, local, incoming);
  state.durable.store[key] = merged;
  const concurrent = order === 'concurrent';
  const discarded = concurrent ? type.discarded(local.data, incoming.data, merged.data) : [];
  if (concurrent) state.durable.conflicts++;
  state.durable.discardedWrites += discarded.length;
  return { changed: true, concurrent, discarded };
}

function learnPeerVector(state: State, peer: NodeId, key: string, vector: VersionVector): void {
  const known = (state.volatile.peerVectors[peer] ??= {});
  known[key] = join(known[key] ?? {}, vector);
}

/** What the resolution did with concurrent updates, in words. */
function resolutionOutcome(resolution: MultiLeaderParams['resolution'], discarded: Value[]): string {
  if (resolution === 'lww') {
    const writes = discarded.length === 1 ? '1 write' : `${discarded.length} writes`;
    return `last-writer-wins discarded ${writes} (${discarded.join(', ')})`;
  }
  if (resolution === 'siblings') return 'kept as siblings for the application';
  if (resolution === 'cart-union') return 'kept as sibling carts, read as their union';
  return 'merged without losing an update';
}

function mergeFromPeer(ctx: Context, state: State, from: NodeId, entries: Record<string, Entry>): void {
  let changed = 0;
  let concurrent = 0;
  const discarded: Value[] = [];
  for (const [key, entry] of Object.entries(entries)) {
    learnPeerVector(state, from, key, entry.vector);
    const outcome = mergeIncoming(ctx, state, key, entry);
    if (outcome.changed) changed++;
    if (outcome.concurrent) concurrent++;
    discarded.push(...outcome.discarded);
  }
  if (changed === 0) return;
  const keys = changed === 1 ? '1 key' : `${changed} keys`;
  const conflicts =
    concurrent === 0
      ? ''
      : `; ${concurrent} had been updated on both sides: ${resolutionOutcome(ctx.params.resolution, discarded)}`;
  ctx.note(`${ctx.self} reconciled ${keys} with ${from}${conflicts}`);
}

function entriesFor(state: State, keys: Iterable<string>): Record<string, Entry> {
  const entries: Record<string, Entry> = {};
  for (const key of keys) {
    const entry = state.durable.store[key];
    if (entry) entries[key] = entry;
  }
  return entries;
}

/** Keys whose history this node holds but `peer` is not known to have seen. */
export function pendingKeys(
  durable: MultiLeaderDurable,
  volatile: MultiLeaderVolatile | null,
  peer: NodeId,
): string[] {
  const known = volatile?.peerVectors[peer] ?? {};
  return Object.entries(durable.store)
    .filter(([key, entry]) => !descends(known[key] ?? {}, entry.vector))
    .map(([key]) => key);
}

export const multiLeaderProtocol: Protocol<
  MultiLeaderParams,
  MultiLeaderDurable,
  MultiLeaderVolatile,
  MultiLeaderMessage,
  MultiLeaderTimer
> = {
  id: 'multileader',
  title: 'Multi-leader replication',
  paramsSchema: multiLeaderParamsSchema,
  checkParams: (_params, nodes) =>
    nodes.length < 2
      ? [`nodes: multi-leader replication needs at least two nodes (got ${nodes.length})`]
      : [],
  initDurable: ({ params }) => ({
    resolution: params.resolution,
    store: {},
    conflicts: 0,
    discardedWrites: 0,
  }),
  initVolatile: ({ self, nodes }) => ({
    peerVectors: Object.fromEntries(nodes.filter((id) => id !== self).map((id) => [id, {}])),
  }),

  onStart(ctx) {
    // A random first phase keeps the regions from all syncing in the same instant.
    ctx.setTimer(syncTimer, ctx.random.int(1, ctx.params.syncIntervalMs));
  },

  onTimer(ctx, state, timer) {
    switch (timer.kind) {
      case 'anti-entropy': {
        const vectors = Object.fromEntries(
          Object.entries(state.durable.store).map(([key, entry]) => [key, entry.vector]),
        );
        ctx.broadcast({ type: 'digest', vectors });
        ctx.setTimer(syncTimer, ctx.params.syncIntervalMs);
        return;
      }
      default:
        return unhandledKind(timer.kind);
    }
  },

  onMessage(ctx, state, from, message) {
    switch (message.type) {
      case 'update': {
        learnPeerVector(state, from, message.key, message.entry.vector);
        const outcome = mergeIncoming(ctx, state, message.key, message.entry);
        if (outcome.concurrent) {
          const what = resolutionOutcome(ctx.params.resolution, outcome.discarded);
          ctx.note(`${ctx.self} received a concurrent update of ${message.key} from ${from}: ${what}`);
        }
        break;
      }
      case 'digest': {
        for (const [key, vector] of Object.entries(message.vectors))
          learnPeerVector(state, from, key, vector);
        const missing = pendingKeys(state.durable, state.volatile, from);
        const want = Object.entries(message.vectors)
          .filter(([key, vector]) => !descends(state.durable.store[key]?.vector ?? {}, vector))
          .map(([key]) => key);
        if (missing.length > 0 || want.length > 0)
          ctx.send(from, { type: 'entries', entries: entriesFor(state, missing), want });
        break;
      }
      case 'entries': {
        mergeFromPeer(ctx, state, from, message.entries);
        if (message.want.length > 0)
          ctx.send(from, { type: 'entries', entries: entriesFor(state, message.want), want: [] });
        break;
      }
    }
  },

  onClientRequest(ctx, state, request) {
    const type = replicatedTypes[ctx.params.resolution];
    const entry = state.durable.store[request.key] ?? emptyEntry(type);
    if (request.op === 'read') {
      ctx.reply(request.id, { ok: true, value: encodeReadValue(type.read(entry.data)) });
      return;
    }
    if (!type.updateOps.includes(request.op)) {
      const supported = ['read', ...type.updateOps].join(', ');
      ctx.reply(request.id, {
        ok: false,
        error: `with ${ctx.params.resolution} resolution a key supports ${supported}, not ${request.op}`,
      });
      return;
    }
    const result = updateEntry(type, entry, request.op, request.value, ctx.self, ctx.clock.now);
    if (!result.ok) {
      ctx.reply(request.id, { ok: false, error: result.error });
      return;
    }
    state.durable.store[request.key] = result.data;
    if (result.discarded?.length) {
      state.durable.discardedWrites += result.discarded.length;
      ctx.note(
        `${ctx.self} acknowledged ${request.op} ${String(result.discarded[0])} to ${request.key} but last-writer-wins kept the stored value: ` +
          `its timestamp is later than this node's clock (${ctx.clock.now})`,
      );
    }
    ctx.broadcast({ type: 'update', key: request.key, entry: result.data });
    ctx.reply(request.id, { ok: true });
  },

  describeMessage: (message) => message.type,

  describeNode(state, up) {
    const { resolution } = state.durable;
    const type = replicatedTypes[resolution];
    const kv: Record<string, Value | Value[]> = {};
    const details: Record<string, string | number | boolean> = {
      conflicts: state.durable.conflicts,
      'discarded writes': state.durable.discardedWrites,
    };
    for (const [key, entry] of Object.entries(state.durable.store)) {
      kv[key] = type.read(entry.data);
      details[`vector ${key}`] = formatVector(entry.vector);
      if (keepsSiblings(resolution)) details[`siblings ${key}`] = (entry.data as MvRegister<unknown>).length;
    }
    for (const peer of Object.keys(state.volatile?.peerVectors ?? {})) {
      details[`pending sync → ${peer}`] = pendingKeys(state.durable, state.volatile, peer).length;
    }
    return { role: up ? 'leader' : 'down', kv, details };
  },

  gauges(context) {
    const entries = [...context.nodes.values()].map(({ state }) => state.durable.store);
    const keys = new Set(entries.flatMap((store) => Object.keys(store)));
    let divergent = 0;
    for (const key of keys) {
      const vectors = new Set(entries.map((store) => formatVector(store[key]?.vector ?? {})));
      if (vectors.size > 1) divergent++;
    }
    const discarded = [...context.nodes.values()].reduce(
      (sum, { state }) => sum + state.durable.discardedWrites,
      0,
    );
    return { 'divergent keys': divergent, 'discarded writes': discarded };
  },

  invariants: [
    {
      name: 'siblings are concurrent and cover the key history',
      check({ nodes, params }) {
        if (!keepsSiblings(params.resolution)) return null;
        for (const [id, { state }] of nodes) {
          for (const [key, entry] of Object.entries(state.durable.store)) {
            const register = entry.data as MvRegister<unknown>;
            if (formatVector(mvVector(register)) !== formatVector(entry.vector)) {
              return `${id}: the siblings of ${key} cover ${formatVector(mvVector(register))}, but the key has seen ${formatVector(entry.vector)}`;
            }
            for (const a of register)
              for (const b of register)
                if (a !== b && compare(a.vector, b.vector) !== 'concurrent') {
                  return `${id}: siblings ${formatVector(a.vector)} and ${formatVector(b.vector)} of ${key} are not concurrent`;
                }
          }
        }
        return null;
      },
    },
  ],
};
