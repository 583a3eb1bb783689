/**
 * Property: under any fault schedule (partitions, crashes, restarts, pauses, message loss), every
 * resolution strategy (the CRDTs and the others) converges once the faults stop, within one
 * anti-entropy interval plus a round trip, and the counters count exactly the updates that took effect.
 *
 * More runs:   PROPERTY_RUNS=2000 npx vitest run src/engine/protocols/multileader/convergence.property.test.ts
 * Reproduce:   SEED=<seed printed by fast-check> npx vitest run src/engine/protocols/multileader/convergence.property.test.ts
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HistoryOperation } from '../../core/types';
import { createSimulation } from '../../catalog/resolve';
import type { Action, ScenarioInput } from '../../core/schema';
import { threeRegions } from '../shared/regionNodes';
import { convergedKv, kvByNode } from '../../analysis/multileader';

const runs = Number(process.env.PROPERTY_RUNS ?? 25);
const seed = process.env.SEED === undefined ? undefined : Number(process.env.SEED);
/** Generous: a run takes a few ms, and long runs (PROPERTY_RUNS) must not hit vitest's default 5 s. */
const testTimeoutMs = 5000 + runs * 50;

const faultsStopAt = 6000;
const syncIntervalMs = 1000;
/** One anti-entropy interval, plus the slowest round trip (us-east ↔ ap-northeast, about 145 ms) with jitter. */
const convergenceBoundMs = syncIntervalMs + 400;

const region = fc.constantFrom(...threeRegions);
const time = fc.integer({ min: 0, max: faultsStopAt - 1 });

const fault: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    at: time,
    partition: fc
      .shuffledSubarray([...threeRegions], { minLength: 1, maxLength: 2 })
      .map((side) => [side, threeRegions.filter((id) => !side.includes(id))]),
  }),
  fc.record({ at: time, heal: fc.constant(true as const) }),
  fc.record({ at: time, crash: region }),
  fc.record({ at: time, restart: region }),
  fc.record({ at: time, pause: region, durationMs: fc.integer({ min: 1, max: 2000 }) }),
  fc.record({ at: time, setLossRate: fc.constantFrom(0, 0.2, 0.5, 1) }),
);

const endOfFaults: Action[] = [
  { at: faultsStopAt, heal: true },
  { at: faultsStopAt, setLossRate: 0 },
  ...threeRegions.flatMap((id): Action[] => [
    { at: faultsStopAt, restart: id },
    { at: faultsStopAt, resume: id },
  ]),
];

const scenario = (resolution: string, ops: readonly string[]) =>
  fc
    .record({
      seed: fc.integer({ min: 0, max: 2 ** 31 }),
      faults: fc.array(fault, { maxLength: 10 }),
      script: fc.array(
        fc.record({
          at: time,
          node: region,
          op: fc.constantFrom(...ops),
          value: ops.includes('add') ? fc.constantFrom('book', 'cup', 'pen') : fc.integer({ min: 1, max: 3 }),
        }),
        { maxLength: 40 },
      ),
    })
    .map(({ seed, faults, script }): ScenarioInput & { id: string } => ({
      id: `property/${resolution}`,
      title: 'random fault schedule',
      description: 'random fault schedule',
      protocol: 'multileader',
      params: { resolution, syncIntervalMs },
      seed,
      nodes: threeRegions.map((id) => ({ id, region: id })),
      script: script
        .map((line) => ({ ...line, client: `${line.node}-app`, key: 'k' }))
        .sort((a, b) => a.at - b.at),
      faults: [...faults.sort((a, b) => a.at - b.at), ...endOfFaults],
      durationMs: faultsStopAt + convergenceBoundMs,
    }));

/** Sum of the amounts of the updates `op` with the given outcome (signed: decrements count negative). */
function sumOf(history: readonly HistoryOperation[], op: string, ok: boolean | null): number {
  const sign = op === 'decrement' ? -1 : 1;
  return history
    .filter((entry) => entry.type === op && entry.ok === ok)
    .reduce((sum, entry) => sum + sign * Number(entry.value), 0);
}

describe.each([
  ['g-counter', ['increment']],
  ['pn-counter', ['increment', 'decrement']],
  ['or-set', ['add', 'remove']],
  ['lww', ['write']],
  ['siblings', ['write']],
  ['cart-union', ['add', 'remove']],
] as const)('%s under random faults', (resolution, ops) => {
  it(
    'converges within one sync interval and a round trip of the faults stopping',
    () => {
      fc.assert(
        fc.property(scenario(resolution, ops), (input) => {
          const sim = createSimulation(input, {}, { checkInvariants: true }).run();
          expect(sim.world.violations).toEqual([]);
          expect(convergedKv(sim), JSON.stringify(kvByNode(sim))).not.toBeNull();
          if (!resolution.endsWith('counter')) return;
          // Acknowledged updates took effect; an update that timed out (its node paused or crashed) may have too.
          const { history } = sim.world;
          expect(history.filter((entry) => entry.ok === false)).toEqual([]);
          const certain = ops.reduce((sum, op) => sum + sumOf(history, op, true), 0);
          const uncertain = ops.map((op) => sumOf(history, op, null));
          const value = Number(convergedKv(sim)!.k ?? 0);
          expect(value).toBeGreaterThanOrEqual(
            certain + uncertain.filter((x) => x < 0).reduce((a, b) => a + b, 0),
          );
          expect(value).toBeLessThanOrEqual(
            certain + uncertain.filter((x) => x > 0).reduce((a, b) => a + b, 0),
          );
        }),
        { numRuns: runs, seed },
      );
    },
    testTimeoutMs,
  );
});
