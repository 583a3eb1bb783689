/**
 * Shrinking a schedule that breaks a challenge's goal to a small one that still breaks it: delta debugging
 * over the actions (Zeller and Hildebrandt's ddmin, removing ever smaller chunks), then each remaining
 * action moved to a rounder, earlier time and its duration narrowed, each change kept only if the goal
 * still breaks. Deterministic: the same schedule and seed always shrink to the same result.
 */
import type { Action } from '../../core/schema';
import type { Challenge } from './definition';
import { judgeChallenge, type ChallengeVerdict } from './judge';

export type SolvedVerdict = Extract<ChallengeVerdict, { judged: true }>;

export interface ShrinkResult {
  schedule: Action[];
  verdict: SolvedVerdict;
  /** How many runs the shrinker judged. */
  runs: number;
}

/** Judging a run costs milliseconds to a second; this many keep a shrink within a few seconds in the worker. */
export const defaultMaxRuns = 60;

/** Null when `schedule` does not break the goal (or cannot be judged): there is nothing to shrink. */
export function shrinkSchedule(
  challenge: Challenge,
  schedule: readonly Action[],
  seed?: number,
  maxRuns = defaultMaxRuns,
): ShrinkResult | null {
  let runs = 0;
  const breaks = (candidate: readonly Action[]): SolvedVerdict | null => {
    runs += 1;
    const verdict = judgeChallenge(challenge, candidate, seed);
    return verdict.judged && verdict.solved ? verdict : null;
  };
  const original = breaks(schedule);
  if (!original) return null;
  let best = { schedule: sortedByTime(schedule), verdict: original };
  const tryCandidate = (candidate: Action[]): boolean => {
    if (runs >= maxRuns) return false;
    const verdict = breaks(candidate);
    if (verdict) best = { schedule: candidate, verdict };
    return verdict !== null;
  };

  if (best.schedule.length > 0) tryCandidate([]);
  let chunks = 2;
  while (best.schedule.length >= 2 && runs < maxRuns) {
    const current = best.schedule;
    const size = Math.ceil(current.length / chunks);
    let removed = false;
    for (let start = 0; start < current.length && !removed; start += size) {
      removed = tryCandidate([...current.slice(0, start), ...current.slice(start + size)]);
    }
    if (removed) chunks = Math.max(chunks - 1, 2);
    else if (chunks >= current.length) break;
    else chunks = Math.min(chunks * 2, current.length);
  }
  if (best.schedule.length === 1 && runs < maxRuns) tryCandidate([]);

  for (let index = 0; index < best.schedule.length; index++) {
    for (const simpler of simplerForms(best.schedule[index]!)) {
      const candidate = sortedByTime(best.schedule.map((action, i) => (i === index ? simpler : action)));
      if (tryCandidate(candidate)) break;
    }
  }
  return { ...best, runs };
}

function sortedByTime(schedule: readonly Action[]): Action[] {
  return schedule
    .map((action, index) => ({ action, index }))
    .sort((a, b) => a.action.at - b.action.at || a.index - b.index)
    .map(({ action }) => action);
}

/**
 * Simpler versions of one action, the simplest first: at a rounder, earlier time (whole seconds, half
 * seconds, tenths), and a pause or slowdown lasting half as long, a quarter, an eighth.
 */
export function simplerForms(action: Action): Action[] {
  const forms: Action[] = [];
  const times = [1000, 500, 100].map((step) => Math.floor(action.at / step) * step);
  for (const at of [...new Set(times)]) if (at !== action.at) forms.push({ ...action, at });
  if ('durationMs' in action && action.durationMs !== undefined) {
    for (const divisor of [8, 4, 2]) {
      const durationMs = Math.max(1, Math.round(action.durationMs / divisor));
      if (durationMs !== action.durationMs) forms.push({ ...action, durationMs } as Action);
    }
  }
  return forms;
}
