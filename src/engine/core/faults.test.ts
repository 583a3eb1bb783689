/**
 * Each fault does what the lessons say it does: crash, restart, pause, resume, slow, isolate, heal,
 * dropping one message in flight, and a protocol powering off a peer. Client-side outcomes (redirect,
 * indeterminate) land in the history as the checkers expect.
 */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { broadcastProtocol } from '../protocols/broadcast/protocol';
import { createSimulation, resolveScenario } from '../catalog/resolve';
import type { ScenarioInput, ScenarioOverrides } from './schema';
import { Simulation } from './simulation';
import type { Protocol, Timer } from './types';

const quiet: ScenarioOverrides = {
  workload: { clients: 0 },
  network: { latency: { minMs: 10, meanMs: 0, distribution: 'constant' } },
};
const valueAt = (sim: Simulation, node: string, key = 'x') =>
  (sim.node(node).state.durable as { kv: Record<string, { value: unknown }> }).kv[key]?.value;

/** A simulation of an ad-hoc protocol, on the scenario machinery of broadcast/basic. */
function withProtocol<M>(
  protocol: Protocol<Record<string, never>, unknown, unknown, M>,
  overrides: ScenarioOverrides = {},
) {
  const resolved = resolveScenario('broadcast/basic', { ...quiet, ...overrides });
  if (!resolved.ok) throw new Error(resolved.problems.join('\n'));
  return new Simulation(resolved.scenario, protocol as never, {}, {});
}

const silent = {
  id: 'test',
  title: 'Test',
  paramsSchema: z.object({}).strict(),
  initDurable: () => ({}),
  initVolatile: () => null,
  onStart() {},
  onMessage() {},
  onTimer() {},
  onClientRequest() {},
  describeMessage: () => 'm',
  describeNode: () => ({}),
} satisfies Protocol<Record<string, never>, unknown, unknown, unknown>;

describe('faults', () => {
  it('slow: a slowed node’s messages take factor × longer, and only for the duration', () => {
    const sim = createSimulation('broadcast/basic', {
      ...quiet,
      nodes: 2,
      faults: [{ at: 0, slow: 'n1', factor: 5, durationMs: 500 }],
      script: [
        { at: 100, node: 'n1', op: 'write', key: 'x', value: 1 },
        { at: 600, node: 'n1', op: 'write', key: 'y', value: 2 },
      ],
    });
    sim.runUntil(149);
    expect(valueAt(sim, 'n2')).toBeUndefined();
    sim.runUntil(151); // written at 101, 10 ms × 5 later
    expect(valueAt(sim, 'n2')).toBe(1);
    sim.runUntil(611); // after the slowdown: 10 ms again
    expect(valueAt(sim, 'n2', 'y')).toBe(2);
  });

  it('resume ends a pause early', () => {
    const sim = createSimulation('broadcast/basic', {
      ...quiet,
      nodes: 2,
      faults: [
        { at: 0, pause: 'n2', durationMs: 10_000 },
        { at: 300, resume: 'n2' },
      ],
      script: [{ at: 10, node: 'n1', op: 'write', key: 'x', value: 4 }],
    });
    sim.runUntil(299);
    expect(sim.node('n2').status).toBe('paused');
    expect(valueAt(sim, 'n2')).toBeUndefined();
    sim.runUntil(300);
    expect(valueAt(sim, 'n2')).toBe(4);
    expect(sim.node('n2').status).toBe('up');
  });

  it('a paused node keeps its timers and state (unlike a crash)', () => {
    const ticks: number[] = [];
    const ticking = {
      ...silent,
      onStart: (ctx: { setTimer(timer: Timer, ms: number): void }) => ctx.setTimer({ kind: 'tick' }, 100),
      onTimer: (ctx: { setTimer(timer: Timer, ms: number): void; clock: { now: number } }) => {
        ticks.push(ctx.clock.now);
        ctx.setTimer({ kind: 'tick' }, 100);
      },
    };
    const sim = withProtocol(ticking, {
      nodes: 1,
      faults: [{ at: 150, pause: 'n1', durationMs: 300 }],
      durationMs: 700,
    }).run();
    expect(ticks).toEqual([100, 450, 550, 650]); // the tick due at 200 waits for the pause to end at 450
    expect(sim.node('n1').status).toBe('up');
  });

  it('what invariants and views see of a node follows its status: a crash loses its memory, a pause keeps it', () => {
    const remembering = { ...silent, initVolatile: () => ({ memory: 'fresh' }) };
    const sim = withProtocol(remembering, {
      nodes: 2,
      faults: [
        { at: 100, crash: 'n1' },
        { at: 200, restart: 'n1' },
        { at: 300, pause: 'n2', durationMs: 100 },
      ],
      durationMs: 500,
    });
    const seen = (id: string) => {
      const node = sim.invariantContext().nodes.get(id)!;
      return { up: node.up, volatile: node.state.volatile };
    };
    sim.runUntil(150);
    expect(seen('n1')).toEqual({ up: false, volatile: null });
    sim.runUntil(250);
    expect(seen('n1')).toEqual({ up: true, volatile: { memory: 'fresh' } });
    sim.runUntil(350);
    expect(seen('n2')).toEqual({ up: false, volatile: { memory: 'fresh' } });
    sim.runUntil(450);
    expect(seen('n2')).toEqual({ up: true, volatile: { memory: 'fresh' } });
  });

  it('isolate cuts a node off in both directions; heal reconnects it', () => {
    const sim = createSimulation('broadcast/basic', {
      ...quiet,
      faults: [
        { at: 0, isolate: 'n2' },
        { at: 100, heal: true },
      ],
    });
    sim.runUntil(1);
    for (const other of ['n1', 'n3']) {
      expect(sim.isLinkCut('n2', other)).toBe(true);
      expect(sim.isLinkCut(other, 'n2')).toBe(true);
    }
    expect(sim.isLinkCut('n1', 'n3')).toBe(false);
    sim.runUntil(100);
    expect(sim.isLinkCut('n2', 'n1')).toBe(false);
  });

  it('drops exactly the chosen message in flight', () => {
    const sim = createSimulation('broadcast/basic', {
      ...quiet,
      script: [{ at: 10, node: 'n1', op: 'write', key: 'x', value: 5 }],
    });
    sim.runUntil(12);
    const toN3 = sim.pendingEvents().find((event) => event.kind === 'deliver' && event.to === 'n3');
    expect(toN3?.kind).toBe('deliver');
    sim.command({ at: 0, dropMessage: toN3!.kind === 'deliver' ? toN3!.messageId : -1 });
    sim.runUntil(100);
    expect(valueAt(sim, 'n2')).toBe(5);
    expect(valueAt(sim, 'n3')).toBeUndefined();
    expect(sim.world.counters.messagesDropped).toBe(1);
  });

  it('a crashed node drops the messages that reach it; they count as dropped', () => {
    const sim = createSimulation('broadcast/basic', {
      ...quiet,
      faults: [{ at: 5, crash: 'n3' }],
      script: [{ at: 10, node: 'n1', op: 'write', key: 'x', value: 6 }],
    }).run();
    expect(sim.world.counters.messagesDropped).toBe(1);
    expect(valueAt(sim, 'n3')).toBeUndefined();
  });

  it('a timer set before a crash never fires after the restart', () => {
    const fired: number[] = [];
    const protocol = {
      ...silent,
      onStart: (ctx: { setTimer(timer: Timer, ms: number): void; clock: { now: number } }) => {
        if (ctx.clock.now === 0) ctx.setTimer({ kind: 'once' }, 200);
      },
      onTimer: (ctx: { clock: { now: number } }) => {
        fired.push(ctx.clock.now);
      },
    };
    withProtocol(protocol, {
      nodes: 1,
      faults: [
        { at: 100, crash: 'n1' },
        { at: 150, restart: 'n1' },
      ],
      durationMs: 500,
    }).run();
    expect(fired).toEqual([]);
  });

  it('powerOff (STONITH) crashes the named peer', () => {
    const protocol = {
      ...silent,
      onStart: (ctx: { self: string; powerOff(node: string): void }) => {
        if (ctx.self === 'n1') ctx.powerOff('n2');
      },
    };
    const sim = withProtocol(protocol, { durationMs: 10 }).run();
    expect(sim.node('n2').status).toBe('crashed');
    expect(sim.world.notes.map((note) => note.text)).toContain('n1 powered off n2 (STONITH)');
  });
});

describe('client outcomes', () => {
  const redirecting = {
    ...silent,
    onClientRequest: (
      ctx: { self: string; reply(id: number, reply: unknown): void },
      _state: unknown,
      request: { id: number; key: string },
    ) => {
      if (ctx.self !== 'n3') ctx.reply(request.id, { ok: false, error: 'not the leader', redirectTo: 'n3' });
      else if (request.key === 'lost')
        ctx.reply(request.id, { ok: false, error: 'timed out waiting for acks', indeterminate: true });
      else ctx.reply(request.id, { ok: true, value: 'from n3' });
    },
  };

  it('a redirect retries the same operation at the named node', () => {
    const sim = withProtocol(redirecting, {
      script: [{ at: 10, client: 'alice', node: 'n1', op: 'read', key: 'x' }],
      durationMs: 1000,
    }).run();
    expect(sim.world.history).toEqual([
      expect.objectContaining({
        process: 'alice',
        node: 'n1',
        type: 'read',
        ok: true,
        value: 'from n3',
        invoke: 10,
      }),
    ]);
    expect(sim.world.history[0]!.complete).toBeGreaterThan(10);
  });

  it('an indeterminate reply records ok = null with a completion time', () => {
    const sim = withProtocol(redirecting, {
      script: [{ at: 10, node: 'n3', op: 'write', key: 'lost', value: 1 }],
      durationMs: 1000,
    }).run();
    expect(sim.world.history[0]).toMatchObject({
      ok: null,
      error: 'timed out waiting for acks',
      complete: 12,
    });
  });
});

describe('random streams', () => {
  it('adding a node changes no other stream', () => {
    const three = createSimulation('broadcast/basic', { seed: 8, nodes: 3 });
    const four = createSimulation('broadcast/basic', { seed: 8, nodes: 4 });
    expect(four.world.random).toEqual(three.world.random);
    for (const id of ['n1', 'n2', 'n3']) expect(four.node(id).random).toEqual(three.node(id).random);
    expect(four.node('n4').random).not.toEqual(three.node('n3').random);
  });
});

describe('inline scenarios', () => {
  it('run like registered ones', () => {
    const scenario: ScenarioInput = {
      id: 'test/inline',
      title: 'Inline',
      description: 'A scenario given as data.',
      protocol: broadcastProtocol.id,
      script: [{ at: 5, node: 'n2', op: 'write', key: 'x', value: 3 }],
    };
    const sim = createSimulation(scenario, { durationMs: 100 }).run();
    expect(valueAt(sim, 'n1')).toBe(3);
  });
});
