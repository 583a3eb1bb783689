import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../catalog/resolve';
import type { Action, ScenarioInput } from '../../../core/schema';
import { outageScheduleArbitrary } from '../../../testing/arbitraries';
import { assertProperty, randomizedTestTimeoutMs, seedsToTry } from '../../../testing/properties';
import { committedTransactions, describeViolation, externalConsistencyViolations } from '../../../checkers';

const file = 'src/engine/protocols/transactions/truetime/truetime.test.ts';
const nodes = ['n1', 'n2', 'n3'];
/** Transactions (and faults) fall in [0, scheduleMs), dense enough that many start right after another's ack. */
const scheduleMs = 200;

describe('TrueTime scenarios', () => {
  it('with commit wait, timestamp order matches real-time order despite skewed clocks', () => {
    const sim = createSimulation('truetime/commit-wait').run();
    expect(committedTransactions(sim.world.history)).toHaveLength(5);
    expect(externalConsistencyViolations(sim.world.history).map(describeViolation)).toEqual([]);
  });

  it('without commit wait, a later transaction on a slower clock gets a smaller timestamp', () => {
    const sim = createSimulation('truetime/no-commit-wait').run();
    const violations = externalConsistencyViolations(sim.world.history);
    expect(violations.length).toBeGreaterThan(0);
    expect(violations[0]!.earlier.node).toBe('n1');
    expect(violations[0]!.later.node).toBe('n2');
  });

  it('with a clock outside its bound, commit wait is too short and the order breaks', () => {
    const sim = createSimulation('truetime/clock-out-of-bound').run();
    expect(externalConsistencyViolations(sim.world.history).length).toBeGreaterThan(0);
  });
});

describe('external consistency checker', () => {
  const txn = (invoke: number, complete: number, timestamp: number) => ({
    id: invoke,
    process: 'c',
    type: 'txn',
    key: 'x',
    value: timestamp,
    node: 'n1',
    invoke,
    complete,
    ok: true,
  });

  it('flags a transaction that started after another was acknowledged yet has a smaller or equal timestamp', () => {
    expect(externalConsistencyViolations([txn(0, 10, 50), txn(11, 20, 49)])).toHaveLength(1);
    expect(externalConsistencyViolations([txn(0, 10, 50), txn(11, 20, 50)])).toHaveLength(1);
    expect(externalConsistencyViolations([txn(0, 10, 50), txn(11, 20, 51)])).toHaveLength(0);
  });

  it('allows any timestamp order between overlapping transactions', () => {
    expect(externalConsistencyViolations([txn(0, 10, 50), txn(5, 20, 40)])).toHaveLength(0);
  });
});

/** A node's clock: offset within ±ε when `inBound`, else up to 2ε beyond it (n1 only). */
const clockArbitrary = (outOfBound: boolean) =>
  fc.integer({ min: 1, max: 10 }).chain((uncertaintyMs) =>
    fc.record({
      uncertaintyMs: fc.constant(uncertaintyMs),
      offsetMs: outOfBound
        ? fc.integer({ min: uncertaintyMs + 1, max: 3 * uncertaintyMs })
        : fc.integer({ min: -uncertaintyMs, max: uncertaintyMs }),
      driftPpm: fc.constant(0),
    }),
  );

function runArbitrary(options: { outOfBound: boolean }) {
  return fc.record({
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
    clocks: fc.tuple(clockArbitrary(options.outOfBound), clockArbitrary(false), clockArbitrary(false)),
    meanLatencyMs: fc.integer({ min: 0, max: 10 }),
    transactions: fc.array(
      fc.record({
        at: fc.integer({ min: 0, max: scheduleMs }),
        client: fc.constantFrom('c1', 'c2', 'c3', 'c4'),
        node: fc.constantFrom(...nodes),
      }),
      { minLength: 2, maxLength: 60 },
    ),
    faults: fc.oneof(fc.constant<Action[]>([]), outageScheduleArbitrary(nodes, scheduleMs)),
  });
}
type Run = ReturnType<typeof runArbitrary> extends fc.Arbitrary<infer T> ? T : never;

function scenarioFor(run: Run, commitWait: boolean): ScenarioInput {
  return {
    id: 'truetime/property',
    title: 'random clocks',
    description: 'random transactions on random clocks',
    protocol: 'truetime',
    seed: run.seed,
    params: { commitWait },
    nodes: nodes.map((id, i) => ({ id, clock: run.clocks[i]! })),
    network: { latency: { minMs: 1, meanMs: run.meanLatencyMs, distribution: 'exponential' } },
    script: run.transactions.map(({ at, client, node }, i) => ({
      at,
      client,
      node,
      op: 'txn',
      key: `k${i % 5}`,
      value: i,
    })),
    faults: run.faults,
    durationMs: 4000,
  };
}

/** How many of the first N seeds (each one random run) break external consistency. */
function countAnomalies(options: { commitWait: boolean; outOfBound: boolean }) {
  const seeds = seedsToTry(200);
  let violations = 0;
  const anomalous = seeds.filter((seed) => {
    const [run] = fc.sample(runArbitrary({ outOfBound: options.outOfBound }), { seed, numRuns: 1 });
    const found = externalConsistencyViolations(
      createSimulation(scenarioFor(run!, options.commitWait)).run().world.history,
    ).length;
    violations += found;
    return found > 0;
  });
  return { seeds: seeds.length, anomalous: anomalous.length, violations };
}

describe('external consistency over random clocks and schedules', () => {
  it(
    'with commit wait and clocks within their bound, no transaction ever gets an out-of-order timestamp',
    { timeout: randomizedTestTimeoutMs },
    () => {
      let runs = 0;
      let closePairs = 0;
      assertProperty({
        testName:
          'with commit wait and clocks within their bound, no transaction ever gets an out-of-order timestamp',
        file,
        defaultRuns: 200,
        arbitrary: runArbitrary({ outOfBound: false }),
        check(run) {
          const history = createSimulation(scenarioFor(run, true)).run().world.history;
          const violations = externalConsistencyViolations(history);
          if (violations.length > 0) throw new Error(describeViolation(violations[0]!));
          const committed = committedTransactions(history);
          // The pairs that could go wrong: the second starts within 20 ms (≥ 2ε) of the first's acknowledgement.
          for (const a of committed)
            closePairs += committed.filter(
              (b) => b.invoke >= a.complete! && b.invoke - a.complete! <= 20,
            ).length;
          runs++;
        },
      });
      console.info(
        `TrueTime with commit wait: ${runs} runs (incl. shrinking), ${closePairs} pairs where one started ≤ 20 ms after the other's ack, 0 violations`,
      );
      expect(closePairs).toBeGreaterThan(0);
    },
  );

  it(
    'without commit wait, ordering anomalies appear for some seeds (counted)',
    { timeout: randomizedTestTimeoutMs },
    () => {
      const result = countAnomalies({ commitWait: false, outOfBound: false });
      console.info(
        `TrueTime without commit wait: ${result.anomalous} of ${result.seeds} seeds broke external consistency (${result.violations} violating pairs)`,
      );
      expect(result.anomalous).toBeGreaterThan(0);
    },
  );

  it(
    'with a clock outside its bound, ordering anomalies appear for some seeds even with commit wait (counted)',
    { timeout: randomizedTestTimeoutMs },
    () => {
      const result = countAnomalies({ commitWait: true, outOfBound: true });
      console.info(
        `TrueTime with n1 outside its bound: ${result.anomalous} of ${result.seeds} seeds broke external consistency (${result.violations} violating pairs)`,
      );
      expect(result.anomalous).toBeGreaterThan(0);
    },
  );
});

describe('commit latency', () => {
  it('grows with the clock uncertainty ε: the commit wait lasts about 2ε', () => {
    const meanLatency = (uncertaintyMs: number) => {
      const sim = createSimulation('truetime/commit-wait', {
        nodes: nodes.map((id) => ({ id, clock: { offsetMs: 0, driftPpm: 0, uncertaintyMs } })),
        script: nodes.flatMap((node) =>
          Array.from({ length: 10 }, (_, i) => ({
            at: 100 + i * 100,
            client: `at-${node}`,
            node,
            op: 'txn',
            key: node,
            value: i,
          })),
        ),
        durationMs: 2000,
      }).run();
      const committed = committedTransactions(sim.world.history);
      expect(committed).toHaveLength(30);
      return committed.reduce((sum, op) => sum + (op.complete! - op.invoke), 0) / committed.length;
    };
    const epsilons = [1, 4, 7, 20];
    const means = epsilons.map(meanLatency);
    console.info(
      `TrueTime mean commit latency: ${epsilons.map((e, i) => `ε=${e} ms → ${means[i]} ms`).join(', ')}`,
    );
    for (let i = 1; i < means.length; i++) expect(means[i]).toBeGreaterThan(means[i - 1]!);
    // 1 ms to the leader, a wait of 2ε + 1 ms (whole-millisecond clocks), 1 ms back.
    epsilons.forEach((e, i) => expect(means[i]).toBe(2 * e + 3));
  });
});
