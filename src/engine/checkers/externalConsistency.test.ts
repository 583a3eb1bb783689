import { describe, expect, it } from 'vitest';
import type { HistoryOperation } from '../core/types';
import { runChecks } from '.';
import { createSimulation } from '../catalog/resolve';
import { externalConsistencyViolations } from './externalConsistency';

const txn = (id: number, invoke: number, complete: number, timestamp: number): HistoryOperation => ({
  id,
  process: 'alice',
  type: 'txn',
  key: `x${id}`,
  value: timestamp,
  node: 'n1',
  invoke,
  complete,
  ok: true,
});

describe('external consistency', () => {
  it('needs a larger timestamp for a transaction that starts after another was acknowledged; overlapping ones may go either way', () => {
    expect(externalConsistencyViolations([txn(0, 0, 10, 50), txn(1, 11, 20, 60)])).toEqual([]);
    expect(externalConsistencyViolations([txn(0, 0, 10, 50), txn(1, 5, 20, 40)])).toEqual([]);
    expect(externalConsistencyViolations([txn(0, 0, 10, 50), txn(1, 11, 20, 49)])).toHaveLength(1);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])(
    'passes with commit wait and fails without it or with a clock outside its bound (seed %i)',
    (seed) => {
      const verdict = (id: string) =>
        runChecks(createSimulation(id, { seed }).run(), ['external-consistency'])[0]!.ok;
      expect(verdict('truetime/commit-wait'), `npm run sim -- truetime/commit-wait --seed ${seed}`).toBe(
        true,
      );
      expect(
        verdict('truetime/no-commit-wait'),
        `npm run sim -- truetime/no-commit-wait --seed ${seed}`,
      ).toBe(false);
      expect(
        verdict('truetime/clock-out-of-bound'),
        `npm run sim -- truetime/clock-out-of-bound --seed ${seed}`,
      ).toBe(false);
    },
  );
});
