/**
 * The registered checkers over real simulation runs of the broadcast register: with several replicas its
 * local reads go stale, with one replica it is trivially linearizable, and lost broadcasts across a
 * partition leave replicas that never converge.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, resolveScenario } from '../scenarios/resolve';
import type { ScenarioInput } from '../scenarios/schema';
import { checkers, checkLinearizability, findStaleReads, runChecks } from '.';

const checkNames = ['linearizable', 'read-your-writes', 'monotonic-reads', 'no-stale-reads', 'convergence'];

const singleNode: ScenarioInput = {
  id: 'checkers/single-node',
  title: 'One broadcast replica',
  description: 'A single replica applies every operation in one order, so its history is linearizable.',
  protocol: 'broadcast',
  nodes: 1,
  workload: {
    clients: 6,
    ratePerClient: 50,
    mix: { read: 0.5, write: 0.5, cas: 0 },
    keys: { count: 3 },
    stopMs: 4000,
  },
  checks: checkNames,
  durationMs: 5000,
};

describe('registered checkers', () => {
  it('are registered under their stable names, so scenarios can name them', () => {
    expect([...checkers.keys()]).toEqual(checkNames);
    expect(resolveScenario(singleNode).ok).toBe(true);
    const typo = resolveScenario({ ...singleNode, checks: ['linearisable'] });
    expect(typo.ok).toBe(false);
  });

  it('pass every check on a single-node run', () => {
    const sim = createSimulation(singleNode).run();
    expect(sim.world.history.filter((op) => op.ok === true).length).toBeGreaterThan(800);
    const results = runChecks(sim);
    expect(results.map((result) => result.name)).toEqual(checkNames);
    for (const result of results) expect(result, result.detail).toMatchObject({ ok: true, at: null });
  });

  it('find stale reads in the multi-replica broadcast register for some seeds, with the same answer every time', () => {
    const seeds = Array.from({ length: 10 }, (_, i) => i + 1);
    const violating = seeds.filter((seed) => {
      const sim = createSimulation('broadcast/basic', { seed, durationMs: 3000 }).run();
      const result = checkLinearizability(sim.world.history);
      expect(result.verdict, `seed ${seed}`).not.toBe('unknown');
      if (result.verdict !== 'violation') return false;
      const [linearizable] = runChecks(sim, ['linearizable']);
      expect(linearizable!.ok).toBe(false);
      expect(linearizable!.at).toBe(result.violation!.at);
      expect(result.violation!.operationIds.length).toBeLessThanOrEqual(4);
      return true;
    });
    expect(violating.length).toBeGreaterThanOrEqual(5);

    const sim = createSimulation('broadcast/basic', { seed: violating[0]!, durationMs: 3000 }).run();
    const stale = findStaleReads(sim.world.history);
    expect(stale.length).toBeGreaterThan(0);
    const again = createSimulation('broadcast/basic', { seed: violating[0]!, durationMs: 3000 }).run();
    expect(checkLinearizability(again.world.history)).toEqual(checkLinearizability(sim.world.history));
  });

  it('see replicas converge once broadcasts stop, and stay apart when a partition lost them', () => {
    const quiet = createSimulation('broadcast/basic', {
      durationMs: 3000,
      workload: { clients: 3, stopMs: 2000, mix: { read: 0.5, write: 0.5, cas: 0 }, keys: { count: 3 } },
    }).run();
    expect(runChecks(quiet, ['convergence'])[0]).toMatchObject({ ok: true });

    const partitioned = createSimulation('broadcast/basic', {
      durationMs: 3000,
      workload: { clients: 3, stopMs: 1500, mix: { read: 0.2, write: 0.8, cas: 0 }, keys: { count: 3 } },
      faults: [
        { at: 500, partition: [['n1'], ['n2', 'n3']] },
        { at: 2000, heal: true },
      ],
    }).run();
    const [convergence] = runChecks(partitioned, ['convergence']);
    expect(convergence!.ok).toBe(false);
    expect(convergence!.detail).toMatch(/^replicas differ on \d+ keys?: k\d: n1=/);
    expect(convergence!.at).toBe(3000);
  });
});
