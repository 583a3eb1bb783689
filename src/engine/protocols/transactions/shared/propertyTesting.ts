/**
 * Test-only helpers for the randomized tests of the transaction protocols.
 *
 * `PROPERTY_RUNS` sets how many random cases (fault schedules or seeds) a test tries; the default keeps
 * `vitest run` fast, and a dedicated command runs thousands. A failing property prints the fast-check seed
 * and path, and the exact command that replays that failing case.
 */
import fc from 'fast-check';
import type { Action } from '../../../scenarios/schema';

export function propertyRuns(defaultRuns: number): number {
  const fromEnv = Number(process.env.PROPERTY_RUNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : defaultRuns;
}

/** Vitest timeout for a randomized test: generous by default (a shared machine is slow), unbounded-ish for big runs. */
export const randomizedTestTimeoutMs = process.env.PROPERTY_RUNS ? 3_600_000 : 60_000;

/** The seeds a counting test (e.g. "how many seeds show an anomaly") runs over: 1…N. */
export function seedsToTry(defaultCount: number): number[] {
  return Array.from({ length: propertyRuns(defaultCount) }, (_, i) => i + 1);
}

/**
 * Runs `check` (which throws on a violation) over random inputs. On failure, throws with the shrunk
 * counterexample and a reproduce command: `SEED=… SEED_PATH=… npx vitest run <file> -t "<test name>"`.
 */
export function assertProperty<T>(options: {
  testName: string;
  file: string;
  arbitrary: fc.Arbitrary<T>;
  check: (input: T) => void;
  defaultRuns: number;
}): void {
  const seed = process.env.SEED === undefined ? undefined : Number(process.env.SEED);
  const path = process.env.SEED_PATH;
  const details = fc.check(fc.property(options.arbitrary, options.check), {
    numRuns: propertyRuns(options.defaultRuns),
    ...(seed !== undefined ? { seed } : {}),
    ...(path !== undefined ? { path } : {}),
  });
  if (!details.failed) return;
  const reason =
    details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  throw new Error(
    [
      `${options.testName}: failed after ${details.numRuns} runs (${details.numShrinks} shrinks).`,
      `Counterexample: ${JSON.stringify(details.counterexample)}`,
      `Reason: ${reason}`,
      `Reproduce: SEED=${details.seed} SEED_PATH=${details.counterexamplePath ?? ''} npx vitest run ${options.file} -t "${options.testName}"`,
    ].join('\n'),
  );
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
export function faultScheduleArbitrary(nodes: readonly string[], windowMs: number): fc.Arbitrary<Action[]> {
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
