/**
 * Workload clients pick keys from the configured distribution. Each check is a chi-square test at a
 * critical value with p < 1e-6 (so a correct engine fails about once in a million runs), over three seeds.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../catalog/resolve';
import type { ScenarioOverrides } from './schema';
import { zipfCumulativeWeights } from './workload';

function keyCounts(
  seed: number,
  keys: NonNullable<ScenarioOverrides['workload']>['keys'],
  count: number,
): number[] {
  const sim = createSimulation('broadcast/basic', {
    seed,
    workload: { clients: 20, ratePerClient: 100, mix: { read: 0.5, write: 0.5, cas: 0 }, keys },
    durationMs: 10_000,
  }).run();
  const counts = new Array<number>(count).fill(0);
  for (const op of sim.world.history) counts[Number(op.key.slice(1))]!++;
  return counts;
}

function chiSquare(observed: number[], probabilities: number[]): number {
  const total = observed.reduce((sum, value) => sum + value, 0);
  return observed.reduce(
    (sum, value, i) => sum + (value - total * probabilities[i]!) ** 2 / (total * probabilities[i]!),
    0,
  );
}

describe('workload key distributions', () => {
  it.each([1, 2, 3])('uniform spreads operations evenly over the keys (seed %i)', (seed) => {
    const counts = keyCounts(seed, { count: 10, distribution: 'uniform' }, 10);
    expect(counts.reduce((a, b) => a + b)).toBeGreaterThan(15_000);
    expect(chiSquare(counts, new Array(10).fill(0.1))).toBeLessThan(47.2); // 9 degrees of freedom, p = 1e-6
  });

  it.each([1, 2, 3])('zipf gives rank r a share proportional to 1/r^s (seed %i)', (seed) => {
    const cumulative = zipfCumulativeWeights(20, 1.1);
    const total = cumulative[19]!;
    const probabilities = cumulative.map((value, i) => (value - (i === 0 ? 0 : cumulative[i - 1]!)) / total);
    const counts = keyCounts(seed, { count: 20, distribution: 'zipf', zipfExponent: 1.1 }, 20);
    expect(chiSquare(counts, probabilities)).toBeLessThan(67.0); // 19 degrees of freedom, p = 1e-6
    expect(counts[0]!).toBeGreaterThan(counts[1]! * 1.5); // rank 1 vs rank 2: 2^1.1 ≈ 2.14 expected
  });

  it.each([1, 2, 3])('hot sends the hot share to one key and spreads the rest (seed %i)', (seed) => {
    const counts = keyCounts(seed, { count: 5, distribution: 'hot', hotShare: 0.8 }, 5);
    expect(chiSquare(counts, [0.8, 0.05, 0.05, 0.05, 0.05])).toBeLessThan(33.4); // 4 degrees of freedom, p = 1e-6
  });

  it('issues operations at the configured rate per client', () => {
    const sim = createSimulation('broadcast/basic', {
      workload: { clients: 4, ratePerClient: 50, mix: { read: 1, write: 0, cas: 0 } },
      durationMs: 20_000,
    }).run();
    // Poisson arrivals plus ~2 ms service each: about 4 × 50 × 20 × (1 / (1 + 50 × 0.002)) ≈ 3,636 ops.
    expect(sim.world.history.length).toBeGreaterThan(3300);
    expect(sim.world.history.length).toBeLessThan(4100);
  });

  it('mixes reads, writes and cas in the configured proportions, each write with a unique value', () => {
    const sim = createSimulation('broadcast/basic', {
      workload: { clients: 10, ratePerClient: 100, mix: { read: 0.6, write: 0.3, cas: 0.1 } },
      durationMs: 10_000,
    }).run();
    const history = sim.world.history;
    const share = (type: string) => history.filter((op) => op.type === type).length / history.length;
    expect(share('read')).toBeCloseTo(0.6, 1);
    expect(share('write')).toBeCloseTo(0.3, 1);
    expect(share('cas')).toBeCloseTo(0.1, 1);
    const written = history.filter((op) => op.type !== 'read').map((op) => op.value);
    expect(new Set(written).size).toBe(written.length);
  });
});
