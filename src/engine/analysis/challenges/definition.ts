/**
 * A challenge as data: a scenario (with a lesson's overrides) the student must break with a fault schedule
 * of their own, the named checks that count as broken, a budget (which fault kinds, how many actions, by
 * what time) and up to three hints. An impossible challenge says why its property holds and where the
 * lesson argues it. Lessons place one with <Challenge id="…">; the lesson checker and the page validate the
 * definitions with `challengeProblems`, so build time and run time agree.
 */
import { z } from 'zod';
import { resolveScenario } from '../../catalog/resolve';
import { actionKinds, type Action, type ScenarioOverrides } from '../../core/schema';
import { goalCheckNames } from './goalChecks';

/** Kinds the budget never counts: "Keep running" only lets a late request finish. */
export const uncountedKinds = ['keepRunning'] as const;

export const challengeSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'a challenge id is lowercase words joined by "-"'),
    title: z.string().min(1),
    /** The lesson id it belongs to (frontmatter `id`), for the Challenges page. */
    lesson: z.string().min(1),
    difficulty: z.enum(['easy', 'medium', 'hard']),
    /** What to do, in one or two sentences. */
    task: z.string().min(1),
    scenario: z.string().min(1),
    /**
     * Checked by resolveScenario (see challengeProblems), not parsed here: parsing would fill in the
     * schema's defaults and wipe the scenario's own script and seed.
     */
    overrides: z
      .custom<ScenarioOverrides>((value) => typeof value === 'object' && value !== null)
      .default({}),
    goal: z
      .object({
        /** Break any one of these named checks (checkers, the protocol's invariants, or a challenge check). */
        checks: z.array(z.string().min(1)).min(1),
        /** The property in plain words, as the student reads it. */
        property: z.string().min(1),
      })
      .strict(),
    budget: z
      .object({
        faultKinds: z.array(z.enum(actionKinds)).min(1),
        maxActions: z.number().int().min(1).max(20),
        /** Every action must happen at or before this simulated time. */
        deadlineMs: z.number().int().min(1),
      })
      .strict(),
    hints: z.array(z.string().min(1)).max(3).default([]),
    /** For a challenge that cannot be solved: the argument, and the lesson section that makes it. */
    impossible: z
      .object({ why: z.string().min(1), section: z.string().min(1), sectionTitle: z.string().min(1) })
      .strict()
      .optional(),
    /** For a solvable one: why the few actions of a minimal solution are enough. */
    whyItBreaks: z.string().min(1).optional(),
  })
  .strict();

export type ChallengeInput = z.input<typeof challengeSchema>;
export type Challenge = z.output<typeof challengeSchema>;

/** Everything wrong with a definition, one readable line each; empty when it can be played. */
export function challengeProblems(input: unknown): string[] {
  const parsed = challengeSchema.safeParse(input);
  if (!parsed.success)
    return parsed.error.issues.map((issue) => `${issue.path.join('.') || 'challenge'}: ${issue.message}`);
  const challenge = parsed.data;
  const resolved = resolveScenario(challenge.scenario, challenge.overrides);
  if (!resolved.ok) return resolved.problems.map((problem) => `scenario: ${problem}`);
  const known = goalCheckNames(resolved.protocol);
  const problems = challenge.goal.checks
    .filter((name) => !known.includes(name))
    .map(
      (name) =>
        `goal.checks: "${name}" is not a check of the ${resolved.scenario.protocol} protocol (known: ${known.join(', ')})`,
    );
  if (challenge.budget.deadlineMs >= resolved.scenario.durationMs)
    problems.push(
      `budget.deadlineMs: ${challenge.budget.deadlineMs} ms leaves no time to see the effect; the run ends at ${resolved.scenario.durationMs} ms`,
    );
  if (challenge.budget.faultKinds.some((kind) => (uncountedKinds as readonly string[]).includes(kind)))
    problems.push('budget.faultKinds: "keepRunning" is always allowed and never counted; leave it out');
  if (challenge.impossible && challenge.whyItBreaks)
    problems.push('an impossible challenge has no "whyItBreaks"');
  if (!challenge.impossible && !challenge.whyItBreaks)
    problems.push('whyItBreaks: say why a minimal solution is enough (or mark the challenge impossible)');
  return problems;
}

/** The actions the budget counts. */
export function countedActions(schedule: readonly Action[]): Action[] {
  return schedule.filter((action) => !('keepRunning' in action));
}

/** Why a schedule is outside the budget, one line each with what to do; empty when it fits. */
export function budgetProblems(challenge: Challenge, schedule: readonly Action[]): string[] {
  const { faultKinds, maxActions, deadlineMs } = challenge.budget;
  const counted = countedActions(schedule);
  const problems: string[] = [];
  if (counted.length > maxActions)
    problems.push(
      `Your schedule has ${counted.length} actions and this challenge allows ${maxActions}. Delete ${counted.length - maxActions} from the list (or press Reset and start again).`,
    );
  const kinds = new Set<string>(faultKinds);
  const refused = [...new Set(counted.map(kindOf).filter((kind) => !kinds.has(kind)))];
  if (refused.length > 0)
    problems.push(
      `${refused.map((kind) => `"${kind}"`).join(', ')} ${refused.length === 1 ? 'is' : 'are'} not allowed here; this challenge allows only ${faultKinds.join(', ')}. Delete ${refused.length === 1 ? 'that action' : 'those actions'} from the list.`,
    );
  const late = counted.filter((action) => action.at > deadlineMs);
  if (late.length > 0)
    problems.push(
      `${late.length === 1 ? 'One action happens' : `${late.length} actions happen`} after ${formatSeconds(deadlineMs)}, the deadline. Move ${late.length === 1 ? 'it' : 'them'} earlier.`,
    );
  return problems;
}

export function kindOf(action: Action): string {
  return Object.keys(action).find((key) => key !== 'at' && (actionKinds as string[]).includes(key)) ?? '?';
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : ms % 100 === 0 ? 1 : 3)} s`;
}
