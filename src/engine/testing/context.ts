/**
 * Helpers for unit-testing a protocol's handlers without the engine: a context that records effects.
 * Handlers are pure over (state, input) → effects, so a test can call one and assert what it emitted.
 */
import { Random } from '../core/random';
import type { ClientReply, ClockReading, Effect, HandlerContext, NodeId, Timer } from '../core/types';

export interface TestContext<Params, Message, T extends Timer = Timer> extends HandlerContext<
  Params,
  Message,
  T
> {
  effects: Effect[];
  sent(): { to: NodeId; message: Message }[];
  replies(): { requestId: number; reply: ClientReply }[];
}

export function createTestContext<Params, Message, T extends Timer = Timer>(options: {
  self: NodeId;
  nodes: readonly NodeId[];
  params: Params;
  clock?: ClockReading;
  seed?: number;
}): TestContext<Params, Message, T> {
  const effects: Effect[] = [];
  return {
    self: options.self,
    nodes: options.nodes,
    params: options.params,
    clock: options.clock ?? { now: 0, earliest: 0, latest: 0 },
    random: new Random(options.seed ?? 1),
    effects,
    send: (to, message) => effects.push({ kind: 'send', to, message }),
    broadcast: (message) => {
      for (const to of options.nodes) if (to !== options.self) effects.push({ kind: 'send', to, message });
    },
    setTimer: (timer, afterMs) => effects.push({ kind: 'setTimer', timer, afterMs }),
    cancelTimer: (timer) => effects.push({ kind: 'cancelTimer', timer }),
    reply: (requestId, reply) => effects.push({ kind: 'reply', requestId, reply }),
    powerOff: (node) => effects.push({ kind: 'powerOff', node }),
    note: (text) => effects.push({ kind: 'note', text }),
    sent: () =>
      effects.flatMap((effect) =>
        effect.kind === 'send' ? [{ to: effect.to, message: effect.message as Message }] : [],
      ),
    replies: () =>
      effects.flatMap((effect) =>
        effect.kind === 'reply' ? [{ requestId: effect.requestId, reply: effect.reply }] : [],
      ),
  };
}
