/**
 * The smallest useful protocol, used to prove the engine: every node keeps a key-value register, applies a
 * client's write locally, acknowledges at once and broadcasts it to the others. Versions are
 * (counter, node) pairs, so every node keeps the same winner and the cluster converges once messages
 * stop being lost. Reads are local, so a read can be stale until the broadcast arrives.
 */
import { z } from 'zod';
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

type Message = { type: 'update'; key: string; entry: Versioned };

const paramsSchema = z.object({}).strict();

function newer(a: Versioned, b: Versioned | undefined): boolean {
  if (!b) return true;
  return a.counter !== b.counter ? a.counter > b.counter : a.node > b.node;
}

export const broadcastProtocol: Protocol<z.infer<typeof paramsSchema>, Durable, null, Message> = {
  id: 'broadcast',
  title: 'Broadcast register',
  paramsSchema,
  initDurable: () => ({ kv: {}, counter: 0 }),
  initVolatile: () => null,
  onStart() {},
  onTimer() {},
  onMessage(_ctx, state, _from, message) {
    const { durable } = state;
    durable.counter = Math.max(durable.counter, message.entry.counter);
    if (newer(message.entry, durable.kv[message.key])) durable.kv[message.key] = message.entry;
  },
  onClientRequest(ctx, state, request) {
    const { durable } = state;
    if (request.op === 'read') {
      ctx.reply(request.id, { ok: true, value: durable.kv[request.key]?.value ?? null });
      return;
    }
    if (request.op !== 'write') {
      ctx.reply(request.id, { ok: false, error: `the broadcast register supports read and write, not ${request.op}` });
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
