import { describe, expect, it } from 'vitest';
import { runChecks } from '../../checkers';
import { createSimulation } from '../../catalog/resolve';
import { computeMeasures, measureOf } from './index';

describe('read-anomaly measures', () => {
  it('counts the stale reads the no-stale-reads check reports: 4 with R = W = 1 on its seed, none with R = W = 2', () => {
    const stale = measureOf(
      { scenario: 'quorum/partial-quorums' },
      { measure: 'read-anomalies', args: { check: 'no-stale-reads' }, at: 'end' },
    );
    expect(stale.value).toBe(4);
    const check = runChecks(createSimulation('quorum/partial-quorums').run(), ['no-stale-reads'])[0]!;
    expect(check.detail).toMatch(/^4 stale reads;/);
    const [fresh] = computeMeasures({ scenario: 'quorum/overlapping-quorums' }, [
      { measure: 'read-anomalies', args: { check: 'no-stale-reads' }, at: 'end' },
    ]);
    expect(fresh).toMatchObject({ ok: true, value: 0 });
  });

  it('counts only what has happened by the moment: no stale read before the first read', () => {
    expect(
      measureOf(
        { scenario: 'quorum/partial-quorums' },
        { measure: 'read-anomalies', args: { check: 'no-stale-reads' }, at: 10 },
      ).value,
    ).toBe(0);
  });

  it('is null, like the check, when the history holds increments a key-value check cannot follow', () => {
    expect(
      measureOf(
        { scenario: 'multileader/lww-counter' },
        { measure: 'read-anomalies', args: { check: 'no-stale-reads' }, at: 'end' },
      ).value,
    ).toBeNull();
  });
});
