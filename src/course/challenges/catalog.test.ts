/**
 * Every challenge in the course is what it says: a solvable one has a reference solution within its budget
 * that the checker accepts (and the shrinker's result is no longer), nothing breaks without faults, and
 * an impossible one holds across random schedules within its budget.
 */
import { describe, expect, it } from 'vitest';
import type { Action } from '../../engine/core/schema';
import { nodeIdsOf } from '../../engine/core/world';
import { resolveScenario } from '../../engine/catalog/resolve';
import {
  budgetProblems,
  challengeProblems,
  judgeChallenge,
  shrinkSchedule,
} from '../../engine/analysis/challenges';
import { budgetScheduleArbitrary } from '../../engine/testing/arbitraries';
import { assertProperty, randomizedTestTimeoutMs } from '../../engine/testing/properties';
import { challengeById, challenges } from './catalog';

/** The reference solutions; the closing note of issue #14 lists their lengths and the shrunk lengths. */
const referenceSolutions: Record<string, Action[]> = {
  'lose-an-acknowledged-write': [
    { at: 2000, isolate: 'n1' },
    { at: 3500, heal: true },
  ],
  'stale-read-one-way': [{ at: 1000, cut: { from: 'n2', to: 'n1' } }],
};

describe('the course’s challenges', () => {
  it('are all playable, with unique ids', () => {
    for (const challenge of challenges) expect(challengeProblems(challenge), challenge.id).toEqual([]);
    expect(new Set(challenges.map((challenge) => challenge.id)).size).toBe(challenges.length);
    expect(challenges.filter((challenge) => challenge.impossible).length).toBeGreaterThanOrEqual(1);
  });

  it('none breaks without a fault', () => {
    for (const challenge of challenges)
      expect(judgeChallenge(challenge, []), challenge.id).toMatchObject({ judged: true, solved: false });
  });

  for (const challenge of challenges.filter((candidate) => !candidate.impossible)) {
    it(`${challenge.id}: the reference solution fits the budget and breaks the goal; the shrunk one is no longer`, () => {
      const solution = referenceSolutions[challenge.id];
      expect(solution, `write a reference solution for ${challenge.id}`).toBeDefined();
      expect(budgetProblems(challenge, solution!)).toEqual([]);
      expect(judgeChallenge(challenge, solution!)).toMatchObject({ judged: true, solved: true });
      const shrunk = shrinkSchedule(challenge, solution!);
      expect(shrunk!.schedule.length).toBeLessThanOrEqual(solution!.length);
      expect(budgetProblems(challenge, shrunk!.schedule)).toEqual([]);
    });
  }

  it('lose-an-acknowledged-write: the lost writes are ones n1 confirmed after it was cut off', () => {
    const verdict = judgeChallenge(challengeById('lose-an-acknowledged-write')!, [
      { at: 2000, isolate: 'n1' },
    ]);
    expect(verdict.judged && verdict.firstViolationAt).toBeGreaterThanOrEqual(2000);
    expect(verdict.judged && verdict.broken[0]!.detail).toMatch(/missing from n2, the leader at the end/);
  });

  it('stale-read-one-way: the same cut in the other direction breaks nothing', () => {
    const challenge = challengeById('stale-read-one-way')!;
    expect(judgeChallenge(challenge, [{ at: 1000, cut: { from: 'n1', to: 'n2' } }])).toMatchObject({
      solved: false,
    });
  });

  for (const challenge of challenges.filter((candidate) => candidate.impossible)) {
    const testName = `${challenge.id} (impossible): holds across random schedules within its budget`;
    it(
      testName,
      () => {
        const resolved = resolveScenario(challenge.scenario, challenge.overrides);
        if (!resolved.ok) throw new Error(resolved.problems.join('; '));
        assertProperty({
          testName,
          file: 'src/course/challenges/catalog.test.ts',
          arbitrary: budgetScheduleArbitrary(nodeIdsOf(resolved.scenario), challenge.budget),
          defaultRuns: 300,
          check: (schedule) => {
            expect(budgetProblems(challenge, schedule)).toEqual([]);
            expect(judgeChallenge(challenge, schedule)).toMatchObject({ judged: true, solved: false });
          },
        });
      },
      randomizedTestTimeoutMs,
    );
  }
});
