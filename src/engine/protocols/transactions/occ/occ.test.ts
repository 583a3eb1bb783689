import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HistoryOperation } from '../../../core/types';
import { createSimulation } from '../../../catalog/resolve';
import { assertProperty, randomizedTestTimeoutMs, seedsToTry } from '../../../testing/properties';
import { conditionalUpdate, type OccDurable, type Row } from './protocol';
import { concurrentIncrements } from './scenarios';

const file = 'src/engine/protocols/transactions/occ/occ.test.ts';

type Sim = ReturnType<typeof createSimulation>;
const counterOf = (sim: Sim) => (sim.node('n1').state.durable as OccDurable).rows.counter!.value;
const acknowledged = (history: readonly HistoryOperation[]) =>
  history.filter((op) => op.type === 'increment' && op.ok === true);

function runIncrements(options: {
  seed: number;
  clients: number;
  increments: number;
  versionCheck: boolean;
}): Sim {
  return createSimulation('occ/increments', {
    seed: options.seed,
    nodes: options.clients + 1,
    params: { versionCheck: options.versionCheck },
    script: concurrentIncrements(options.clients, options.increments),
    durationMs: 20_000,
  }).run();
}

describe('versioned rows', () => {
  it('a conditional update with a stale version changes nothing', () => {
    const rows: Record<string, Row> = { counter: { value: 5, version: 7 } };
    expect(conditionalUpdate(rows, 'counter', 6, 6)).toBe(0);
    expect(rows.counter).toEqual({ value: 5, version: 7 });
    expect(conditionalUpdate(rows, 'counter', 6, 7)).toBe(1);
    expect(rows.counter).toEqual({ value: 6, version: 8 });
  });
});

describe('optimistic concurrency scenarios', () => {
  it('concurrent versioned increments all land: 3 × 5 increments make 15, with conflicts retried', () => {
    const sim = createSimulation('occ/increments').run();
    const increments = acknowledged(sim.world.history);
    expect(increments).toHaveLength(15);
    expect(counterOf(sim)).toBe(15);
    // Each increment wrote a different value: no two of them read the same state.
    expect(increments.map((op) => op.value).sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 15 }, (_, i) => i + 1),
    );
    expect(sim.protocol.gauges!(sim.invariantContext() as never)['version conflicts']).toBeGreaterThan(0);
    expect(sim.world.notes.map((note) => note.text)).toContainEqual(
      expect.stringMatching(/succeeded on attempt [2-9]/),
    );
  });

  it('blind read-modify-write acknowledges every increment yet loses some', () => {
    const sim = createSimulation('occ/lost-update').run();
    expect(acknowledged(sim.world.history)).toHaveLength(15);
    expect(counterOf(sim)).toBeLessThan(15);
  });
});

describe('no lost update under concurrent increments', () => {
  it(
    'N clients × M versioned increments leave the counter at N × M',
    { timeout: randomizedTestTimeoutMs },
    () => {
      let conflicts = 0;
      let runs = 0;
      assertProperty({
        testName: 'N clients × M versioned increments leave the counter at N × M',
        file,
        defaultRuns: 100,
        arbitrary: fc.record({
          seed: fc.integer({ min: 0, max: 0x7fffffff }),
          clients: fc.integer({ min: 2, max: 5 }),
          increments: fc.integer({ min: 1, max: 8 }),
        }),
        check(run) {
          const sim = runIncrements({ ...run, versionCheck: true });
          const total = run.clients * run.increments;
          expect(acknowledged(sim.world.history)).toHaveLength(total);
          expect(counterOf(sim)).toBe(total);
          conflicts += sim.protocol.gauges!(sim.invariantContext() as never)['version conflicts']!;
          runs++;
        },
      });
      console.info(
        `OCC: ${runs} runs (incl. shrinking) with no lost update; ${conflicts} version conflicts retried`,
      );
      expect(conflicts).toBeGreaterThan(0);
    },
  );

  it(
    'without version checks, concurrent increments lose updates for some seeds (counted)',
    { timeout: randomizedTestTimeoutMs },
    () => {
      const seeds = seedsToTry(200);
      let lostUpdates = 0;
      const seedsWithLoss = seeds.filter((seed) => {
        const sim = runIncrements({ seed, clients: 3, increments: 5, versionCheck: false });
        expect(acknowledged(sim.world.history)).toHaveLength(15);
        const lost = 15 - Number(counterOf(sim));
        lostUpdates += lost;
        return lost > 0;
      });
      console.info(
        `blind read-modify-write: ${seedsWithLoss.length} of ${seeds.length} seeds lost updates (${lostUpdates} of ${15 * seeds.length} acknowledged increments lost)`,
      );
      expect(seedsWithLoss.length).toBeGreaterThan(0);
    },
  );
});
