/**
 * fast-check generators for random fault schedules over a named set of nodes, shared by the engine's
 * property tests (and usable by protocol tests: "after any faults, once healed, the cluster converges").
 * Test-only: nothing in the engine imports it.
 */
import fc from 'fast-check';
import type { Action } from '../scenarios/schema';

export function faultArbitrary(nodes: readonly string[], maxAt: number): fc.Arbitrary<Action> {
  const at = fc.integer({ min: 0, max: maxAt });
  const node = fc.constantFrom(...nodes);
  const groups = fc
    .array(fc.integer({ min: 0, max: 2 }), { minLength: nodes.length, maxLength: nodes.length })
    .map((labels) => [0, 1, 2].map((label) => nodes.filter((_, i) => labels[i] === label)).filter((group) => group.length > 0))
    .filter((split) => split.length >= 2);
  return fc.oneof(
    fc.record({ at, crash: node }),
    fc.record({ at, restart: node }),
    fc.record({ at, pause: node, durationMs: fc.integer({ min: 1, max: 2000 }) }),
    fc.record({ at, resume: node }),
    fc.record({ at, slow: node, factor: fc.integer({ min: 1, max: 20 }), durationMs: fc.integer({ min: 1, max: 3000 }) }),
    fc.record({ at, partition: groups }),
    fc.record({ at, isolate: node }),
    fc.record({ at, cut: fc.record({ from: node, to: node }) }),
    fc.record({ at, heal: fc.constant(true as const) }),
    fc.record({ at, setLossRate: fc.double({ min: 0, max: 0.5, noNaN: true }) }),
    fc.record({
      at,
      setLatency: fc.record({
        minMs: fc.integer({ min: 0, max: 50 }),
        meanMs: fc.integer({ min: 0, max: 50 }),
        distribution: fc.constantFrom('constant' as const, 'uniform' as const, 'exponential' as const, 'normal' as const),
      }),
    }),
  );
}

/** A schedule sorted by time, as a scenario's `faults` or a command log wants it. */
export function faultScheduleArbitrary(nodes: readonly string[], maxAt: number, maxLength = 8): fc.Arbitrary<Action[]> {
  return fc.array(faultArbitrary(nodes, maxAt), { maxLength }).map((actions) => [...actions].sort((a, b) => a.at - b.at));
}

/** Everything back to normal at `at`: links healed, loss off, every node restarted and resumed. */
export function recoverAll(nodes: readonly string[], at: number): Action[] {
  return [
    { at, heal: true },
    { at, setLossRate: 0 },
    ...nodes.flatMap((node): Action[] => [
      { at, restart: node },
      { at, resume: node },
    ]),
  ];
}
