/**
 * The claims the failover lessons make, each checked by running its scenario. Statistical claims run
 * over many seeds; comments give what the seeds showed when the tests were written.
 */
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../core/simulation';
import { runChecks } from '../../checkers';
import { createSimulation } from '../../catalog/resolve';
import type { ScenarioOverrides } from '../../core/schema';
import { isPrefixOf } from '../replication/core/log';
import { acknowledgedWritesMissingFrom, availability, durableOf } from '../replication/testSupport';
import { failoverScenarios } from './scenarios';
import { observeFailover, type FailoverObservation } from './testSupport';

const seeds = Array.from({ length: 10 }, (_, i) => i + 1);

function run(
  id: string,
  overrides: ScenarioOverrides = {},
): { sim: Simulation; observed: FailoverObservation } {
  const sim = createSimulation(id, overrides, { checkInvariants: true });
  const observed = observeFailover(sim, sim.scenario.durationMs);
  return { sim, observed };
}

/** Nodes that are not crashed and consider themselves leader. */
function leadersOf(sim: Simulation): string[] {
  return sim.nodeIds.filter(
    (node) => sim.node(node).status !== 'crashed' && durableOf(sim, node).role === 'leader',
  );
}

function linearizable(sim: Simulation): boolean {
  return runChecks(sim, ['linearizable'])[0]!.ok;
}

/** Acknowledged writes the (single) leader at the end of the run does not hold. */
function lostAtEnd(sim: Simulation): number {
  const leaders = leadersOf(sim);
  expect(leaders).toHaveLength(1);
  return acknowledgedWritesMissingFrom(sim.world.history, durableOf(sim, leaders[0]!).log).length;
}

describe('failover scenarios', { timeout: 120_000 }, () => {
  it.each(failoverScenarios.map((scenario) => scenario.id))('%s keeps every invariant', (id) => {
    const sim = createSimulation(id, {}, { checkInvariants: true }).run();
    expect(sim.world.violations).toEqual([]);
  });

  it('after a leader crash, followers detect it within timeout + one heartbeat, and the most up-to-date follower takes over without losing an acknowledged write', () => {
    // Seeds 1-20: detected 510 ms after the crash, new leader 523-552 ms after it.
    for (const seed of seeds) {
      const { sim, observed } = run('failover/automatic', { seed });
      const detectedAt = observed.suspicions.find((event) => event.at >= 3000)!.at;
      expect(detectedAt - 3000, `seed ${seed}`).toBeGreaterThanOrEqual(500);
      expect(detectedAt - 3000, `seed ${seed}`).toBeLessThanOrEqual(500 + 100 + 10);
      const promotion = observed.promotions.find((event) => event.at >= 3000)!;
      expect(promotion.previousWasDown, `seed ${seed}`).toBe(true);
      expect(promotion.at - 3000, `seed ${seed}`).toBeLessThan(1000);
      for (const node of promotion.up) {
        expect(
          promotion.logLengths[promotion.node],
          `seed ${seed}: ${promotion.node} vs ${node}`,
        ).toBeGreaterThanOrEqual(promotion.logLengths[node]!);
      }
      expect(lostAtEnd(sim), `seed ${seed}`).toBe(0);
      expect(linearizable(sim), `seed ${seed}`).toBe(true);
      // The old leader came back at 7 s as a follower and caught up.
      const leaderLog = durableOf(sim, promotion.node).log;
      expect(durableOf(sim, 'n1').role, `seed ${seed}`).toBe('follower');
      expect(isPrefixOf(durableOf(sim, 'n1').log, leaderLog), `seed ${seed}`).toBe(true);
      expect(durableOf(sim, 'n1').log.length, `seed ${seed}`).toBeGreaterThan(leaderLog.length - 10);
    }
  });

  it('failover under async replication loses the writes the old leader acknowledged but never shipped, and counts them', () => {
    // Seeds 1-20 lost 1-11 acknowledged writes each.
    for (const seed of seeds) {
      const { sim } = run('failover/async-data-loss', { seed });
      const lost = lostAtEnd(sim);
      expect(lost, `seed ${seed}`).toBeGreaterThan(0);
      const rollback = sim.world.notes.find(
        (note) => note.node === 'n1' && note.text.includes('rolled back'),
      );
      expect(rollback?.text, `seed ${seed}`).toMatch(/\d+ of them it had acknowledged to clients/);
    }
  });

  it('the same failure with writes acknowledged by a majority (semi-sync, 1 of 2 followers) loses nothing', () => {
    for (const seed of seeds) {
      const { sim } = run('failover/async-data-loss', {
        seed,
        params: { mode: 'semi-sync', semiSyncAcks: 1 },
      });
      expect(lostAtEnd(sim), `seed ${seed}`).toBe(0);
    }
  });

  it('without fencing, a partitioned old leader keeps acknowledging writes: two leaders, divergent acknowledged writes, even after the partition heals', () => {
    // Seeds 1-20: 71-103 acknowledged writes on the old side that the new leader never gets.
    for (const seed of seeds.slice(0, 6)) {
      const { sim, observed } = run('failover/split-brain', { seed });
      expect(observed.mostLeadersUp, `seed ${seed}`).toBe(2);
      const leaders = leadersOf(sim);
      expect(leaders, `seed ${seed}`).toHaveLength(2);
      expect(leaders, `seed ${seed}`).toContain('n1');
      const newLeader = leaders.find((node) => node !== 'n1')!;
      const history = sim.world.history;
      // Each side acknowledged writes the other does not have.
      expect(
        acknowledgedWritesMissingFrom(history, durableOf(sim, newLeader).log).length,
        `seed ${seed}`,
      ).toBeGreaterThan(10);
      expect(
        acknowledgedWritesMissingFrom(history, durableOf(sim, 'n1').log).length,
        `seed ${seed}`,
      ).toBeGreaterThan(10);
      expect(sim.protocol.gauges!(sim.invariantContext())['leaders'], `seed ${seed}`).toBe(2);
      expect(linearizable(sim), `seed ${seed}`).toBe(false);
    }
  });

  it('with epoch fencing and majority acknowledgements (semi-sync, 2 of 4 followers), no acknowledged write is lost or divergent, and the old leader steps down when it hears the new epoch', () => {
    for (const seed of seeds) {
      const { sim } = run('failover/fencing-epochs', { seed });
      expect(lostAtEnd(sim), `seed ${seed}`).toBe(0);
      expect(leadersOf(sim), `seed ${seed}`).not.toContain('n1');
      const stepDown = sim.world.notes.find(
        (note) => note.node === 'n1' && note.text.includes('stepped down: fenced'),
      );
      expect(stepDown?.at, `seed ${seed}`).toBeGreaterThanOrEqual(7000);
    }
  });

  it('epoch fencing protects writes, not reads: until it hears the new epoch, the cut-off leader serves stale reads and the history is not linearizable', () => {
    // Seeds 1-10 all fail the check, with reads by clients of n1 and n2 during the partition.
    for (const seed of seeds.slice(0, 4)) {
      const { sim } = run('failover/fencing-epochs', { seed });
      const [check] = runChecks(sim, ['linearizable']);
      expect(check!.ok, `seed ${seed}`).toBe(false);
      expect(check!.at!, `seed ${seed}`).toBeGreaterThan(3000);
      expect(check!.at!, `seed ${seed}`).toBeLessThan(7100);
    }
  });

  it('epoch fencing alone, with async replication, ends the split brain at the heal but still loses what the old leader acknowledged meanwhile', () => {
    // Seeds 1-20 lost 42-66 acknowledged writes.
    for (const seed of seeds.slice(0, 4)) {
      const { sim } = run('failover/fencing-epochs', { seed, params: { mode: 'async' } });
      expect(leadersOf(sim), `seed ${seed}`).not.toContain('n1');
      expect(lostAtEnd(sim), `seed ${seed}`).toBeGreaterThan(0);
    }
  });

  it('with STONITH and majority acknowledgements, the cut-off leader is powered off before the new one starts: never two leaders up, and no acknowledged write lost', () => {
    for (const seed of seeds) {
      const { sim, observed } = run('failover/stonith', { seed });
      expect(observed.mostLeadersUp, `seed ${seed}`).toBe(1);
      expect(
        sim.world.notes.some((note) => note.text.includes('powered off n1 (STONITH)')),
        `seed ${seed}`,
      ).toBe(true);
      expect(lostAtEnd(sim), `seed ${seed}`).toBe(0);
      expect(linearizable(sim), `seed ${seed}`).toBe(true);
      // n1 was restarted at 8 s and came back as a follower; n2, cut off with it, found the new leader after the heal.
      const leader = leadersOf(sim)[0]!;
      for (const node of ['n1', 'n2']) {
        expect(durableOf(sim, node).leader, `seed ${seed}: ${node}`).toBe(leader);
        expect(
          isPrefixOf(durableOf(sim, node).log, durableOf(sim, leader).log),
          `seed ${seed}: ${node}`,
        ).toBe(true);
      }
    }
  });

  it('a shorter timeout detects a crash faster but causes more false failovers under a latency spike (20 seeds)', () => {
    const manySeeds = Array.from({ length: 20 }, (_, i) => i + 1);
    const falseFailovers = { short: 0, long: 0 };
    let seedsWithFalseFailover = 0;
    for (const seed of manySeeds) {
      const detection = (timeoutMs: number) => {
        const { observed } = run('failover/automatic', {
          seed,
          params: { heartbeatIntervalMs: 50, timeoutMs },
        });
        return observed.suspicions.find((event) => event.at >= 3000)!.at - 3000;
      };
      const short = detection(200);
      const long = detection(1000);
      expect(short, `seed ${seed}`).toBeLessThan(long);
      expect(short, `seed ${seed}`).toBeLessThan(200 + 50 + 10 + 1);
      const spike = (timeoutMs: number) =>
        run('failover/latency-spike', { seed, params: { timeoutMs } }).observed.promotions.filter(
          (event) => !event.previousWasDown,
        ).length;
      const shortFalse = spike(200);
      falseFailovers.short += shortFalse;
      falseFailovers.long += spike(1000);
      if (shortFalse > 0) seedsWithFalseFailover++;
    }
    // Seeds 1-20: a 200 ms timeout failed over a healthy leader in 19 of 20 runs, a 1000 ms timeout in none.
    expect(seedsWithFalseFailover).toBeGreaterThanOrEqual(15);
    expect(falseFailovers.long).toBe(0);
    expect(falseFailovers.short).toBeGreaterThan(falseFailovers.long);
  });

  it('a leader that is alive but slow (its messages take 50× longer for 2 s) is falsely suspected with a 200 ms timeout, never with 1000 ms', () => {
    // Seeds 1-12: 1-8 false suspicions each with 200 ms, 0 with 1000 ms; followers that still hear the
    // leader refuse their votes, so most of these suspicions do not depose it.
    const slowLeader = [{ at: 3000, slow: 'n1', factor: 50, durationMs: 2000 }];
    for (const seed of seeds.slice(0, 4)) {
      const falseSuspicions = (timeoutMs: number) =>
        run('failover/latency-spike', {
          seed,
          params: { timeoutMs },
          faults: slowLeader,
        }).observed.suspicions.filter((event) => !event.suspectedWasDown).length;
      expect(falseSuspicions(200), `seed ${seed}`).toBeGreaterThan(0);
      expect(falseSuspicions(1000), `seed ${seed}`).toBe(0);
    }
  });

  it('a leader paused longer than the timeout is replaced while alive, and steps down when it wakes up; a timeout longer than the pause rides it out', () => {
    for (const seed of seeds.slice(0, 6)) {
      const { sim, observed } = run('failover/long-pause', { seed });
      const promotion = observed.promotions.find((event) => event.at > 3000)!;
      expect(promotion.previousLeader, `seed ${seed}`).toBe('n1');
      expect(promotion.previousWasDown, `seed ${seed}`).toBe(false);
      expect(promotion.at, `seed ${seed}`).toBeLessThan(4500);
      const stepDown = sim.world.notes.find(
        (note) => note.node === 'n1' && note.text.includes('stepped down'),
      );
      expect(stepDown?.at, `seed ${seed}`).toBeGreaterThanOrEqual(4500);
      expect(stepDown!.at, `seed ${seed}`).toBeLessThan(4700);
      expect(lostAtEnd(sim), `seed ${seed}`).toBe(0);
      const patient = run('failover/long-pause', { seed, params: { timeoutMs: 2000 } });
      expect(patient.observed.promotions, `seed ${seed}`).toEqual([]);
    }
  });

  it('the phi-accrual detector catches a crash, later for a higher threshold, and without false suspicions on a jittery but healthy network', () => {
    for (const seed of seeds.slice(0, 6)) {
      const detection = (phiThreshold: number) => {
        const { observed } = run('failover/phi-accrual', { seed, params: { phiThreshold } });
        expect(
          observed.suspicions.filter((event) => event.at < 4000),
          `seed ${seed}: false suspicions before the crash`,
        ).toEqual([]);
        return observed.suspicions.find((event) => event.at >= 4000)!.at - 4000;
      };
      const [low, middle, high] = [4, 8, 12].map(detection);
      expect(low!, `seed ${seed}`).toBeLessThanOrEqual(middle!);
      expect(middle!, `seed ${seed}`).toBeLessThanOrEqual(high!);
      expect(low!, `seed ${seed}`).toBeLessThan(high!);
      expect(high!, `seed ${seed}`).toBeLessThan(500);
    }
  });

  it('with automatic failover off, followers only report the dead leader and writes fail until the operator promotes a follower', () => {
    for (const seed of seeds.slice(0, 4)) {
      const { sim, observed } = run('failover/manual', { seed });
      expect(
        observed.suspicions.filter((event) => event.suspectedWasDown).length,
        `seed ${seed}`,
      ).toBeGreaterThanOrEqual(4);
      expect(
        observed.promotions.map((event) => [event.node, event.at]),
        `seed ${seed}`,
      ).toEqual([['n2', 5000]]);
      expect(availability(sim.world.history, 'write', 3600, 4900), `seed ${seed}`).toBe(0);
      expect(availability(sim.world.history, 'write', 5200, 8000), `seed ${seed}`).toBeGreaterThan(0.9);
      expect(lostAtEnd(sim), `seed ${seed}`).toBe(0);
    }
  });

  it('a planned switchover waits for the lagging target to catch up and loses no acknowledged write, even with async replication', () => {
    for (const seed of seeds) {
      const sim = createSimulation('failover/switchover', { seed }, { checkInvariants: true });
      sim.runUntil(4000);
      const behindBy = durableOf(sim, 'n1').log.length - durableOf(sim, 'n2').log.length;
      sim.run();
      expect(behindBy, `seed ${seed}: n2 lagged when the switchover began`).toBeGreaterThan(0);
      expect(leadersOf(sim), `seed ${seed}`).toEqual(['n2']);
      expect(durableOf(sim, 'n2').epoch, `seed ${seed}`).toBe(2);
      expect(lostAtEnd(sim), `seed ${seed}`).toBe(0);
      const refused = sim.world.history.filter((op) => op.ok === false && op.error?.includes('handing over'));
      expect(
        refused.every((op) => op.invoke >= 3900 && op.invoke < 4500),
        `seed ${seed}`,
      ).toBe(true);
      expect(sim.world.violations, `seed ${seed}`).toEqual([]);
    }
  });
});
