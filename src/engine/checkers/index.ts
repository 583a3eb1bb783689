/**
 * Named checkers that scenarios list in `checks` and that the CLI, the tests and the history view run
 * over a finished (or paused) run. Each returns one CheckResult. The protocol's own invariants, checked
 * after every event, arrive separately through `sim.world.violations`.
 */
import type { Simulation } from '../core/simulation';
import type { CheckResult } from '../core/types';

export type Checker = (sim: Simulation) => CheckResult;

export const checkers: ReadonlyMap<string, Checker> = new Map<string, Checker>([]);

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
    results.push(violation ?? { name, ok: true, detail: sim.options.checkInvariants ? 'held after every event' : 'not checked in this run', at: null });
  }
  return results;
}
