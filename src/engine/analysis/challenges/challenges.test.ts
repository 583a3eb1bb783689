import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Action } from '../../core/schema';
import { budgetScheduleArbitrary } from '../../testing/arbitraries';
import { assertProperty, randomizedTestTimeoutMs } from '../../testing/properties';
import {
  budgetProblems,
  challengeProblems,
  challengeSchema,
  judgeChallenge,
  shrinkSchedule,
  simplerForms,
  type ChallengeInput,
} from '.';

/** bob writes x through n2 and alice reads it through n1 (consistency ONE): one cut n2 → n1 makes her reads stale. */
const staleRead: ChallengeInput = {
  id: 'test-stale-read',
  title: 'Stale read',
  lesson: 'consistency-and-cap',
  difficulty: 'medium',
  task: 'Make a read through n1 stale.',
  scenario: 'quorum/partition-one',
  overrides: { faults: [], durationMs: 4500 },
  goal: { checks: ['no-stale-reads'], property: 'No read is stale.' },
  budget: { faultKinds: ['cut', 'heal', 'crash', 'restart', 'pause'], maxActions: 6, deadlineMs: 3000 },
  whyItBreaks: 'n1 never hears of the new writes.',
};
const challenge = challengeSchema.parse(staleRead);
const cutIntoN1: Action = { at: 1000, cut: { from: 'n2', to: 'n1' } };

describe('challenge definitions', () => {
  it('accepts a playable definition and names each problem of a broken one', () => {
    expect(challengeProblems(staleRead)).toEqual([]);
    expect(
      challengeProblems({
        ...staleRead,
        goal: { checks: ['Election safety'], property: 'p' },
        budget: { ...staleRead.budget, deadlineMs: 9000 },
      }),
    ).toEqual([
      expect.stringMatching(
        /^goal\.checks: "Election safety" is not a check of the quorum protocol \(known: .*linearizable/,
      ),
      'budget.deadlineMs: 9000 ms leaves no time to see the effect; the run ends at 4500 ms',
    ]);
    expect(challengeProblems({ ...staleRead, scenario: 'quorum/nope' })[0]).toMatch(
      /^scenario: Unknown scenario/,
    );
    expect(challengeProblems({ ...staleRead, hints: ['a', 'b', 'c', 'd'] })[0]).toMatch(/^hints: /);
  });

  it('keeps the scenario’s own script and seed under its overrides', () => {
    expect(challenge.overrides).toEqual({ faults: [], durationMs: 4500 });
  });
});

describe('budget', () => {
  it('says what is over budget and what to do about it', () => {
    const tight = challengeSchema.parse({
      ...staleRead,
      budget: { faultKinds: ['cut'], maxActions: 1, deadlineMs: 2000 },
    });
    expect(budgetProblems(tight, [cutIntoN1])).toEqual([]);
    expect(
      budgetProblems(tight, [cutIntoN1, { at: 2500, crash: 'n3' }, { at: 100, keepRunning: 500 }]),
    ).toEqual([
      'Your schedule has 2 actions and this challenge allows 1. Delete 1 from the list (or press Reset and start again).',
      '"crash" is not allowed here; this challenge allows only cut. Delete that action from the list.',
      'One action happens after 2 s, the deadline. Move it earlier.',
    ]);
  });

  it('does not judge a schedule outside the budget or naming a node that does not exist', () => {
    expect(judgeChallenge(challenge, [{ at: 10, isolate: 'n1' }])).toEqual({
      judged: false,
      problems: [
        '"isolate" is not allowed here; this challenge allows only cut, heal, crash, restart, pause. Delete that action from the list.',
      ],
    });
    const verdict = judgeChallenge(challenge, [{ at: 10, crash: 'n9' }]);
    expect(verdict.judged).toBe(false);
    expect(verdict.judged || verdict.problems[0]).toMatch(/there is no node "n9"/);
  });
});

describe('judgeChallenge', () => {
  it('holds with no faults and breaks, at the first stale read, with a cut into the reader', () => {
    const quiet = judgeChallenge(challenge, []);
    expect(quiet).toMatchObject({ judged: true, solved: false, broken: [], firstViolationAt: null });
    const broken = judgeChallenge(challenge, [cutIntoN1]);
    expect(broken).toMatchObject({ judged: true, solved: true, firstViolationAt: 1102 });
    expect(broken.judged && broken.broken[0]!.detail).toMatch(/stale reads; the first: read of x by alice/);
  });

  it('replays exactly: the same schedule and seed give the same verdict, another seed may differ', () => {
    expect(judgeChallenge(challenge, [cutIntoN1], 5)).toEqual(judgeChallenge(challenge, [cutIntoN1], 5));
    expect(judgeChallenge(challenge, [cutIntoN1], 5)).toMatchObject({ seed: 5 });
  });

  it('a cut the other way (out of the reader) breaks nothing', () => {
    expect(judgeChallenge(challenge, [{ at: 1000, cut: { from: 'n1', to: 'n2' } }])).toMatchObject({
      solved: false,
    });
  });
});

describe('shrinkSchedule', () => {
  it('removes the actions that do not matter and moves the one that does to a round time', () => {
    const padded: Action[] = [
      { at: 400, crash: 'n3' },
      { at: 1234, cut: { from: 'n2', to: 'n1' } },
      { at: 1500, restart: 'n3' },
      { at: 2200, pause: 'n3', durationMs: 300 },
    ];
    const shrunk = shrinkSchedule(challenge, padded);
    expect(shrunk?.schedule).toEqual([{ at: 1000, cut: { from: 'n2', to: 'n1' } }]);
    expect(shrunk?.verdict.solved).toBe(true);
    expect(shrinkSchedule(challenge, padded)).toEqual(shrunk);
  });

  it('returns null for a schedule that does not break the goal', () => {
    expect(shrinkSchedule(challenge, [{ at: 100, crash: 'n3' }])).toBeNull();
  });

  it('offers rounder, earlier times and shorter durations, never the action itself', () => {
    expect(simplerForms({ at: 1234, pause: 'n1', durationMs: 800 })).toEqual([
      { at: 1000, pause: 'n1', durationMs: 800 },
      { at: 1200, pause: 'n1', durationMs: 800 },
      { at: 1234, pause: 'n1', durationMs: 100 },
      { at: 1234, pause: 'n1', durationMs: 200 },
      { at: 1234, pause: 'n1', durationMs: 400 },
    ]);
    expect(simplerForms({ at: 0, heal: true })).toEqual([]);
  });

  it(
    'property: a shrunk schedule still breaks the goal and is never longer than the one given',
    () => {
      const nodes = ['n1', 'n2', 'n3'];
      const arbitrary = budgetScheduleArbitrary(nodes, { ...challenge.budget, maxActions: 4 }).map(
        (noise): Action[] => [...noise, cutIntoN1],
      );
      assertProperty({
        testName: 'property: a shrunk schedule still breaks the goal and is never longer than the one given',
        file: 'src/engine/analysis/challenges/challenges.test.ts',
        arbitrary,
        defaultRuns: 8,
        check: (schedule) => {
          const original = judgeChallenge(challenge, schedule);
          fc.pre(original.judged && original.solved);
          const shrunk = shrinkSchedule(challenge, schedule, undefined, 25);
          expect(shrunk).not.toBeNull();
          expect(shrunk!.schedule.length).toBeLessThanOrEqual(schedule.length);
          expect(judgeChallenge(challenge, shrunk!.schedule)).toMatchObject({ judged: true, solved: true });
        },
      });
    },
    randomizedTestTimeoutMs,
  );
});
