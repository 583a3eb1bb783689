/**
 * The smallest useful protocol, used to prove the engine: every node keeps a key-value register, applies a
 * client's write locally, acknowledges at once and broadcasts it to the others. Versions are
 * (counter, node) pairs, so every node keeps the same winner. Reads are local, so a read can be stale
 * until the broadcast arrives, and an update lost to a crash or partition stays lost, unless
 * anti-entropy is on: then every `antiEntropyMs` each node sends its whole register to one random peer,
 * and the cluster converges once the network heals and writes stop.
 */
import { z } from 'zod';
import { unhandledKind } from '../../core/schema';
import type { Protocol, Value } from '../../core/types';

export interface Versioned {
  value: Value;
  counter: number;
  node: string;
}

interface Durable {
  kv: Record<string, Versioned>;
  counter: number;
}

/** Anti-entropy: every `antiEntropyMs` a node sends its whole store to one random peer. */
type Timer = { kind: 'anti-entropy' };
const antiEntropyTimer: Timer = { kind: 'anti-entropy' };

type Message =
  { type: 'update'; key: string; entry: Versioned } | { type: 'sync'; kv: Record<string, Versioned> };

const paramsSchema = z
  .object({
    /** Period of anti-entropy rounds in ms; 0 turns anti-entropy off. */
    antiEntropyMs: z.number().int().min(0).max(60_000).default(0),
  })
  .strict();

function newer(a: Versioned, b: Versioned | undefined): boolean {
  if (!b) return true;
  return a.counter !== b.counter ? a.counter > b.counter : a.node > b.node;
}

function merge(durable: Durable, key: string, entry: Versioned): void {
  durable.counter = Math.max(durable.counter, entry.counter);
  if (newer(entry, durable.kv[key])) durable.kv[key] = entry;
}

export const broadcastProtocol: Protocol<z.infer<typeof paramsSchema>, Durable, null, Message, Timer> = {
  id: 'broadcast',
  title: 'Broadcast register',
  paramsSchema,
  initDurable: () => ({ kv: {}, counter: 0 }),
  initVolatile: () => null,
  onStart(ctx) {
    if (ctx.params.antiEntropyMs > 0) ctx.setTimer(antiEntropyTimer, ctx.params.antiEntropyMs);
  },
  onTimer(ctx, state, timer) {
    switch (timer.kind) {
      case 'anti-entropy': {
        const peers = ctx.nodes.filter((node) => node !== ctx.self);
        if (peers.length > 0) ctx.send(ctx.random.pick(peers), { type: 'sync', kv: { ...state.durable.kv } });
        ctx.setTimer(antiEntropyTimer, ctx.params.antiEntropyMs);
        return;
      }
      default:
        return unhandledKind(timer.kind);
    }
  },
  onMessage(_ctx, state, _from, message) {
    if (message.type === 'update') merge(state.durable, message.key, message.entry);
    else for (const [key, entry] of Object.entries(message.kv)) merge(state.durable, key, entry);
  },
  onClientRequest(ctx, state, request) {
    const { durable } = state;
    if (request.op === 'read') {
      ctx.reply(request.id, { ok: true, value: durable.kv[request.key]?.value ?? null });
      return;
    }
    if (request.op !== 'write') {
      ctx.reply(request.id, {
        ok: false,
        error: `the broadcast register supports read and write, not ${request.op}`,
      });
      return;
    }
    const entry: Versioned = { value: request.value ?? null, counter: ++durable.counter, node: ctx.self };
    durable.kv[request.key] = entry;
    ctx.broadcast({ type: 'update', key: request.key, entry });
    ctx.reply(request.id, { ok: true });
  },
  describeMessage: (message) => message.type,
  describeNode: (state, up) => ({
    role: up ? 'replica' : 'down',
    kv: Object.fromEntries(Object.entries(state.durable.kv).map(([key, entry]) => [key, entry.value])),
  }),
};
