/**
 * The registered checkers over real simulation runs of the broadcast register: with several replicas its
 * local reads go stale, with one replica it is trivially linearizable, and lost broadcasts across a
 * partition leave replicas that never converge.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, resolveScenario } from '../catalog/resolve';
import { Simulation } from '../core/simulation';
import type { AnyProtocol } from '../core/types';
import { broadcastProtocol } from '../protocols/broadcast/protocol';
import { scenarioSchema, type ScenarioInput } from '../core/schema';
import { checkers, checkLinearizability, findStaleReads, runChecks } from '.';

const checkNames = [
  'linearizable',
  'read-your-writes',
  'monotonic-reads',
  'no-stale-reads',
  'convergence',
  'no-lost-updates',
  'external-consistency',
];

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
    expect([...checkers.keys()]).toEqual([
      ...checkNames,
      'read-uncommitted',
      'read-committed',
      'snapshot-isolation',
      'serializable',
    ]);
    expect(resolveScenario(singleNode).ok).toBe(true);
    const typo = resolveScenario({ ...singleNode, checks: ['linearisable'] });
    expect(typo.ok).toBe(false);
  });

  it('refuse to judge isolation for a protocol that records no transactions, saying why', () => {
    const sim = createSimulation({ ...singleNode, checks: ['serializable'] }).run();
    expect(runChecks(sim)[0]).toMatchObject({
      ok: false,
      detail: 'cannot check: Broadcast register does not record its transactions',
    });
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

  it('do not mistake a preloaded row for a phantom value, and still see a read of it after a write as stale', () => {
    const preloaded: AnyProtocol = {
      ...broadcastProtocol,
      id: 'preloaded',
      initDurable: () => ({ kv: { x: { value: 'initial', counter: 0, node: '' } }, counter: 0 }),
    };
    const scenario = scenarioSchema.parse({
      id: 'checkers/preloaded',
      title: 'Preloaded register',
      description: 'Every key starts with a value.',
      protocol: 'preloaded',
      nodes: 2,
      network: { latency: { minMs: 50, meanMs: 0, distribution: 'constant' } },
      script: [
        { at: 10, client: 'alice', node: 'n1', op: 'read', key: 'x' },
        { at: 20, client: 'alice', node: 'n1', op: 'write', key: 'x', value: 1 },
        { at: 30, client: 'bob', node: 'n2', op: 'read', key: 'x' },
      ],
      durationMs: 100,
    });
    const sim = new Simulation(scenario, preloaded, {}).run();
    expect(sim.world.history.map((op) => op.value)).toEqual(['initial', 1, 'initial']);
    const [linearizable, stale] = runChecks(sim, ['linearizable', 'no-stale-reads']);
    expect(linearizable!.detail).toContain('read of x by bob (sent at 30 ms) returned "initial"');
    expect(stale).toMatchObject({ ok: false, at: sim.world.history[2]!.complete });
    // Told (wrongly) that keys start empty, the checker would blame the very first read instead.
    expect(checkLinearizability(sim.world.history).violation?.operationIds).toEqual([1]);
  });

  it('refuse to judge a history with operations a register cannot follow, rather than blame its reads', () => {
    const sim = createSimulation(singleNode, {
      workload: undefined,
      script: [
        { at: 10, client: 'alice', node: 'n1', op: 'write', key: 'x', value: 1 },
        { at: 20, client: 'alice', node: 'n1', op: 'increment', key: 'x' },
        { at: 30, client: 'alice', node: 'n1', op: 'read', key: 'x' },
      ],
    }).run();
    for (const result of runChecks(sim, ['linearizable', 'no-stale-reads'])) {
      expect(result).toMatchObject({ ok: false, at: null });
      expect(result.detail).toMatch(/^cannot check: the history also has increment operations/);
    }
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
