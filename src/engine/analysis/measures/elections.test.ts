import { describe, expect, it } from 'vitest';
import { computeMeasures, measureOf } from './index';

describe('election measures', () => {
  it('node-role and node-term follow a failover: n1 leads epoch 1, and after the partition heals it is a follower of the newer epoch', () => {
    const run = { scenario: 'failover/fencing-epochs' };
    const [roleBefore, termBefore, roleAfter, termAfter] = computeMeasures(run, [
      { measure: 'node-role', args: { node: 'n1' }, at: 2000 },
      { measure: 'node-term', args: { node: 'n1' }, at: 2000 },
      { measure: 'node-role', args: { node: 'n1' }, at: 'end' },
      { measure: 'node-term', args: { node: 'n1' }, at: 'end' },
    ]);
    expect(roleBefore).toMatchObject({ ok: true, value: 'leader' });
    expect(termBefore).toMatchObject({ ok: true, value: 1 });
    expect(roleAfter).toMatchObject({ ok: true, value: 'follower' });
    expect((termAfter as { value: number }).value).toBeGreaterThan(1);
  });

  it('node-role says "down" for a crashed node and reads Raft terms', () => {
    const run = { scenario: 'raft/leader-crash' };
    expect(measureOf(run, { measure: 'node-role', args: { node: 'n1' }, at: 3000 }).value).toBe('down');
    expect(measureOf(run, { measure: 'node-term', args: { node: 'n2' }, at: 3000 }).value).toBe(2);
    // A node the scenario does not have is an authoring mistake, reported by name.
    expect(() => measureOf(run, { measure: 'node-role', args: { node: 'n9' }, at: 3000 })).toThrow(
      /"n9" is not a node of raft\/leader-crash/,
    );
  });

  it('time-since read at an event moment is how long the event took to come: the time until a new leader', () => {
    const run = { scenario: 'raft/leader-crash' };
    const elected = measureOf(run, { measure: 'time', at: 'new leader after 2 s' });
    const elapsed = measureOf(run, {
      measure: 'time-since',
      args: { from: 2000 },
      at: 'new leader after 2 s',
    });
    expect(elapsed.value).toBe((elected.value as number) - 2000);
    expect(elapsed.value).toBeGreaterThan(150);
    expect(elapsed.value).toBeLessThan(600);
  });
});
