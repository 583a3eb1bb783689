/**
 * Cross-checks the linearizability search against a brute-force checker that tries every order of every
 * subset of indeterminate operations, on small random histories. Also checks that every read anomaly the
 * other checkers report is a real linearizability violation (they must never cry wolf), and, on longer
 * histories (a tenth as many), that real executions pass and injected anomalies are caught.
 *
 * CHECKER_CROSSCHECK_RUNS=20000 npx vitest run src/engine/checkers/linearizability.crosscheck.test.ts
 * CHECKER_CROSSCHECK_SEED=1234 npx vitest run src/engine/checkers/linearizability.crosscheck.test.ts   (one history)
 */
import { describe, expect, it } from 'vitest';
import { Random } from '../core/random';
import type { HistoryOperation, Value } from '../core/types';
import { groupByKey, unknownInitialValue, type Initial, type KvOperation } from './history';
import { checkLinearizability } from './linearizability';
import {
  findMonotonicReadViolations,
  findReadYourWritesViolations,
  findStaleReads,
  type ReadAnomalyOptions,
} from './readAnomalies';

const runs = Number(process.env.CHECKER_CROSSCHECK_RUNS ?? 2000);
const onlySeed =
  process.env.CHECKER_CROSSCHECK_SEED === undefined ? null : Number(process.env.CHECKER_CROSSCHECK_SEED);
const mediumRuns = Math.ceil(runs / 10);
const firstSeed = 1;

// ---------------------------------------------------------------------------------------------------
// The specification, by brute force

/** A must be placed before B: A was acknowledged before B began, or A came earlier from the same client. */
function precedes(a: KvOperation, b: KvOperation): boolean {
  if (a.ok !== true) return false;
  if (a.complete! < b.invoke) return true;
  return a.process === b.process && (a.invoke < b.invoke || (a.invoke === b.invoke && a.id < b.id));
}

function orderExists(ops: readonly KvOperation[], initial: Value): boolean {
  const placed = new Array<boolean>(ops.length).fill(false);
  const place = (count: number, value: Value): boolean => {
    if (count === ops.length) return true;
    for (let i = 0; i < ops.length; i++) {
      if (placed[i]) continue;
      const op = ops[i]!;
      if (ops.some((other, j) => !placed[j] && j !== i && precedes(other, op))) continue;
      let next: Value;
      if (op.type === 'read') {
        if (value !== op.value) continue;
        next = value;
      } else if (op.type === 'write') next = op.value;
      else {
        // A cas that is in the chosen subset took effect, so its comparison succeeded.
        if (value !== (op.expected ?? null)) continue;
        next = op.value;
      }
      placed[i] = true;
      if (place(count + 1, next)) return true;
      placed[i] = false;
    }
    return false;
  };
  return place(0, initial);
}

/**
 * With an unknown initial value, a key may start with any value no operation wrote or tried to write:
 * one that some operation observed, or one nobody ever sees (`fresh`).
 */
function candidateInitialValues(ops: readonly KvOperation[], initial: Initial): Value[] {
  if (initial !== unknownInitialValue) return [initial];
  const attempted = new Set(ops.filter((op) => op.type !== 'read').map((op) => op.value));
  const observed = ops.flatMap((op) =>
    op.type === 'read' && op.ok === true ? [op.value] : op.type === 'cas' ? [op.expected ?? null] : [],
  );
  return [...new Set([...observed, fresh])].filter((value) => !attempted.has(value));
}
const fresh = 'a value nobody writes or reads';

/** Every history is checked twice: with keys starting empty, and with their initial values unknown. */
const modes: Initial[] = [null, unknownInitialValue];

/** `whole` is the history the initial values are judged from, when `history` is part of it. */
function bruteForceLinearizable(
  history: readonly HistoryOperation[],
  initial: Initial = null,
  whole: readonly HistoryOperation[] = history,
): boolean {
  const wholeByKey = groupByKey(whole);
  for (const [key, ops] of groupByKey(history)) {
    const required = ops.filter((op) => op.ok === true);
    const optional = ops.filter((op) => op.ok === null && op.type !== 'read');
    let found = false;
    for (const start of candidateInitialValues(wholeByKey.get(key)!, initial)) {
      for (let mask = 0; mask < 1 << optional.length && !found; mask++) {
        const chosen = [...required, ...optional.filter((_, i) => (mask & (1 << i)) !== 0)];
        found = orderExists(chosen, start);
      }
    }
    if (!found) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------
// Random histories

interface Shape {
  ops: readonly [number, number];
  processes: readonly [number, number];
  maxDurationMs: number;
  /** 'few': values 1–3, so writes collide; 'unique': every write writes its own id, like the workload. */
  values: 'few' | 'unique';
  /** Chance (in thirds) that outputs come from a real execution rather than at random. */
  executionThirds: number;
}

const small: Shape = { ops: [3, 8], processes: [2, 4], maxDurationMs: 6, values: 'few', executionThirds: 2 };
const medium: Shape = {
  ops: [40, 160],
  processes: [3, 8],
  maxDurationMs: 12,
  values: 'unique',
  executionThirds: 3,
};

interface Generated {
  history: HistoryOperation[];
  /** True when generated from a real execution and left untouched, so it must be linearizable. */
  linearizableByConstruction: boolean;
}

function randomHistory(seed: number, shape: Shape): Generated {
  const random = new Random(seed);
  const keys = random.chance(1, 3) ? ['x', 'y'] : ['x'];
  const processes = random.int(shape.processes[0], shape.processes[1]);
  const total = random.int(shape.ops[0], shape.ops[1]);
  const written: Value[] = [null];
  const pickValue = (id: number): Value => (shape.values === 'few' ? random.pick([1, 2, 3]) : id);
  const pickSeen = (): Value =>
    shape.values === 'few' ? random.pick([null, 1, 2, 3]) : random.pick(written);
  const fromExecution = random.chance(shape.executionThirds, 3);
  const clock = Array.from({ length: processes }, () => random.int(0, 4));
  const history: HistoryOperation[] = [];
  const effect: { op: HistoryOperation; point: number }[] = [];

  for (let id = 1; id <= total; id++) {
    const p = random.int(0, processes - 1);
    const invoke = clock[p]! + random.int(0, 3);
    const duration = random.int(0, shape.maxDurationMs);
    clock[p] = invoke + duration;
    const roll = random.int(0, 99);
    const type = roll < 45 ? 'read' : roll < 80 ? 'write' : 'cas';
    const statusRoll = random.int(0, 99);
    const ok = statusRoll < 70 ? true : statusRoll < 90 ? null : false;
    const complete = ok === null && random.chance(1, 2) ? null : invoke + duration;
    const op: HistoryOperation = {
      id,
      process: `c${p + 1}`,
      type,
      key: random.pick(keys),
      value: type === 'read' ? (ok === true ? pickSeen() : null) : pickValue(id),
      node: 'n1',
      invoke,
      complete,
      ok,
    };
    if (type === 'cas') op.expected = pickSeen();
    if (type !== 'read') written.push(op.value);
    history.push(op);
    const takesEffect = ok === true || (ok === null && type !== 'read' && random.chance(1, 2));
    if (takesEffect) {
      const end = ok === true ? invoke + duration : invoke + 20;
      effect.push({ op, point: invoke + random.float() * (end - invoke) });
    }
  }
  if (!fromExecution) return { history, linearizableByConstruction: false };

  // Replay the chosen linearization points on one register per key and record what really happened.
  effect.sort((a, b) => a.point - b.point || a.op.id - b.op.id);
  const register = new Map<string, Value>();
  for (const { op } of effect) {
    const current = register.get(op.key) ?? null;
    if (op.type === 'read') op.value = current;
    else if (op.type === 'write') register.set(op.key, op.value);
    else if (current === (op.expected ?? null)) register.set(op.key, op.value);
    else if (op.ok === true) op.ok = false; // the comparison failed, so the client was told it did not happen
  }
  const corrupt = random.chance(1, 2);
  if (corrupt) {
    const reads = history.filter((op) => op.type === 'read' && op.ok === true);
    if (reads.length > 0) random.pick(reads).value = pickSeen();
  }
  return { history, linearizableByConstruction: !corrupt };
}

function anomaliesIn(history: readonly HistoryOperation[], initial: Initial = null) {
  const options: ReadAnomalyOptions = { initialValue: initial };
  return [
    ...findStaleReads(history, options),
    ...findReadYourWritesViolations(history, options),
    ...findMonotonicReadViolations(history, options),
  ];
}

function reproduce(seed: number): string {
  return `CHECKER_CROSSCHECK_SEED=${seed} npx vitest run src/engine/checkers/linearizability.crosscheck.test.ts`;
}

describe('linearizability cross-check against brute force', () => {
  it(
    `agrees with brute force on ${onlySeed === null ? runs : 1} random small histories`,
    () => {
      const seeds = onlySeed === null ? Array.from({ length: runs }, (_, i) => firstSeed + i) : [onlySeed];
      const tally = { linearizable: 0, violation: 0 };
      for (const seed of seeds) {
        const { history, linearizableByConstruction } = randomHistory(seed, small);
        for (const initial of modes) {
          const expected = bruteForceLinearizable(history, initial);
          const result = checkLinearizability(history, { initialValue: initial });
          const mode = initial === null ? 'keys start empty' : 'initial values unknown';
          const context = `seed ${seed} (${mode}): brute force says ${expected ? 'linearizable' : 'not linearizable'}, checker says ${result.verdict}\n${JSON.stringify(history)}\nreproduce: ${reproduce(seed)}`;
          expect(result.verdict, context).toBe(expected ? 'linearizable' : 'violation');
          if (linearizableByConstruction) expect(expected, context).toBe(true);
          if (initial === null) tally[result.verdict === 'linearizable' ? 'linearizable' : 'violation']++;

          if (result.violation) {
            // The minimal set is itself a violation (with the initial values the whole history allows).
            const minimal = history.filter((op) => result.violation!.operationIds.includes(op.id));
            expect(bruteForceLinearizable(minimal, initial, history), context).toBe(false);
          }
          const anomalies = anomaliesIn(history, initial);
          if (anomalies.length > 0)
            expect(expected, `${context}\nanomaly: ${anomalies[0]!.explanation}`).toBe(false);
        }
      }
      if (onlySeed === null) {
        // The generator must exercise both outcomes, or the agreement means little.
        expect(tally.linearizable).toBeGreaterThan(runs / 5);
        expect(tally.violation).toBeGreaterThan(runs / 5);
      }
    },
    30_000 + runs * 10,
  );

  it(
    `judges ${onlySeed === null ? mediumRuns : 1} longer histories from real executions linearizable, and finds every injected anomaly`,
    () => {
      const seeds =
        onlySeed === null ? Array.from({ length: mediumRuns }, (_, i) => firstSeed + i) : [onlySeed];
      let injected = 0;
      for (const seed of seeds) {
        const { history, linearizableByConstruction } = randomHistory(seed, medium);
        const result = checkLinearizability(history);
        const context = `seed ${seed} (longer history): checker says ${result.verdict}\nreproduce: ${reproduce(seed)}`;
        if (linearizableByConstruction) expect(result.verdict, context).toBe('linearizable');
        // A stale read, or a read older than the client's own write or earlier read, is never linearizable.
        if (anomaliesIn(history).length > 0) {
          injected++;
          expect(result.verdict, context).toBe('violation');
        }
        if (result.violation && result.violation.operationIds.length <= 8) {
          const minimal = history.filter((op) => result.violation!.operationIds.includes(op.id));
          expect(bruteForceLinearizable(minimal), context).toBe(false);
        }
      }
      if (onlySeed === null) expect(injected).toBeGreaterThan(mediumRuns / 10);
    },
    30_000 + mediumRuns * 50,
  );
});
