import { describe, expect, it } from 'vitest';
import { broadcastProtocol } from '../protocols/broadcast/protocol';
import { createSimulation, resolveScenario } from '../catalog/resolve';
import type { ScenarioOverrides } from './schema';
import { latencyPercentiles, percentile } from './metrics';
import { Simulation } from './simulation';
import { traceEntries } from './trace';
import type { Protocol } from './types';

const busy: ScenarioOverrides = {
  seed: 2,
  nodes: 3,
  workload: { clients: 6, ratePerClient: 40, keys: { count: 4 } },
  durationMs: 4000,
};

describe('metrics samples', () => {
  it('closes a window every 250 ms whose message counts add up to the run’s', () => {
    const sim = createSimulation('broadcast/basic', busy);
    sim.runUntil(4001);
    const { samples } = sim.world;
    expect(samples.map((sample) => sample.at)).toEqual(Array.from({ length: 16 }, (_, i) => (i + 1) * 250));
    const sent = samples.reduce((total, sample) => total + sample.messagesSent, 0);
    const finished = samples.reduce((total, sample) => total + sample.operations, 0);
    const sim4000 = createSimulation('broadcast/basic', busy);
    sim4000.runUntil(4000);
    expect(sent).toBe(sim4000.world.counters.messagesSent);
    expect(finished).toBe(
      sim4000.world.counters.operationsSucceeded +
        sim4000.world.counters.operationsFailed +
        sim4000.world.counters.operationsIndeterminate,
    );
    for (const sample of samples) {
      expect(sample.throughput).toBe((sample.succeeded * 1000) / 250);
      expect(sample.latencyMs.p50!).toBeLessThanOrEqual(sample.latencyMs.p95!);
      expect(sample.latencyMs.p95!).toBeLessThanOrEqual(sample.latencyMs.p99!);
    }
  });

  it('shows availability falling to 0 while the node clients use is down, and recovering after restart', () => {
    const sim = createSimulation('broadcast/basic', {
      ...busy,
      workload: { clients: 3, ratePerClient: 40, timeoutMs: 200, target: 'n1' },
      faults: [
        { at: 1000, crash: 'n1' },
        { at: 2000, restart: 'n1' },
      ],
    });
    sim.runUntil(4000);
    const at = (time: number) => sim.world.samples.find((sample) => sample.at === time)!;
    expect(at(750).availability).toBe(1);
    expect(at(1500).availability).toBe(0); // every operation to n1 times out
    expect(at(1500).indeterminate).toBeGreaterThan(0);
    expect(at(1500).latencyMs.p50).toBeNull();
    expect(at(3000).availability).toBe(1);
  });

  it('records the protocol’s gauges at the end of each window', () => {
    const counting: Protocol = {
      ...(broadcastProtocol as unknown as Protocol),
      id: 'counting',
      gauges: (context) => ({
        'keys.n1': Object.keys((context.nodes.get('n1')!.state.durable as { kv: object }).kv).length,
        at: context.now,
      }),
    };
    const resolved = resolveScenario('broadcast/basic', busy);
    if (!resolved.ok) throw new Error(resolved.problems.join());
    const sim = new Simulation(resolved.scenario, counting, resolved.params);
    sim.runUntil(1001);
    expect(sim.world.samples.map((sample) => sample.gauges.at)).toEqual([250, 500, 750, 1000]);
    expect(sim.world.samples.at(-1)!.gauges['keys.n1']).toBe(4);
  });

  it('takes the same samples however the run is chunked', () => {
    const whole = createSimulation('broadcast/basic', busy);
    whole.runUntil(3000);
    const chunked = createSimulation('broadcast/basic', busy);
    for (let t = 0; t <= 3000; t += 37) chunked.runUntil(t);
    chunked.runUntil(3000);
    expect(chunked.world.samples).toEqual(whole.world.samples);
  });
});

describe('percentiles', () => {
  it('uses the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile(values, 0.95)).toBe(95);
    expect(percentile(values, 0.99)).toBe(99);
    expect(latencyPercentiles([])).toEqual({ p50: null, p95: null, p99: null });
    expect(latencyPercentiles([7])).toEqual({ p50: 7, p95: 7, p99: 7 });
  });
});

describe('trace', () => {
  it('keeps the last events in order, numbered by position in the run', () => {
    const sim = createSimulation('broadcast/basic', busy, { traceCapacity: 50 });
    sim.runUntil(2000);
    const entries = traceEntries(sim.world.trace);
    expect(entries).toHaveLength(50);
    expect(entries.at(-1)!.index).toBe(sim.world.counters.events);
    entries.forEach((entry, i) => i > 0 && expect(entry.index).toBe(entries[i - 1]!.index + 1));
  });

  it('marks events that found nothing to act on', () => {
    const entries: { kind: string; node: string | null; handled: boolean }[] = [];
    createSimulation(
      'broadcast/basic',
      {
        nodes: 2,
        workload: { clients: 0 },
        faults: [{ at: 5, crash: 'n2' }],
        script: [{ at: 10, node: 'n1', op: 'write', key: 'x', value: 1 }],
        durationMs: 100,
      },
      { onTrace: (entry) => entries.push(entry) },
    ).run();
    expect(entries).toContainEqual(expect.objectContaining({ kind: 'deliver', node: 'n2', handled: false }));
  });
});

describe('digest', () => {
  it('changes when only message labels differ', () => {
    const relabelled: Protocol = {
      ...(broadcastProtocol as unknown as Protocol),
      describeMessage: () => 'gossip',
    };
    const resolved = resolveScenario('broadcast/basic', busy);
    if (!resolved.ok) throw new Error(resolved.problems.join());
    const original = new Simulation(resolved.scenario, resolved.protocol, resolved.params).run();
    const other = new Simulation(resolved.scenario, relabelled, resolved.params).run();
    expect(other.world.counters).toEqual(original.world.counters);
    expect(other.world.digest).not.toBe(original.world.digest);
  });

  it('changes when only a reply’s value differs', () => {
    const liar: Protocol = {
      ...(broadcastProtocol as unknown as Protocol),
      onClientRequest(ctx, state, request) {
        if (request.op === 'read' && request.id === 20) ctx.reply(request.id, { ok: true, value: 'wrong' });
        else broadcastProtocol.onClientRequest(ctx as never, state as never, request);
      },
    };
    const resolved = resolveScenario('broadcast/basic', {
      ...busy,
      workload: { clients: 2, mix: { read: 1, write: 0, cas: 0 } },
    });
    if (!resolved.ok) throw new Error(resolved.problems.join());
    const original = new Simulation(resolved.scenario, resolved.protocol, resolved.params).run();
    const other = new Simulation(resolved.scenario, liar, resolved.params).run();
    expect(other.world.counters).toEqual(original.world.counters);
    expect(other.world.digest).not.toBe(original.world.digest);
  });
});
