import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../catalog/resolve';
import { computeMeasures, measureOf, measureUseProblems } from './index';

const promote = { scenario: 'replication/promote-async-follower' };

function scenario(id: string) {
  const resolved = resolveScenario(id, {});
  if (!resolved.ok) throw new Error(resolved.problems.join('; '));
  return resolved.scenario;
}

describe('computeMeasures', () => {
  it('counts the acknowledged writes an async promotion loses, and none with sync replication', () => {
    const lost = measureOf(promote, {
      measure: 'acknowledged-writes-lost',
      args: { survivor: 'n2' },
      at: 'end',
    });
    expect(lost.value).toBeGreaterThan(0);
    // What the student reads in n1's detail just before the crash is the same number.
    expect(
      measureOf(promote, {
        measure: 'node-detail',
        args: { node: 'n1', detail: 'lag n2', number: true },
        at: 3990,
      }).value,
    ).toBe(lost.value);
    const sync = { ...promote, overrides: { params: { mode: 'sync' } } };
    expect(
      measureOf(sync, { measure: 'acknowledged-writes-lost', args: { survivor: 'n2' }, at: 'end' }).value,
    ).toBe(0);
  });

  it('reads each request at its own moment whatever order they are asked in, and replays identically', () => {
    const requests = [
      { measure: 'leader', at: 'end' as const },
      { measure: 'leaders', at: 4000 },
      { measure: 'leader-term', at: 'end' as const },
      { measure: 'leader', at: 1000 },
    ];
    const run = { scenario: 'raft/minority-partition' };
    const forward = computeMeasures(run, requests);
    expect(computeMeasures(run, [...requests].reverse())).toEqual([...forward].reverse());
    expect(forward[1]).toEqual({ ok: true, value: 2, at: 4000 });
    expect(forward[3]).toMatchObject({ value: 'n1', at: 1000 });
  });

  it('a different seed gives a different run, and the measure follows it', () => {
    const values = [1, 2, 3, 4, 5].map(
      (seed) =>
        measureOf(
          { ...promote, overrides: { seed } },
          { measure: 'acknowledged-writes-lost', args: { survivor: 'n2' }, at: 'end' },
        ).value,
    );
    expect(new Set(values).size).toBeGreaterThan(1);
  });

  it("replays the student's commands: a crash they caused changes the leader, and their own request's latency is read", () => {
    const run = { scenario: 'raft/leader-crash', overrides: { faults: [] } };
    expect(measureOf(run, { measure: 'leader', at: 'end' }).value).toBe('n1');
    const crashed = measureOf(
      { ...run, commands: [{ at: 1000, crash: 'n1' }] },
      { measure: 'leader', at: 'end' },
    );
    expect(crashed.value).not.toBe('n1');
    expect(crashed.value).not.toBeNull();

    const regions = { scenario: 'multiregion/primary-with-read-replicas' };
    expect(
      measureOf(regions, { measure: 'my-request-latency', args: { type: 'write' }, at: 'end' }).value,
    ).toBeNull();
    const mine = measureOf(
      {
        ...regions,
        commands: [
          { at: 2000, client: { client: 'you', node: 'ap-northeast', op: 'write', key: 'x', value: 7 } },
        ],
      },
      { measure: 'my-request-latency', args: { type: 'write', node: 'ap-northeast' }, at: 'end' },
    );
    expect(mine.value).toBeGreaterThan(100); // a round trip to New York and back
  });

  it('reads notes: the delay between two of them, and a number one states', () => {
    const intro = { scenario: 'intro/cluster' };
    const delay = measureOf(intro, {
      measure: 'time-between-notes',
      args: { first: '^s1 crashed$', then: 'missed its health checks' },
      at: 'end',
    });
    expect(delay.value).toBeGreaterThan(0);
    expect(
      measureOf(intro, {
        measure: 'time-between-notes',
        args: { first: '^nothing like this$', then: 'x' },
        at: 'end',
      }).value,
    ).toBeNull();
    const term = measureOf(
      { scenario: 'raft/minority-partition' },
      { measure: 'note-number', args: { pattern: 'became leader in term (\\d+)$', from: 2000 }, at: 'end' },
    );
    expect(term.value).toBeGreaterThan(1);
  });

  it('a check verdict and a latency percentile come from the history', () => {
    const stale = { scenario: 'replication/stale-follower-reads' };
    expect(
      measureOf(stale, { measure: 'check-verdict', args: { check: 'no-stale-reads' }, at: 'end' }).value,
    ).toBe('fails');
    expect(
      measureOf(stale, { measure: 'check-verdict', args: { check: 'no-stale-reads' }, at: 0 }).value,
    ).toBe('passes');
    const sync = measureOf(
      { scenario: 'replication/sync-writes' },
      { measure: 'latency-percentile', args: { type: 'write' }, at: 'end' },
    );
    const async = measureOf(
      { scenario: 'replication/async-writes' },
      { measure: 'latency-percentile', args: { type: 'write' }, at: 'end' },
    );
    expect(sync.value).toBeGreaterThan(5 * Number(async.value));
  });

  it('reads at an event moment, right after the event, and says when the run never gets there', () => {
    const run = { scenario: 'raft/leader-crash' };
    const elected = measureOf(run, { measure: 'time', at: 'new leader after 1 s' });
    const leader = measureOf(run, { measure: 'leader', at: 'new leader after 1 s' });
    expect(elected.at).toBe(elected.value);
    expect(leader.value).not.toBeNull();
    expect(leader.value).not.toBe('n1');
    expect(measureOf(run, { measure: 'leader', at: Number(elected.value) - 1 }).value).not.toBe(leader.value);
    const [never] = computeMeasures({ ...run, overrides: { faults: [] } }, [
      { measure: 'time', at: 'new leader after 1 s' },
    ]);
    expect(never).toMatchObject({ ok: false, problem: expect.stringContaining('never gets to the moment') });
  });

  it('reports a request it cannot read without failing the others, and a run it cannot rebuild for every request', () => {
    const [bad, good] = computeMeasures(promote, [
      { measure: 'no-such-measure', at: 'end' },
      { measure: 'leader', at: 'end' },
    ]);
    expect(bad).toMatchObject({
      ok: false,
      problem: expect.stringContaining('no measure "no-such-measure"'),
    });
    expect(good).toMatchObject({ ok: true, value: 'n2' });
    expect(
      computeMeasures({ scenario: 'no/such-scenario' }, [{ measure: 'leader', at: 'end' }])[0],
    ).toMatchObject({ ok: false });
    expect(
      computeMeasures({ ...promote, commands: [{ at: 5, crash: 'n9' }] }, [
        { measure: 'leader', at: 'end' },
      ])[0],
    ).toMatchObject({
      ok: false,
      problem: expect.stringContaining('n9'),
    });
  });
});

describe('measureUseProblems', () => {
  const replication = scenario('replication/promote-async-follower');
  it('accepts a well-formed use', () => {
    expect(measureUseProblems('acknowledged-writes-lost', { survivor: 'n2' }, 'end', replication)).toEqual(
      [],
    );
  });
  it('names a missing or unknown argument, a wrong type, an unknown node, a protocol it does not apply to and a moment outside the run', () => {
    expect(measureUseProblems('acknowledged-writes-lost', {}, 'end', replication)).toEqual([
      expect.stringContaining('needs args.survivor'),
    ]);
    expect(measureUseProblems('leader', { node: 'n1' }, 'end', replication)).toEqual([
      expect.stringContaining('takes no args.node'),
    ]);
    expect(measureUseProblems('gauge', { name: 3 }, 'end', replication)).toEqual([
      expect.stringContaining('must be a string'),
    ]);
    expect(measureUseProblems('acknowledged-writes-lost', { survivor: 'n7' }, 'end', replication)).toEqual([
      expect.stringContaining('"n7" is not a node'),
    ]);
    expect(
      measureUseProblems(
        'acknowledged-writes-lost',
        { survivor: 'n2' },
        'end',
        scenario('raft/leader-crash'),
      ),
    ).toEqual([expect.stringContaining('does not apply')]);
    expect(measureUseProblems('leader', {}, 999_999, replication)).toEqual([
      expect.stringContaining('outside the run'),
    ]);
    expect(measureUseProblems('read-value', { which: 'median' }, 'end', replication)).toEqual([
      expect.stringContaining('one of last, most-common'),
    ]);
  });
});
