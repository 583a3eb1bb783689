/**
 * fast-check generators shared by the engine's property tests: random fault schedules over a named set of
 * nodes (any action, or outages that end), the actions that bring a cluster back to normal, and random
 * transfers for the transaction protocols. Test-only: nothing in the engine imports it.
 */
import fc from 'fast-check';
import type { Action } from '../core/schema';

export function faultArbitrary(nodes: readonly string[], maxAt: number): fc.Arbitrary<Action> {
  const at = fc.integer({ min: 0, max: maxAt });
  const node = fc.constantFrom(...nodes);
  const groups = fc
    .array(fc.integer({ min: 0, max: 2 }), { minLength: nodes.length, maxLength: nodes.length })
    .map((labels) =>
      [0, 1, 2]
        .map((label) => nodes.filter((_, i) => labels[i] === label))
        .filter((group) => group.length > 0),
    )
    .filter((split) => split.length >= 2);
  return fc.oneof(
    fc.record({ at, crash: node }),
    fc.record({ at, restart: node }),
    fc.record({ at, pause: node, durationMs: fc.integer({ min: 1, max: 2000 }) }),
    fc.record({ at, resume: node }),
    fc.record({
      at,
      slow: node,
      factor: fc.integer({ min: 1, max: 20 }),
      durationMs: fc.integer({ min: 1, max: 3000 }),
    }),
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
        distribution: fc.constantFrom(
          'constant' as const,
          'uniform' as const,
          'exponential' as const,
          'normal' as const,
        ),
      }),
    }),
  );
}

/** A schedule sorted by time, as a scenario's `faults` or a command log wants it. */
export function faultScheduleArbitrary(
  nodes: readonly string[],
  maxAt: number,
  maxLength = 8,
): fc.Arbitrary<Action[]> {
  return fc
    .array(faultArbitrary(nodes, maxAt), { maxLength })
    .map((actions) => [...actions].sort((a, b) => a.at - b.at));
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

/** Random transfers between distinct accounts, issued by three clients inside the fault window. */
export function transferArbitrary(accounts: readonly string[], windowMs: number) {
  return fc
    .record({
      at: fc.integer({ min: 0, max: windowMs }),
      client: fc.constantFrom('c1', 'c2', 'c3'),
      from: fc.constantFrom(...accounts),
      to: fc.constantFrom(...accounts),
      amount: fc.integer({ min: 1, max: 80 }),
    })
    .filter((transfer) => transfer.from !== transfer.to);
}

/**
 * Random faults inside [0, windowMs): crashes with a later restart, pauses, partitions with a later heal,
 * and message-loss spells. Nodes may stay down past the window; `settleActions` brings everything back.
 */
export function outageScheduleArbitrary(nodes: readonly string[], windowMs: number): fc.Arbitrary<Action[]> {
  const at = fc.integer({ min: 0, max: windowMs - 1 });
  const node = fc.constantFrom(...nodes);
  const outageMs = fc.integer({ min: 1, max: windowMs });
  const crash = fc.record({ at, node, outageMs }).map(({ at, node, outageMs }): Action[] => [
    { at, crash: node },
    { at: at + outageMs, restart: node },
  ]);
  const pause = fc
    .record({ at, node, outageMs })
    .map(({ at, node, outageMs }): Action[] => [{ at, pause: node, durationMs: outageMs }]);
  const partition = fc
    .record({ at, outageMs, side: fc.subarray([...nodes], { minLength: 1, maxLength: nodes.length - 1 }) })
    .map(({ at, outageMs, side }): Action[] => [
      { at, partition: [side, nodes.filter((id) => !side.includes(id))] },
      { at: at + outageMs, heal: true },
    ]);
  const loss = fc
    .record({ at, outageMs, rate: fc.constantFrom(0.05, 0.2, 0.5) })
    .map(({ at, outageMs, rate }): Action[] => [
      { at, setLossRate: rate },
      { at: at + outageMs, setLossRate: 0 },
    ]);
  return fc.array(fc.oneof(crash, pause, partition, loss), { maxLength: 8 }).map((groups) => groups.flat());
}

/** From `at` on, the network is whole and lossless and every node is up, so the protocol can finish its work. */
export function settleActions(nodes: readonly string[], at: number): Action[] {
  return [
    { at, heal: true },
    { at, setLossRate: 0 },
    ...nodes.map((node): Action => ({ at, restart: node })),
  ];
}

/** Schedules a challenge's budget allows: at most `maxActions` actions of `kinds`, none after `deadlineMs`. */
export function budgetScheduleArbitrary(
  nodes: readonly string[],
  budget: { faultKinds: readonly string[]; maxActions: number; deadlineMs: number },
): fc.Arbitrary<Action[]> {
  const allowed = faultArbitrary(nodes, budget.deadlineMs).filter((action) =>
    budget.faultKinds.some((kind) => kind in action),
  );
  return fc
    .array(allowed, { minLength: 1, maxLength: budget.maxActions })
    .map((actions) => [...actions].sort((a, b) => a.at - b.at));
}
