/**
 * Named checkers that scenarios list in `checks` and that the CLI, the tests and the history view run
 * over a finished (or paused) run. Each returns one CheckResult. The protocol's own invariants, checked
 * after every event, arrive separately through `sim.world.violations`.
 *
 * The pure functions over plain histories (for the history view and tests) are exported too.
 */
import type { Simulation } from '../core/simulation';
import type { CheckResult, HistoryOperation } from '../core/types';
import { isKvOperation, unknownInitialValue } from './history';
import { checkConvergence, describeDifference, type ConvergenceResult } from './convergence';
import {
  checkLinearizability,
  type LinearizabilityOptions,
  type LinearizabilityResult,
} from './linearizability';
import { checkTransactions, isolationLevels, type TransactionalCheckResult } from './transactional';
import {
  committedTransactions,
  describeViolation,
  externalConsistencyViolations,
} from './externalConsistency';
import { describeLostUpdate, findLostUpdates } from './lostUpdates';
import {
  findMonotonicReadViolations,
  findReadYourWritesViolations,
  findStaleReads,
  type ReadAnomaly,
} from './readAnomalies';

export {
  checkLinearizability,
  operationsToPlace,
  type KeyLinearizability,
  type LinearizabilityOptions,
  type LinearizabilityResult,
  type LinearizabilityVerdict,
  type LinearizabilityViolation,
} from './linearizability';
export {
  findMonotonicReadViolations,
  findReadYourWritesViolations,
  findStaleReads,
  type ReadAnomaly,
  type ReadAnomalyOptions,
} from './readAnomalies';
export {
  checkConvergence,
  compareReplicas,
  describeDifference,
  type ConvergenceResult,
  type KeyDifference,
} from './convergence';
export { describeOperation, unknownInitialValue, type InitialValues } from './history';
export {
  committedTransactions,
  describeViolation,
  externalConsistencyViolations,
  type OrderingViolation,
} from './externalConsistency';
export { describeLostUpdate, findLostUpdates, type LostUpdate } from './lostUpdates';

export type Checker = (sim: Simulation) => CheckResult;

export function linearizabilityCheckResult(
  result: LinearizabilityResult,
  name = 'linearizable',
): CheckResult {
  const keys = Object.entries(result.perKey);
  if (result.violation) {
    const { explanation, operationIds, at } = result.violation;
    return {
      name,
      ok: false,
      detail: `${explanation} (operations ${operationIds.map((id) => `#${id}`).join(', ')} cannot be put in any order)`,
      at,
    };
  }
  if (result.verdict === 'unknown') {
    const undecided = keys.filter(([, key]) => key.verdict === 'unknown').map(([key]) => key);
    return {
      name,
      ok: false,
      detail: `undecided: the search ran out of steps on ${undecided.join(', ')}; no violation on the other keys`,
      at: null,
    };
  }
  const checked = keys.reduce((sum, [, key]) => sum + key.checked, 0);
  const ignored = keys.reduce((sum, [, key]) => sum + key.ignored, 0);
  if (checked === 0)
    return { name, ok: true, detail: 'no acknowledged reads, writes or compare-and-sets to check', at: null };
  return {
    name,
    ok: true,
    detail: `all ${checked} operations on ${keys.length} ${keys.length === 1 ? 'key' : 'keys'} fit one order that respects real time${ignored > 0 ? ` (${ignored} failed or unobservable operations ignored)` : ''}`,
    at: null,
  };
}

/** `what` names one anomaly and many, e.g. ['stale read', 'stale reads']. */
export function readAnomalyCheckResult(
  name: string,
  anomalies: readonly ReadAnomaly[],
  what: readonly [string, string],
): CheckResult {
  const first = anomalies[0];
  if (!first) return { name, ok: true, detail: `no ${what[1]}`, at: null };
  const count = anomalies.length === 1 ? `1 ${what[0]}` : `${anomalies.length} ${what[1]}`;
  return { name, ok: false, detail: `${count}; the first: ${first.explanation}`, at: first.at };
}

export function convergenceCheckResult(
  result: ConvergenceResult,
  now: number,
  name = 'convergence',
): CheckResult {
  const inFlight =
    result.messagesInFlight > 0 ? ` (${result.messagesInFlight} messages still in flight)` : '';
  if (result.nodes.length === 0)
    return { name, ok: true, detail: 'no node is up, so there is nothing to compare', at: null };
  if (result.converged)
    return { name, ok: true, detail: `${result.nodes.join(', ')} hold the same data${inFlight}`, at: null };
  const shown = result.differences.slice(0, 3).map(describeDifference).join('; ');
  const more = result.differences.length > 3 ? `; and ${result.differences.length - 3} more keys` : '';
  return {
    name,
    ok: false,
    detail: `replicas differ on ${result.differences.length} ${result.differences.length === 1 ? 'key' : 'keys'}: ${shown}${more}${inFlight}`,
    at: now,
  };
}

/**
 * A run's checks are not told what each key held before any write (most protocols start empty, some
 * preload rows), so they take it to be whatever a key is first seen to hold, if no operation wrote that.
 */
const options: LinearizabilityOptions = { initialValue: unknownInitialValue };

/** The checks that flag single reads, with how their results name one and several. */
const readChecks = {
  'read-your-writes': {
    finder: findReadYourWritesViolations,
    what: ['read older than the reader’s own write', 'reads older than the reader’s own writes'],
  },
  'monotonic-reads': {
    finder: findMonotonicReadViolations,
    what: ['read that went back in time', 'reads that went back in time'],
  },
  'no-stale-reads': { finder: findStaleReads, what: ['stale read', 'stale reads'] },
} as const satisfies Record<
  string,
  {
    finder: (history: readonly HistoryOperation[], options: LinearizabilityOptions) => ReadAnomaly[];
    what: readonly [string, string];
  }
>;

export type ReadCheckName = keyof typeof readChecks;
export const readCheckNames = Object.keys(readChecks) as ReadCheckName[];

/**
 * The reads a read check flags in a history, the same ones its result counts; null when the history
 * also holds operations a key-value check cannot follow (the check then says it cannot check).
 */
export function readAnomaliesOf(
  name: ReadCheckName,
  history: readonly HistoryOperation[],
): ReadAnomaly[] | null {
  if (!history.every(isKvOperation)) return null;
  return readChecks[name].finder(history, options);
}

/**
 * A key-value check over the run's history. Operations other than read, write and cas (a transfer, an
 * increment) change keys in ways a register cannot follow, so with any of them in the history the check
 * refuses rather than blame reads for values those operations wrote.
 */
function keyValueCheck(name: string, check: (history: readonly HistoryOperation[]) => CheckResult): Checker {
  return (sim) => {
    const history = sim.world.history;
    const others = [...new Set(history.filter((op) => !isKvOperation(op)).map((op) => op.type))];
    if (others.length === 0) return check(history);
    return {
      name,
      ok: false,
      detail: `cannot check: the history also has ${others.join(', ')} operations, which change keys in ways a read/write/cas register cannot follow`,
      at: null,
    };
  };
}

/**
 * Whether a transactional history satisfies an isolation level: the first anomaly the level forbids, with
 * its smallest example and the transactions (history operations) to highlight, or what was checked.
 */
export function isolationCheckResult(
  result: TransactionalCheckResult,
  level: (typeof isolationLevels)[number],
  history: readonly HistoryOperation[],
): CheckResult {
  const forbidden: readonly string[] = level.forbids;
  const broken = result.anomalies.find(
    (anomaly) =>
      forbidden.includes(anomaly.type) ||
      anomaly.type === 'garbage-read' ||
      anomaly.type === 'incompatible-order',
  );
  if (!broken) {
    const edges = result.edges.ww + result.edges.wr + result.edges.rw;
    return {
      name: level.id,
      ok: true,
      detail: `${result.transactions} committed transactions, ${edges} dependencies between them: none of the anomalies ${level.name} forbids`,
      at: null,
    };
  }
  const involved = new Set(broken.transactionIds);
  const completions = history.flatMap((op) =>
    involved.has(op.id) && op.complete !== null ? [op.complete] : [],
  );
  return {
    name: level.id,
    ok: false,
    detail: `${broken.name} (${broken.type}): ${broken.explanation}`,
    at: completions.length > 0 ? Math.max(...completions) : null,
    operations: broken.transactionIds,
  };
}

function isolationCheck(level: (typeof isolationLevels)[number]): Checker {
  return (sim) => {
    const collect = sim.protocol.transactionalHistory;
    if (!collect)
      return {
        name: level.id,
        ok: false,
        detail: `cannot check: ${sim.protocol.title} does not record its transactions`,
        at: null,
      };
    const result = checkTransactions(collect(sim.invariantContext()));
    return isolationCheckResult(result, level, sim.world.history);
  };
}

export const checkers: ReadonlyMap<string, Checker> = new Map<string, Checker>([
  [
    'linearizable',
    keyValueCheck('linearizable', (history) =>
      linearizabilityCheckResult(checkLinearizability(history, options)),
    ),
  ],
  ...Object.entries(readChecks).map(
    ([name, { finder, what }]) =>
      [
        name,
        keyValueCheck(name, (history) => readAnomalyCheckResult(name, finder(history, options), what)),
      ] as const,
  ),
  ['convergence', (sim) => convergenceCheckResult(checkConvergence(sim), sim.now)],
  [
    'no-lost-updates',
    (sim) => {
      const lost = findLostUpdates(sim.world.history);
      const increments = sim.world.history.filter((op) => op.type === 'increment' && op.ok === true).length;
      if (lost.length === 0)
        return {
          name: 'no-lost-updates',
          ok: true,
          detail: `no lost update among ${increments} acknowledged increments`,
          at: null,
        };
      const count = lost.length === 1 ? '1 lost update' : `${lost.length} lost updates`;
      return {
        name: 'no-lost-updates',
        ok: false,
        detail: `${count} among ${increments} acknowledged increments; the first: ${describeLostUpdate(lost[0]!)}`,
        at: lost[0]!.kept.complete,
      };
    },
  ],
  [
    'external-consistency',
    (sim) => {
      const violations = externalConsistencyViolations(sim.world.history);
      const committed = committedTransactions(sim.world.history).length;
      if (violations.length === 0)
        return {
          name: 'external-consistency',
          ok: true,
          detail: `the commit timestamps of all ${committed} committed transactions respect real-time order`,
          at: null,
        };
      const count = violations.length === 1 ? '1 pair' : `${violations.length} pairs`;
      return {
        name: 'external-consistency',
        ok: false,
        detail: `${count} of transactions with timestamps against real-time order; the first: ${describeViolation(violations[0]!)}`,
        at: violations[0]!.later.complete,
      };
    },
  ],
  ...isolationLevels.map((level): [string, Checker] => [level.id, isolationCheck(level)]),
]);

/** Runs the named checkers plus a summary of invariant violations. */
export function runChecks(sim: Simulation, names: readonly string[] = sim.scenario.checks): CheckResult[] {
  const results = names.map((name) => {
    const checker = checkers.get(name);
    if (!checker) return { name, ok: false, detail: `unknown checker "${name}"`, at: null };
    return checker(sim);
  });
  const invariantNames = sim.protocol.invariants?.map((invariant) => invariant.name) ?? [];
  for (const name of invariantNames) {
    const violation = sim.world.violations.find((candidate) => candidate.name === name);
    results.push(
      violation ?? {
        name,
        ok: true,
        detail: sim.options.checkInvariants ? 'held after every event' : 'not checked in this run',
        at: null,
      },
    );
  }
  return results;
}
