/**
 * The engine's one property kit, for every randomized test.
 *
 * `PROPERTY_RUNS` sets how many random cases (fault schedules or seeds) a test tries; the default keeps
 * `vitest run` fast, and a dedicated command runs thousands. A failing property prints the fast-check seed
 * and path, and the exact command that replays that failing case. Test-only: nothing in the engine imports it.
 */
import fc from 'fast-check';

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
 * Runs `check` (which throws on a violation) over random inputs and returns how many it tried. The seed
 * is SEED if set, else `seed` if given (a test that counts outcomes needs the same cases every run), else
 * a fresh one. On failure, throws with the shrunk counterexample and the command that replays it:
 * `SEED=… SEED_PATH=… PROPERTY_RUNS=… npx vitest run <file> -t "<test name>"`.
 */
export function assertProperty<T>(options: {
  testName: string;
  file: string;
  arbitrary: fc.Arbitrary<T>;
  check: (input: T) => void;
  defaultRuns: number;
  seed?: number;
}): number {
  const seed = process.env.SEED === undefined ? options.seed : Number(process.env.SEED);
  const path = process.env.SEED_PATH;
  const numRuns = propertyRuns(options.defaultRuns);
  const details = fc.check(fc.property(options.arbitrary, options.check), {
    numRuns,
    ...(seed !== undefined ? { seed } : {}),
    ...(path !== undefined ? { path } : {}),
  });
  if (!details.failed) return details.numRuns;
  const reason =
    details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  throw new Error(
    [
      `${options.testName}: failed after ${details.numRuns} runs (${details.numShrinks} shrinks).`,
      `Counterexample: ${JSON.stringify(details.counterexample)}`,
      `Reason: ${reason}`,
      `Reproduce: SEED=${details.seed} SEED_PATH=${details.counterexamplePath ?? ''} PROPERTY_RUNS=${numRuns} npx vitest run ${options.file} -t "${options.testName}"`,
    ].join('\n'),
  );
}
