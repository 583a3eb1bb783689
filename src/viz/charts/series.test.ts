import { describe, expect, it } from 'vitest';
import type { HistoryOperation } from '../../engine/core/types';
import { bucketWidth, gaugeFamilies, historySeries, summarize } from './series';

let nextId = 1;
const op = (
  invoke: number,
  complete: number | null,
  ok: boolean | null,
  error?: string,
): HistoryOperation => ({
  id: nextId++,
  process: 'c1',
  type: 'read',
  key: 'x',
  value: null,
  node: 'n1',
  invoke,
  complete,
  ok,
  ...(error ? { error } : {}),
});

describe('bucketWidth', () => {
  it('picks round widths', () => {
    expect(bucketWidth(10_000)).toBe(200);
    expect(bucketWidth(1_000)).toBe(20);
    expect(bucketWidth(0)).toBe(1);
  });
});

describe('historySeries', () => {
  const history = [
    op(0, 10, true),
    op(5, 25, true),
    op(20, 60, true),
    op(30, 40, false, 'no quorum'),
    op(50, null, null, 'timed out'),
    op(150, null, null),
  ];

  it('counts throughput and latency by completion time', () => {
    const buckets = historySeries(history, 200, 100);
    expect(buckets).toHaveLength(2);
    expect(buckets[0]!.throughput).toBe(30); // three successes in 0.1 s
    expect(buckets[0]!.p50).toBe(20);
    expect(buckets[0]!.p99).toBeCloseTo(39.6);
    expect(buckets[1]!.throughput).toBe(0);
    expect(buckets[1]!.p50).toBeNull();
  });

  it('counts availability by invocation time over answered operations, leaving out ones still waiting', () => {
    const buckets = historySeries(history, 200, 100);
    expect(buckets[0]!.availability).toBe(3 / 5);
    expect(buckets[1]!.availability).toBeNull();
  });

  it('shows the past as it was when scrubbed back', () => {
    const buckets = historySeries(history, 20, 10);
    expect(buckets.reduce((sum, bucket) => sum + bucket.throughput * 0.01, 0)).toBeCloseTo(1); // only the op completed at 10
  });
});

describe('summarize', () => {
  it('totals the run', () => {
    const history = [
      op(0, 10, true),
      op(0, 30, true),
      op(10, 20, false, 'x'),
      op(15, null, null, 'timed out'),
      op(40, null, null),
    ];
    expect(summarize(history, 1000)).toMatchObject({
      operations: 5,
      succeeded: 2,
      failed: 1,
      indeterminate: 1,
      throughput: 2,
      p50: 20,
      availability: 0.5,
    });
  });
});

describe('gaugeFamilies', () => {
  it('makes one chart per gauge family, replication lag first', () => {
    const sample = (gauges: Record<string, number>) => ({
      at: 0,
      throughput: 0,
      availability: null,
      latencyMs: { p50: null, p95: null, p99: null },
      gauges,
    });
    expect(
      gaugeFamilies([
        sample({ 'rows.n10': 1, 'rows.n2': 2, 'imbalance.rows': 1.5 }),
        sample({ 'lag.n2': 3, leaders: 1 }),
      ]),
    ).toEqual([
      { family: 'lag', names: ['lag.n2'] },
      { family: 'rows', names: ['rows.n2', 'rows.n10'] },
      { family: 'imbalance', names: ['imbalance.rows'] },
      { family: 'leaders', names: ['leaders'] },
    ]);
  });
});
