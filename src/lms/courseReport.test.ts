import { describe, expect, it } from 'vitest';
import type { LessonMeta } from '../course/lessonIndex.ts';
import { courseReport } from './courseReport.ts';

const lesson = (id: string, extra: Partial<LessonMeta> = {}): LessonMeta => ({
  id,
  title: id,
  order: 1,
  summary: 's',
  minutes: 5,
  objectives: ['o'],
  passMark: 0.7,
  file: `lessons/${id}.mdx`,
  hasQuiz: true,
  ...extra,
});
const lessons = [lesson('intro'), lesson('notes', { hasQuiz: false }), lesson('final', { final: true })];
const at = '2026-01-05T09:00:00.000Z';

describe('what the course reports to an LMS', () => {
  it('reports each lesson with a quiz, and the course as not attempted before the final test', () => {
    const report = courseReport(lessons, {
      lessons: {
        intro: {
          attempts: [
            { at, correct: 2, total: 3, passed: false },
            { at, correct: 3, total: 3, passed: true },
          ],
        },
      },
      lastVisitedLessonId: null,
      studentName: '',
    });
    expect(report.lessons).toEqual([
      { lessonId: 'intro', title: 'intro', status: 'passed', scorePercent: 100 },
      { lessonId: 'final', title: 'final', status: 'not attempted', scorePercent: undefined },
    ]);
    expect(report).toMatchObject({ status: 'not attempted', scorePercent: undefined, completed: false });
  });

  it('takes the course status and score from the final test, and completes when every quiz is passed', () => {
    const failedFinal = courseReport(lessons, {
      lessons: {
        intro: { attempts: [{ at, correct: 3, total: 3, passed: true }] },
        final: { attempts: [{ at, correct: 5, total: 12, passed: false }] },
      },
      lastVisitedLessonId: null,
      studentName: '',
    });
    expect(failedFinal).toMatchObject({ status: 'failed', scorePercent: 42, completed: false });
    const passedFinal = courseReport(lessons, {
      lessons: {
        intro: { attempts: [{ at, correct: 3, total: 3, passed: true }] },
        final: {
          attempts: [
            { at, correct: 5, total: 12, passed: false },
            { at, correct: 11, total: 12, passed: true },
          ],
        },
      },
      lastVisitedLessonId: null,
      studentName: '',
    });
    expect(passedFinal).toMatchObject({ status: 'passed', scorePercent: 92, completed: true });
  });
});
