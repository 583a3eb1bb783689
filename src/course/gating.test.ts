import { describe, expect, it } from 'vitest';
import {
  certificateStatus,
  continueLesson,
  courseProgress,
  lessonAccess,
  type GatedLesson,
} from './gating.ts';
import type { QuizAttempt } from './scores.ts';

const intro: GatedLesson = { id: 'intro', title: 'Intro', hasQuiz: true };
const reading: GatedLesson = { id: 'reading', title: 'Reading', hasQuiz: false };
const replication: GatedLesson = { id: 'replication', title: 'Replication', hasQuiz: true };
const sharding: GatedLesson = { id: 'sharding', title: 'Sharding', hasQuiz: true };
const course = [intro, reading, replication, sharding];

const passed = (at = '2025-01-01T10:00:00.000Z', correct = 3): QuizAttempt => ({
  at,
  correct,
  total: 3,
  passed: true,
});
const failed = (at = '2025-01-01T09:00:00.000Z'): QuizAttempt => ({
  at,
  correct: 1,
  total: 3,
  passed: false,
});

const states = (access: ReturnType<typeof lessonAccess>) => [...access.values()].map((entry) => entry.state);

describe('lessonAccess', () => {
  it('opens only the first lesson, and lessons up to the first unpassed quiz', () => {
    expect(states(lessonAccess(course, {}, { preview: false }))).toEqual([
      'available',
      'locked',
      'locked',
      'locked',
    ]);
  });

  it('keeps the next lesson locked after a failed attempt', () => {
    const access = lessonAccess(course, { intro: { attempts: [failed()] } }, { preview: false });
    expect(access.get('intro')).toEqual({ state: 'available', best: failed() });
    expect(access.get('reading')).toEqual({ state: 'locked', blockedBy: intro });
  });

  it('opens the next lesson once the quiz is passed, and a lesson without a quiz does not gate', () => {
    const access = lessonAccess(course, { intro: { attempts: [failed(), passed()] } }, { preview: false });
    expect(states(access)).toEqual(['passed', 'available', 'available', 'locked']);
    expect(access.get('sharding')).toEqual({ state: 'locked', blockedBy: replication });
  });

  it('names the earliest quiz still to pass, even if later ones were passed', () => {
    const access = lessonAccess(course, { replication: { attempts: [passed()] } }, { preview: false });
    expect(access.get('sharding')).toEqual({ state: 'locked', blockedBy: intro });
  });

  it('unlocks everything in instructor preview, still showing what was passed', () => {
    const access = lessonAccess(course, { replication: { attempts: [passed()] } }, { preview: true });
    expect(states(access)).toEqual(['available', 'available', 'passed', 'available']);
  });

  it('reports the best attempt of a passed lesson', () => {
    const best = passed('2025-01-02T00:00:00.000Z', 3);
    const access = lessonAccess(
      course,
      { intro: { attempts: [passed(undefined, 2), best] } },
      { preview: false },
    );
    expect(access.get('intro')).toEqual({ state: 'passed', best });
  });
});

describe('certificateStatus', () => {
  it('lists every quiz still to pass, in course order', () => {
    const status = certificateStatus(course, { replication: { attempts: [passed()] } });
    expect(status.eligible).toBe(false);
    expect(status.remaining).toEqual([intro, sharding]);
    expect(status.completedAt).toBeUndefined();
  });

  it('is earned once every quiz is passed, dated by the last quiz passed', () => {
    const status = certificateStatus(course, {
      intro: { attempts: [passed('2025-01-01T10:00:00.000Z')] },
      replication: { attempts: [failed('2025-01-02T09:00:00.000Z'), passed('2025-01-03T10:00:00.000Z')] },
      sharding: { attempts: [passed('2025-01-02T10:00:00.000Z'), passed('2025-01-04T10:00:00.000Z')] },
    });
    expect(status.eligible).toBe(true);
    expect(status.remaining).toEqual([]);
    expect(status.completedAt).toBe('2025-01-03T10:00:00.000Z');
    expect(status.scores.map(({ lesson }) => lesson.id)).toEqual(['intro', 'replication', 'sharding']);
  });
});

describe('courseProgress', () => {
  it('counts passed quizzes out of all quizzes', () => {
    expect(courseProgress(course, { intro: { attempts: [passed()] }, reading: { attempts: [] } })).toEqual({
      passed: 1,
      total: 3,
    });
  });
});

describe('continueLesson', () => {
  it('returns the last lesson visited while it is open and not passed, else the next lesson not yet passed', () => {
    const access = lessonAccess(course, { intro: { attempts: [passed()] } }, { preview: false });
    expect(continueLesson(course, access, 'replication')).toBe(replication);
    // Lesson 1 was passed: Continue moves on to the first open lesson not yet passed.
    expect(continueLesson(course, access, 'intro')).toBe(reading);
    expect(continueLesson(course, access, 'sharding')).toBe(reading);
    expect(continueLesson(course, access, 'no-such-lesson')).toBe(reading);
    expect(continueLesson(course, access, null)).toBe(reading);
    const fresh = lessonAccess(course, {}, { preview: false });
    expect(continueLesson(course, fresh, null)).toBe(intro);
  });

  it('with every quiz passed, returns the last lesson visited (or the first)', () => {
    const all = {
      intro: { attempts: [passed()] },
      replication: { attempts: [passed()] },
      sharding: { attempts: [passed()] },
    };
    const access = lessonAccess([intro, replication, sharding], all, { preview: false });
    expect(continueLesson([intro, replication, sharding], access, 'replication')).toBe(replication);
    expect(continueLesson([intro, replication, sharding], access, null)).toBe(intro);
  });
});
