import { describe, expect, it } from 'vitest';
import type { HistoryOperation } from '../../core/types';
import { createSimulation } from '../../catalog/resolve';
import { chooseServer } from './protocol';

function within(history: readonly HistoryOperation[], from: number, to: number) {
  return history.filter((op) => op.invoke >= from && op.invoke < to);
}

/** Share of finished operations that succeeded; operations still in flight when the run ends don't count. */
function availability(history: readonly HistoryOperation[]): number {
  const finished = history.filter((op) => op.complete !== null || op.error !== undefined);
  return finished.filter((op) => op.ok === true).length / Math.max(1, finished.length);
}

function latencyPercentile(history: readonly HistoryOperation[], quantile: number): number {
  const latencies = history
    .filter((op) => op.ok === true && op.complete !== null)
    .map((op) => op.complete! - op.invoke)
    .sort((a, b) => a - b);
  return latencies[Math.min(latencies.length - 1, Math.floor(quantile * latencies.length))] ?? Infinity;
}

const seeds = [1, 2, 3, 4, 5, 6, 7, 8];

describe('intro: one server versus a cluster', () => {
  it('routes to the healthy server with the fewest requests outstanding', () => {
    const balancer = {
      kind: 'balancer' as const,
      outstanding: { s1: 3, s2: 1, s3: 1 },
      assigned: {},
      lastPong: {},
      healthy: { s1: true, s2: false, s3: true },
    };
    expect(chooseServer(balancer, ['s1', 's2', 's3'])).toBe('s3');
    expect(
      chooseServer({ ...balancer, healthy: { s1: false, s2: false, s3: false } }, ['s1', 's2', 's3']),
    ).toBeNull();
  });

  it('past its capacity a single server queues and turns requests away, while three servers stay fast', () => {
    // 40 clients × 4/s offer 160 requests/s: 1.6× one server's capacity, about half of three servers'.
    const heavy = {
      workload: { clients: 40, ratePerClient: 4, target: 'lb', keys: { count: 20 } },
      faults: [],
      durationMs: 6000,
    };
    for (const seed of seeds) {
      const single = createSimulation('intro/single-server', { ...heavy, seed }).run().world.history;
      const cluster = createSimulation('intro/cluster', { ...heavy, seed }).run().world.history;
      // Measured: single p95 184–204 ms, cluster p95 38–41 ms over these seeds.
      expect(latencyPercentile(single, 0.95), `seed ${seed}`).toBeGreaterThan(150);
      expect(latencyPercentile(cluster, 0.95), `seed ${seed}`).toBeLessThan(60);
      expect(latencyPercentile(single, 0.95), `seed ${seed}`).toBeGreaterThan(
        3 * latencyPercentile(cluster, 0.95),
      );
      expect(single.filter((op) => op.error?.includes('overloaded')).length, `seed ${seed}`).toBeGreaterThan(
        0,
      );
      expect(
        cluster.filter((op) => op.error?.includes('overloaded')),
        `seed ${seed}`,
      ).toHaveLength(0);
    }
  });

  it('below capacity both answer every request quickly', () => {
    for (const seed of seeds) {
      for (const id of ['intro/single-server', 'intro/cluster']) {
        const history = createSimulation(id, { seed, faults: [], durationMs: 5000 }).run().world.history;
        expect(availability(history), `${id} seed ${seed}`).toBe(1);
        expect(latencyPercentile(history, 0.95), `${id} seed ${seed}`).toBeLessThan(100);
      }
    }
  });

  it('when a server crashes, one server stops answering while the cluster keeps serving', () => {
    for (const seed of seeds) {
      const single = createSimulation('intro/single-server', { seed }).run().world.history;
      const cluster = createSimulation('intro/cluster', { seed }).run().world.history;
      // The outage window, leaving the first second for the health check to notice.
      expect(availability(within(single, 5000, 8000)), `seed ${seed}`).toBe(0);
      expect(availability(within(cluster, 5500, 8000)), `seed ${seed}`).toBeGreaterThan(0.99);
      // Only requests already sent to s1 when it died are lost.
      expect(availability(within(cluster, 4000, 8000)), `seed ${seed}`).toBeGreaterThan(0.9);
      expect(availability(within(single, 9000, 12_000)), `seed ${seed}`).toBe(1);
    }
  });
});
