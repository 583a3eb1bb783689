import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../catalog/resolve';
import { computeMeasures, measureOf, measureUseProblems } from './index';

describe('transaction measures', () => {
  it('in-doubt-ms grows while the participant waits for the crashed coordinator, then holds the duration its note states', () => {
    const run = { scenario: 'twophase/coordinator-crash' };
    const values = computeMeasures(run, [
      { measure: 'in-doubt-ms', args: { node: 'n2' }, at: 50 },
      { measure: 'in-doubt-ms', args: { node: 'n2' }, at: 3000 },
      { measure: 'in-doubt-ms', args: { node: 'n2' }, at: 4000 },
      { measure: 'in-doubt-ms', args: { node: 'n2' }, at: 'end' },
      { measure: 'note-number', args: { pattern: '^n2 unblocked: .* after (\\d+) ms in doubt' }, at: 'end' },
    ]).map((result) => (result.ok ? result.value : result.problem));
    expect(values[0]).toBe(0);
    expect((values[2] as number) - (values[1] as number)).toBe(1000);
    expect(values[3]).toBe(values[4]);
    expect(values[3]).toBeGreaterThan(5000);
  });

  it('in-doubt-ms applies only to two-phase commit', () => {
    const resolved = resolveScenario('saga/compensation', {});
    if (!resolved.ok) throw new Error(resolved.problems.join('; '));
    expect(measureUseProblems('in-doubt-ms', { node: 'n2' }, 'end', resolved.scenario).join()).toMatch(
      /two-phase-commit/,
    );
  });

  it('commit-wait-ms is 2ε + 1 with commit wait and 0 without', () => {
    const run = { scenario: 'truetime/commit-wait' };
    expect(measureOf(run, { measure: 'commit-wait-ms', at: 'end' }).value).toBe(15);
    expect(
      measureOf(
        { ...run, overrides: { params: { commitWait: false } } },
        { measure: 'commit-wait-ms', at: 'end' },
      ).value,
    ).toBe(0);
  });

  it('operation-value reads the nth or the last result: without commit wait the second timestamp is below the first', () => {
    const run = { scenario: 'truetime/commit-wait', overrides: { params: { commitWait: false } } };
    const [first, second, last] = computeMeasures(run, [
      { measure: 'operation-value', args: { type: 'txn', nth: 1 }, at: 'end' },
      { measure: 'operation-value', args: { type: 'txn', nth: 2 }, at: 'end' },
      { measure: 'operation-value', args: { type: 'txn' }, at: 'end' },
    ]).map((result) => (result.ok ? result.value : null));
    expect(second as number).toBeLessThan(first as number);
    expect(last).not.toBe(first);
    expect(
      measureOf(
        { scenario: 'isolation/read-skew' },
        { measure: 'operation-value', args: { type: 'audit' }, at: 'end' },
      ).value,
    ).toBe(230);
  });

  it('paired-read-total finds the half-done saga a reader saw, and the whole one after', () => {
    const run = { scenario: 'saga/dirty-read' };
    expect(
      measureOf(run, { measure: 'paired-read-total', args: { process: 'reader' }, at: 'end' }).value,
    ).toBe(170);
    expect(
      measureOf(run, {
        measure: 'paired-read-total',
        args: { process: 'reader', which: 'highest' },
        at: 'end',
      }).value,
    ).toBe(200);
    expect(
      measureOf(run, { measure: 'paired-read-total', args: { process: 'nobody' }, at: 'end' }).value,
    ).toBeNull();
  });
});
