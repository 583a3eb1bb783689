/**
 * Judging a student's fault schedule: replay the challenge's scenario with the schedule as the command log,
 * run the goal's checks, and say which broke and when. Pure and deterministic (seed + schedule decide the
 * run), so it runs in the worker, in Node tests and in the shrinker alike.
 */
import { resolveScenario, validateAction } from '../../catalog/resolve';
import { runEndMs, type Action } from '../../core/schema';
import { Simulation } from '../../core/simulation';
import type { CheckResult } from '../../core/types';
import { budgetProblems, type Challenge } from './definition';
import { runGoalChecks } from './goalChecks';

export type ChallengeVerdict =
  | {
      judged: true;
      /** At least one goal check broke. */
      solved: boolean;
      /** Every goal check's result. */
      results: CheckResult[];
      /** The goal checks that broke, the earliest violation first. */
      broken: CheckResult[];
      /** When the first goal check broke, in simulated ms. */
      firstViolationAt: number | null;
      seed: number;
    }
  | { judged: false; problems: string[] };

/**
 * A check counts as broken when it failed at a moment of the run. A check that could not decide (a
 * linearizability search out of steps, a history it cannot read) fails without a moment and does not count.
 */
function isBroken(result: CheckResult): boolean {
  return !result.ok && result.at !== null;
}

/** Runs `schedule` against the challenge; a schedule outside the budget or naming unknown nodes is not judged. */
export function judgeChallenge(
  challenge: Challenge,
  schedule: readonly Action[],
  seed?: number,
): ChallengeVerdict {
  const overBudget = budgetProblems(challenge, schedule);
  if (overBudget.length > 0) return { judged: false, problems: overBudget };
  const overrides = seed === undefined ? challenge.overrides : { ...challenge.overrides, seed };
  const resolved = resolveScenario(challenge.scenario, overrides);
  if (!resolved.ok) return { judged: false, problems: resolved.problems };
  const sim = new Simulation(resolved.scenario, resolved.protocol, resolved.params, {
    checkInvariants: true,
  });
  const commands: Action[] = [];
  for (const [index, input] of schedule.entries()) {
    const checked = validateAction(input, sim.nodeIds, `action ${index + 1}`);
    if (!checked.ok) return { judged: false, problems: checked.problems };
    commands.push(checked.action);
  }
  commands
    .map((action, index) => ({ action, index }))
    .sort((a, b) => a.action.at - b.action.at || a.index - b.index)
    .forEach(({ action }, index) => sim.enqueueCommand(action, index));
  sim.runUntil(runEndMs(resolved.scenario.durationMs, commands));
  const results = runGoalChecks(sim, challenge.goal.checks);
  const broken = results.filter(isBroken).sort((a, b) => a.at! - b.at!);
  return {
    judged: true,
    solved: broken.length > 0,
    results,
    broken,
    firstViolationAt: broken[0]?.at ?? null,
    seed: resolved.scenario.seed,
  };
}
