/**
 * The simulated network behaves as configured: loss and duplication happen at their rates, latency
 * follows its distribution, reordering happens only when asked, and regions are as far apart as light
 * in fiber allows. Statistical bounds are five standard deviations of a binomial (or of a mean), so a
 * correct engine fails them with probability below one in a million per check.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEntry } from './trace';
import { createSimulation } from '../catalog/resolve';
import type { ScenarioOverrides } from './schema';
import { fiberFloorOneWayMs, findRegion, regionOneWayMs, regions } from './regions';

/** A chatty broadcast cluster: 5 nodes, every write goes to 4 peers. */
const chatty = (seed: number, network: ScenarioOverrides['network']): ScenarioOverrides => ({
  seed,
  nodes: 5,
  network,
  workload: { clients: 10, ratePerClient: 50, mix: { read: 0, write: 1, cas: 0 } },
  durationMs: 10_000,
});

/** |observed − expected| within five binomial standard deviations. */
function expectBinomial(successes: number, trials: number, p: number): void {
  const sigma = Math.sqrt(trials * p * (1 - p));
  expect(trials).toBeGreaterThan(5000);
  expect(Math.abs(successes - trials * p)).toBeLessThanOrEqual(5 * sigma);
}

describe('loss and duplication', () => {
  it.each([1, 2, 3])('drops messages at the loss rate (seed %i)', (seed) => {
    const sim = createSimulation('broadcast/basic', chatty(seed, { lossRate: 0.1 })).run();
    const { messagesSent, messagesDropped } = sim.world.counters;
    expectBinomial(messagesDropped, messagesSent, 0.1);
  });

  it.each([1, 2, 3])('duplicates messages at the duplication rate (seed %i)', (seed) => {
    const sim = createSimulation('broadcast/basic', chatty(seed, { duplicateRate: 0.05 })).run();
    const { messagesSent, messagesDuplicated, messagesDelivered } = sim.world.counters;
    expectBinomial(messagesDuplicated, messagesSent, 0.05);
    const inFlight = sim.pendingEvents().filter((event) => event.kind === 'deliver').length;
    expect(messagesDelivered + inFlight).toBe(messagesSent + messagesDuplicated);
  });

  it('a link override changes the loss rate of that link only', () => {
    const delivered: TraceEntry[] = [];
    createSimulation(
      'broadcast/basic',
      {
        ...chatty(4, { links: [{ from: 'n1', to: 'n2', lossRate: 1 }] }),
        workload: { clients: 1, ratePerClient: 50, mix: { read: 0, write: 1, cas: 0 } }, // c1 lives on n1
      },
      { onTrace: (entry) => entry.kind === 'deliver' && delivered.push(entry) },
    ).run();
    expect(delivered.some((entry) => entry.from === 'n1' && entry.node === 'n2')).toBe(false);
    expect(delivered.filter((entry) => entry.from === 'n1' && entry.node === 'n3').length).toBeGreaterThan(
      100,
    );
  });
});

describe('latency', () => {
  const samples = (distribution: 'constant' | 'uniform' | 'exponential' | 'normal') => {
    const sim = createSimulation('broadcast/basic', {
      nodes: 2,
      network: { latency: { minMs: 3, meanMs: 10, distribution } },
    });
    const [a, b] = [sim.node('n1'), sim.node('n2')];
    return Array.from({ length: 20_000 }, () => sim.linkLatency(a, b));
  };
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

  it('is min + mean on average for every distribution, and never below min', () => {
    for (const distribution of ['constant', 'uniform', 'exponential', 'normal'] as const) {
      const values = samples(distribution);
      expect(Math.min(...values), distribution).toBeGreaterThanOrEqual(3);
      // Standard deviation is at most the mean (exponential); 5σ of a mean over 20,000 draws is < 0.36 ms.
      expect(Math.abs(mean(values) - 13), distribution).toBeLessThan(0.36);
    }
  });

  it('has the spread of its distribution', () => {
    expect(new Set(samples('constant'))).toEqual(new Set([13]));
    expect(Math.max(...samples('uniform'))).toBeLessThanOrEqual(23);
    expect(Math.max(...samples('exponential'))).toBeGreaterThan(60); // a long tail: P(> 57 ms extra) = e^-5.7 per draw
  });
});

describe('reordering', () => {
  /** Deliveries on one link that arrive after a message sent later on the same link. */
  const inversions = (reorderRate: number) => {
    const lastId = new Map<string, number>();
    let count = 0;
    let total = 0;
    createSimulation(
      'broadcast/basic',
      chatty(5, { latency: { minMs: 5, meanMs: 0, distribution: 'constant' }, reorderRate }),
      {
        onTrace: (entry) => {
          if (entry.kind !== 'deliver' || entry.messageId === null) return;
          const link = `${entry.from}>${entry.node}`;
          total++;
          if ((lastId.get(link) ?? 0) > entry.messageId) count++;
          lastId.set(link, Math.max(lastId.get(link) ?? 0, entry.messageId));
        },
      },
    ).run();
    return { count, total };
  };

  it('keeps each link in order without reordering, and reorders some messages with it', () => {
    expect(inversions(0).count).toBe(0);
    const { count, total } = inversions(0.2);
    expect(count).toBeGreaterThan(total * 0.02);
  });
});

describe('regions', () => {
  const rtt = (a: string, b: string) => 2 * regionOneWayMs(a, b);

  it('New York–London round trip is at least 56 ms (light in fiber cannot do better)', () => {
    expect(rtt('us-east', 'eu-west')).toBeGreaterThanOrEqual(56);
  });

  it('every pair is symmetric, no faster than light in fiber, and at most 1.3× that plus rounding', () => {
    for (const a of regions) {
      for (const b of regions) {
        if (a.id === b.id) continue;
        const floor = fiberFloorOneWayMs(a, b);
        const oneWay = regionOneWayMs(a.id, b.id);
        expect(oneWay, `${a.id} → ${b.id}`).toBe(regionOneWayMs(b.id, a.id));
        expect(oneWay, `${a.id} → ${b.id}`).toBeGreaterThanOrEqual(floor);
        expect(oneWay, `${a.id} → ${b.id}`).toBeLessThanOrEqual(Math.ceil(floor * 1.3));
      }
    }
  });

  it('gives round trips in the range of typical measured internet RTTs', () => {
    // Wide bands around commonly reported backbone RTTs: the model is distance-based, not a measurement.
    const expected: [string, string, number, number][] = [
      ['eu-west', 'eu-central', 8, 25], // London–Frankfurt
      ['us-east', 'eu-west', 56, 90], // New York–London
      ['us-east', 'us-west', 50, 90], // New York–San Francisco
      ['us-west', 'ap-northeast', 90, 140], // San Francisco–Tokyo
      ['eu-west', 'ap-southeast', 140, 200], // London–Singapore
      ['eu-west', 'au-southeast', 220, 320], // London–Sydney
    ];
    for (const [a, b, low, high] of expected) {
      expect(rtt(a, b), `${findRegion(a)!.label}–${findRegion(b)!.label}`).toBeGreaterThanOrEqual(low);
      expect(rtt(a, b), `${findRegion(a)!.label}–${findRegion(b)!.label}`).toBeLessThanOrEqual(high);
    }
  });

  it('a message between nodes in two regions takes at least the regions’ one-way latency', () => {
    const delays = new Map<number, number>();
    const sim = createSimulation(
      'broadcast/basic',
      {
        nodes: [
          { id: 'ny', region: 'us-east' },
          { id: 'ldn', region: 'eu-west' },
        ],
        workload: { clients: 1, ratePerClient: 20, mix: { read: 0, write: 1, cas: 0 } },
        durationMs: 2000,
      },
      { traceCapacity: 0 },
    );
    while (sim.nextEventTime() <= 2000 && sim.step()) {
      for (const event of sim.pendingEvents())
        if (event.kind === 'deliver') delays.set(event.messageId, event.time - event.sentAt);
    }
    expect(delays.size).toBeGreaterThan(10);
    expect(Math.min(...delays.values())).toBeGreaterThanOrEqual(regionOneWayMs('us-east', 'eu-west'));
  });

  it('rejects unknown regions by name', () => {
    expect(() => regionOneWayMs('us-east', 'mars-north')).toThrow('Unknown region "mars-north"');
  });
});
