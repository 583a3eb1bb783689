import { describe, expect, it } from 'vitest';
import { createSimulation, resolveScenario } from '../catalog/resolve';
import { EventQueue, type Scheduled } from './eventQueue';
import { Random } from './random';
import type { Simulation } from './simulation';
import { Lane } from './world';

const valueAt = (sim: Simulation, node: string, key: string) =>
  (sim.node(node).state.durable as { kv: Record<string, { value: unknown }> }).kv[key]?.value;

describe('Random', () => {
  it('replays the same sequence from the same seed and differs across seeds', () => {
    const draw = (seed: number) =>
      Array.from(
        { length: 5 },
        (
          (r) => () =>
            r.nextU32()
        )(new Random(seed)),
      );
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('derives child streams from the label only, so adding a stream leaves the others alone', () => {
    const a = new Random(42);
    const b = new Random(42);
    b.child('node:n9'); // a new node's stream
    b.nextU32(); // even after the parent advances
    expect(a.child('network').nextU32()).toBe(b.child('network').nextU32());
  });

  it('compares probabilities as integer ratios', () => {
    const random = new Random(3);
    let hits = 0;
    for (let i = 0; i < 10_000; i++) if (random.chance(1, 4)) hits++;
    expect(hits).toBeGreaterThan(2300);
    expect(hits).toBeLessThan(2700);
    expect(random.chance(0, 4)).toBe(false);
    expect(random.chance(4, 4)).toBe(true);
  });
});

describe('Simulation', () => {
  it('gives the same digest and history for the same seed, and a different digest for another seed', () => {
    const run = (seed: number) => createSimulation('broadcast/basic', { seed, durationMs: 3000 }).run();
    const first = run(5);
    const again = run(5);
    expect(first.world.digest).toBe(again.world.digest);
    expect(first.world.history).toEqual(again.world.history);
    expect(first.world.counters.events).toBeGreaterThan(100);
    expect(run(6).world.digest).not.toBe(first.world.digest);
  });

  it('runs events of the same millisecond by lane (engine, then fault schedule, then commands), then in insertion order', () => {
    const queue = new EventQueue<Scheduled & { name: string }>();
    const events = [
      { time: 5, lane: Lane.command, seq: 0, name: 'command 0' },
      { time: 5, lane: Lane.engine, seq: 7, name: 'engine 7' },
      { time: 5, lane: Lane.schedule, seq: 1, name: 'fault 1' },
      { time: 4, lane: Lane.command, seq: 9, name: 'earlier command' },
      { time: 5, lane: Lane.engine, seq: 3, name: 'engine 3' },
      { time: 5, lane: Lane.schedule, seq: 0, name: 'fault 0' },
      { time: 5, lane: Lane.command, seq: 1, name: 'command 1' },
    ];
    for (const event of events) queue.push(event);
    const popped = events.map(() => queue.pop()!.name);
    expect(popped).toEqual([
      'earlier command',
      'engine 3',
      'engine 7',
      'fault 0',
      'fault 1',
      'command 0',
      'command 1',
    ]);
  });

  it('a command given at the same millisecond as a scheduled crash runs after it', () => {
    const sim = createSimulation('broadcast/basic', {
      nodes: 2,
      workload: { clients: 0 },
      faults: [{ at: 100, crash: 'n2' }],
    });
    sim.enqueueCommand({ at: 100, restart: 'n2' }, 0);
    sim.runUntil(100);
    expect(sim.node('n2').status).toBe('up'); // crash, then restart: the other order would leave it crashed
  });

  it('orders events by time and then by insertion', () => {
    const sim = createSimulation('broadcast/basic', { durationMs: 2000 });
    let last = -1;
    while (sim.nextEventTime() <= 2000 && sim.step()) {
      expect(sim.now).toBeGreaterThanOrEqual(last);
      last = sim.now;
    }
  });

  it('a partition blocks exactly the links between groups', () => {
    const sim = createSimulation('broadcast/basic', {
      nodes: 4,
      workload: { clients: 0 },
      faults: [
        {
          at: 0,
          partition: [
            ['n1', 'n2'],
            ['n3', 'n4'],
          ],
        },
      ],
      script: ['n1', 'n2', 'n3', 'n4'].map((node) => ({
        at: 10,
        client: `client-${node}`,
        node,
        op: 'write' as const,
        key: node,
        value: node,
      })),
    });
    sim.runUntil(400);
    const pairs = ['n1', 'n2', 'n3', 'n4'].flatMap((a) =>
      ['n1', 'n2', 'n3', 'n4'].filter((b) => b !== a).map((b) => [a, b] as const),
    );
    for (const [from, to] of pairs) {
      const sameSide = from <= 'n2' === to <= 'n2';
      expect(sim.isLinkCut(from, to)).toBe(!sameSide);
      // Each node wrote its own key at 10 ms: it reached exactly the nodes on its side.
      expect(valueAt(sim, to, from), `${from}'s write at ${to}`).toBe(sameSide ? from : undefined);
    }
  });

  it('a write on one side of a partition reaches only that side, and heal does not resend it', () => {
    const sim = createSimulation('broadcast/basic', {
      nodes: 4,
      workload: { clients: 0 },
      faults: [
        {
          at: 0,
          partition: [
            ['n1', 'n2'],
            ['n3', 'n4'],
          ],
        },
        { at: 500, heal: true },
      ],
      script: [{ at: 10, client: 'alice', node: 'n1', op: 'write', key: 'x', value: 7 }],
    });
    sim.runUntil(400);
    expect(valueAt(sim, 'n2', 'x')).toBe(7);
    expect(valueAt(sim, 'n3', 'x')).toBeUndefined();
    expect(valueAt(sim, 'n4', 'x')).toBeUndefined();
    sim.runUntil(2000);
    expect(valueAt(sim, 'n3', 'x')).toBeUndefined();
  });

  it('a one-way cut blocks one direction only', () => {
    const sim = createSimulation('broadcast/basic', {
      nodes: 2,
      workload: { clients: 0 },
      faults: [{ at: 0, cut: { from: 'n1', to: 'n2' } }],
      script: [
        { at: 10, client: 'ann', node: 'n1', op: 'write', key: 'a', value: 1 },
        { at: 10, client: 'bob', node: 'n2', op: 'write', key: 'b', value: 2 },
      ],
    });
    sim.runUntil(400);
    expect(sim.isLinkCut('n1', 'n2')).toBe(true);
    expect(sim.isLinkCut('n2', 'n1')).toBe(false);
    expect(valueAt(sim, 'n2', 'a')).toBeUndefined(); // n1 → n2 is cut
    expect(valueAt(sim, 'n1', 'b')).toBe(2); // n2 → n1 still carries messages
  });

  it('a crash loses volatile state and timers; a restart keeps durable state', () => {
    const sim = createSimulation('broadcast/basic', {
      nodes: 2,
      workload: { clients: 0 },
      script: [{ at: 10, node: 'n1', op: 'write', key: 'x', value: 1 }],
      faults: [{ at: 100, crash: 'n2' }],
    });
    sim.runUntil(150);
    const n2 = sim.node('n2');
    expect(n2.status).toBe('crashed');
    expect(n2.state.volatile).toBeNull();
    expect(Object.keys(n2.timers)).toHaveLength(0);
    sim.command({ at: 0, restart: 'n2' });
    expect(n2.status).toBe('up');
    expect((n2.state.durable as { kv: Record<string, { value: unknown }> }).kv.x?.value).toBe(1);
  });

  it('records a client operation to a crashed node as indeterminate with no completion', () => {
    const sim = createSimulation('broadcast/basic', {
      nodes: 2,
      workload: { clients: 0, timeoutMs: 300 },
      faults: [{ at: 0, crash: 'n1' }],
      script: [{ at: 10, client: 'bob', node: 'n1', op: 'write', key: 'x', value: 3 }],
    });
    sim.runUntil(1000);
    expect(sim.world.history).toHaveLength(1);
    expect(sim.world.history[0]).toMatchObject({
      process: 'bob',
      type: 'write',
      ok: null,
      complete: null,
      invoke: 10,
    });
  });

  it('a paused node handles its messages only after the pause ends', () => {
    const sim = createSimulation('broadcast/basic', {
      nodes: 2,
      workload: { clients: 0 },
      faults: [{ at: 0, pause: 'n2', durationMs: 1000 }],
      script: [{ at: 10, node: 'n1', op: 'write', key: 'x', value: 9 }],
    });
    const valueAt = () =>
      (sim.node('n2').state.durable as { kv: Record<string, { value: unknown }> }).kv.x?.value;
    sim.runUntil(900);
    expect(valueAt()).toBeUndefined();
    sim.runUntil(1001);
    expect(valueAt()).toBe(9);
  });

  it('a replayed command log reproduces a run exactly', () => {
    const live = createSimulation('broadcast/basic', { seed: 11, durationMs: 4000 });
    live.runUntil(1000);
    live.command({ at: 0, crash: 'n2' });
    live.runUntil(2500);
    live.command({ at: 0, restart: 'n2' });
    live.runUntil(4000);

    const replay = createSimulation('broadcast/basic', { seed: 11, durationMs: 4000 });
    replay.enqueueCommand({ at: 1000, crash: 'n2' }, 0);
    replay.enqueueCommand({ at: 2500, restart: 'n2' }, 1);
    replay.runUntil(4000);
    expect(replay.world.digest).toBe(live.world.digest);
    expect(replay.world.history).toEqual(live.world.history);
  });

  it('restoring a snapshot and continuing equals a straight run', () => {
    const straight = createSimulation('broadcast/basic', { seed: 3, durationMs: 5000 }).run();
    const sim = createSimulation('broadcast/basic', { seed: 3, durationMs: 5000 });
    sim.runUntil(1234);
    const checkpoint = sim.snapshot();
    sim.runUntil(4000);
    sim.restore(checkpoint, 0);
    sim.runUntil(5000);
    expect(sim.world.digest).toBe(straight.world.digest);
    expect(sim.world.history).toEqual(straight.world.history);
  });

  it('clocks apply offset, drift and uncertainty', () => {
    const sim = createSimulation('broadcast/basic', {
      nodes: [{ id: 'a', clock: { offsetMs: 50, driftPpm: 1000, uncertaintyMs: 7 } }, { id: 'b' }],
      workload: { clients: 0 },
    });
    sim.runUntil(10_000);
    expect(sim.clockOf(sim.node('a'))).toEqual({ now: 10_060, earliest: 10_053, latest: 10_067 });
    expect(sim.clockOf(sim.node('b')).now).toBe(10_000);
  });
});

describe('scenario validation', () => {
  it('names the field and what is allowed', () => {
    const result = resolveScenario('broadcast/basic', { network: { lossRate: 2 } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.join('\n')).toMatch(
      /network\.lossRate: a probability is between 0 and 1/,
    );
  });

  it('rejects unknown scenarios with the known ids', () => {
    const result = resolveScenario('broadcast/nope');
    expect(!result.ok && result.problems[0]).toMatch(/Unknown scenario "broadcast\/nope".*broadcast\/basic/);
  });

  it('rejects faults naming nodes that do not exist', () => {
    const result = resolveScenario('broadcast/basic', { faults: [{ at: 5, crash: 'n9' }] });
    expect(!result.ok && result.problems[0]).toBe(
      'faults[0].crash: there is no node "n9" (nodes: n1, n2, n3)',
    );
  });
});
