import { describe, expect, it } from 'vitest';
import type { HistoryOperation } from '../../engine/core/types';
import { runChecks } from '../../engine/checkers';
import { createSimulation } from '../../engine/catalog/resolve';
import {
  clientLanes,
  describeOperation,
  historyBars,
  outcomeOf,
  violatingOperationIds,
} from './historyLayout';

const op = (overrides: Partial<HistoryOperation>): HistoryOperation => ({
  id: 1,
  process: 'c1',
  type: 'write',
  key: 'x',
  value: 1,
  node: 'n1',
  invoke: 0,
  complete: 10,
  ok: true,
  ...overrides,
});

describe('outcomeOf', () => {
  it('tells succeeded, failed, indeterminate and still-waiting operations apart', () => {
    expect(outcomeOf(op({ ok: true }))).toBe('ok');
    expect(outcomeOf(op({ ok: false, error: 'not leader' }))).toBe('failed');
    expect(outcomeOf(op({ ok: null, complete: 30, error: 'coordinator timed out' }))).toBe('indeterminate');
    expect(outcomeOf(op({ ok: null, complete: null, error: 'timed out' }))).toBe('indeterminate');
    expect(outcomeOf(op({ ok: null, complete: null }))).toBe('pending');
  });
});

describe('historyBars', () => {
  it('puts each client on its own lane in natural order', () => {
    const history = [
      op({ id: 1, process: 'c10' }),
      op({ id: 2, process: 'c2' }),
      op({ id: 3, process: 'you' }),
    ];
    expect(clientLanes(history)).toEqual(['c2', 'c10', 'you']);
    expect(historyBars(history, 100).bars.map((bar) => bar.lane)).toEqual([1, 0, 2]);
  });

  it('draws an operation without a reply open to now', () => {
    const { bars } = historyBars([op({ invoke: 20, complete: null, ok: null })], 75);
    expect(bars[0]).toMatchObject({ start: 20, end: 75, open: true, outcome: 'pending' });
  });

  it('shows the past as it was when scrubbed back: later completions are cut at now, later invocations hidden', () => {
    const history = [op({ id: 1, invoke: 10, complete: 50 }), op({ id: 2, invoke: 60, complete: 70 })];
    const { bars } = historyBars(history, 40);
    expect(bars).toHaveLength(1);
    expect(bars[0]!.end).toBe(40);
  });

  it('keeps only operations overlapping the window', () => {
    const history = [
      op({ id: 1, invoke: 0, complete: 5 }),
      op({ id: 2, invoke: 8, complete: 30 }),
      op({ id: 3, invoke: 40, complete: 45 }),
    ];
    expect(historyBars(history, 100, { from: 10, to: 35 }).bars.map((bar) => bar.operation.id)).toEqual([2]);
  });
});

describe('violatingOperationIds', () => {
  it('collects the operations failing checks list', () => {
    const history = [3, 4, 9].map((id) => op({ id }));
    const checks = [
      { name: 'linearizable', ok: false, detail: 'x', at: 5, operations: [3, 4] },
      { name: 'other', ok: true, detail: 'fine', at: null, operations: [9] },
    ];
    expect([...violatingOperationIds(checks, history)]).toEqual([3, 4]);
  });

  it('finds the operations the linearizability checker names in a real non-linearizable run', () => {
    const sim = createSimulation('quorum/concurrent-not-linearizable');
    sim.run();
    const [check] = runChecks(sim, ['linearizable']);
    expect(check!.ok).toBe(false);
    const ids = violatingOperationIds([check!], sim.world.history);
    expect(ids.size).toBeGreaterThanOrEqual(2);
    const byId = new Map(sim.world.history.map((operation) => [operation.id, operation]));
    for (const id of ids) {
      expect(byId.get(id)!.key).toBe('k0');
      expect(check!.detail).toContain(`#${id}`);
    }
  });
});

describe('describeOperation', () => {
  it('reads like a sentence fragment', () => {
    expect(describeOperation(op({ type: 'read', value: 7, ok: true, invoke: 3, complete: 9 }))).toBe(
      'c1 read x → 7 at n1, 3–9 ms',
    );
    expect(describeOperation(op({ ok: null, complete: null, error: 'timed out' }))).toBe(
      'c1 write x=1 at n1, from 0 ms (timed out)',
    );
  });
});
