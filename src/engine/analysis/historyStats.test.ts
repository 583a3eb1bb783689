import { describe, expect, it } from 'vitest';
import type { HistoryOperation } from '../core/types';
import { availability, invokedBetween, latencySummary } from './historyStats';

const op = (invoke: number, complete: number | null, ok: boolean | null): HistoryOperation => ({
  id: invoke,
  process: 'c1',
  type: 'write',
  key: 'x',
  value: invoke,
  node: 'n1',
  invoke,
  complete,
  ok,
});

describe('history statistics', () => {
  it('counts only successful operations as available', () => {
    expect(availability([op(0, 5, true), op(10, null, null), op(20, 21, false), op(30, 33, true)])).toEqual({
      attempted: 4,
      succeeded: 2,
      percent: 50,
    });
    expect(availability([]).percent).toBeNull();
  });

  it('summarizes the latency of successful operations only', () => {
    const summary = latencySummary([op(0, 10, true), op(0, 20, true), op(0, 30, true), op(0, 900, null)]);
    expect(summary).toEqual({ count: 3, mean: 20, p50: 20, p95: 30 });
  });

  it('selects operations by when they were invoked', () => {
    expect(
      invokedBetween([op(0, 1, true), op(10, 11, true), op(20, 21, true)], 10, 20).map((o) => o.invoke),
    ).toEqual([10]);
  });
});
