import { describe, expect, it } from 'vitest';
import { certificateStatus } from '../course/gating.ts';
import { checkedOnLoad, quizQuestionsMax, studentNameMaxLength } from './checkedOnLoad.ts';
import type { ProgressData } from './progressData.ts';

const now = new Date('2025-03-01T12:00:00.000Z');
const lessons = [
  { id: 'introduction', title: 'Introduction', passMark: 0.7, hasQuiz: true },
  { id: 'replication', title: 'Replication', passMark: 1, hasQuiz: true },
];
const at = '2025-02-01T10:00:00.000Z';

function progress(lessonsById: ProgressData['lessons'], studentName = 'Ada'): ProgressData {
  return { lessons: lessonsById, lastVisitedLessonId: null, studentName };
}

describe('progress checked on load', () => {
  it('recomputes passes from the score and the pass mark: 0 of 3 marked passed is a fail', () => {
    const forged = progress({
      introduction: { attempts: [{ at, correct: 0, total: 3, passed: true }] },
      replication: { attempts: [{ at, correct: 3, total: 4, passed: true }] },
    });
    const checked = checkedOnLoad(forged, lessons, now);
    expect(checked.lessons.introduction!.attempts[0]!.passed).toBe(false);
    // Replication's pass mark is 1: 3 of 4 is not enough.
    expect(checked.lessons.replication!.attempts[0]!.passed).toBe(false);
    expect(certificateStatus(lessons, checked.lessons).eligible).toBe(false);
    // An honest failed attempt that meets the pass mark is a pass.
    const honest = progress({ introduction: { attempts: [{ at, correct: 2, total: 3, passed: false }] } });
    expect(checkedOnLoad(honest, lessons, now).lessons.introduction!.attempts[0]!.passed).toBe(true);
  });

  it('drops attempts with no questions, more than any quiz asks, or a future date, and unknown lessons', () => {
    const forged = progress({
      introduction: {
        attempts: [
          { at, correct: 0, total: 0, passed: true },
          { at, correct: 10_000, total: 10_000, passed: true },
          { at: '9999-01-01T00:00:00.000Z', correct: 3, total: 3, passed: true },
          { at: '2025-03-01T18:00:00.000Z', correct: 3, total: 3, passed: true },
        ],
      },
      'no-such-lesson': { attempts: [{ at, correct: 3, total: 3, passed: true }] },
    });
    const checked = checkedOnLoad({ ...forged, lastVisitedLessonId: 'no-such-lesson' }, lessons, now);
    // Only the attempt a few hours ahead (another device's clock) is kept.
    expect(checked.lessons).toEqual({
      introduction: { attempts: [{ at: '2025-03-01T18:00:00.000Z', correct: 3, total: 3, passed: true }] },
    });
    expect(checked.lastVisitedLessonId).toBeNull();
    expect(quizQuestionsMax).toBeLessThan(10_000);
  });

  it('cuts the name to what the name field accepts', () => {
    const checked = checkedOnLoad(progress({}, 'A'.repeat(10_000)), lessons, now);
    expect(checked.studentName).toHaveLength(studentNameMaxLength);
  });

  it('leaves honest progress as it was', () => {
    const honest = progress({ introduction: { attempts: [{ at, correct: 3, total: 3, passed: true }] } });
    expect(checkedOnLoad({ ...honest, lastVisitedLessonId: 'introduction' }, lessons, now)).toEqual({
      ...honest,
      lastVisitedLessonId: 'introduction',
    });
  });
});
