/**
 * Every named scenario is something a lesson can embed, so each must resolve, run to its end with the
 * protocol's invariants checked after every event, and give exactly the check verdicts its description
 * promises: the scenarios built to show an anomaly fail the matching checks, and every other check passes.
 */
import { describe, expect, it } from 'vitest';
import { runChecks } from '../checkers';
import { createSimulation } from './resolve';
import { scenarioList } from './registry';

/** The scenarios whose point is a failing check, and the checks they fail. */
const expectedFailures: Record<string, string[]> = {
  'cap/partition-ap': ['linearizable', 'no-stale-reads'],
  'cap/no-partition-ap': ['linearizable', 'no-stale-reads'],
  'raft/figure-8-unsafe': ['Leader completeness', 'State machine safety', 'Committed entries persist'],
  'quorum/partial-quorums': ['no-stale-reads'],
  'quorum/partition-one': ['no-stale-reads'],
  'quorum/concurrent-not-linearizable': ['linearizable'],
  'quorum/sloppy-quorum': ['no-stale-reads'],
  'quorum/local-quorum': ['no-stale-reads'],
  'quorum/clock-skew': ['no-stale-reads'],
  'replication/stale-follower-reads': ['no-stale-reads'],
  'replication/read-your-writes': ['no-stale-reads'],
  'replication/monotonic-reads': ['monotonic-reads'],
  'failover/split-brain': ['linearizable'],
  'failover/fencing-epochs': ['linearizable'],
  'occ/lost-update': ['no-lost-updates'],
  'truetime/no-commit-wait': ['external-consistency'],
  'truetime/clock-out-of-bound': ['external-consistency'],
  'isolation/write-skew': ['serializable'],
  'isolation/lost-update': ['snapshot-isolation', 'serializable'],
  'isolation/read-skew': ['snapshot-isolation', 'serializable'],
};

describe('scenario registry', () => {
  it('has unique ids in family/name form', () => {
    const ids = scenarioList.map((scenario) => scenario.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(scenarioList.map((scenario) => [scenario.id]))(
    '%s runs and its checks give the promised verdicts',
    (id) => {
      const sim = createSimulation(id, {}, { checkInvariants: true }).run();
      expect(sim.world.counters.events).toBeGreaterThan(0);
      const failing = runChecks(sim)
        .filter((check) => !check.ok)
        .map((check) => check.name)
        .sort();
      expect(failing).toEqual([...(expectedFailures[id] ?? [])].sort());
    },
  );
});
