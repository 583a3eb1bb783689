import { describe, expect, it } from 'vitest';
import { parseProgressFile, progressFileContents, progressFileName } from './progressFile.ts';

const progress = {
  lessons: {
    introduction: { attempts: [{ at: '2025-02-01T10:00:00.000Z', correct: 2, total: 3, passed: true }] },
  },
  lastVisitedLessonId: 'introduction',
  studentName: 'Ada Lovelace',
};
const exportedAt = new Date('2025-03-01T12:00:00.000Z');

describe('progress files', () => {
  it('round-trips exported progress', () => {
    const contents = progressFileContents(progress, exportedAt);
    expect(JSON.parse(contents)).toMatchObject({
      format: 'ddb-course-progress',
      version: 2,
      exportedAt: exportedAt.toISOString(),
    });
    expect(parseProgressFile(contents)).toEqual({ ok: true, value: progress });
    expect(progressFileName(exportedAt)).toBe('ddb-course-progress-2025-03-01.json');
  });

  it('reads and upgrades an export in the older format', () => {
    const best = progress.lessons.introduction.attempts[0];
    const old = {
      format: 'ddb-course-progress',
      version: 1,
      state: { scores: { introduction: best }, lastLesson: null },
    };
    expect(parseProgressFile(JSON.stringify(old))).toEqual({
      ok: true,
      value: { ...progress, lastVisitedLessonId: null, studentName: '' },
    });
  });

  it.each([
    ['text that is not JSON', 'not json', 'the file is not valid JSON'],
    [
      'another kind of JSON file',
      '{"name": "package"}',
      'the file is not a progress export from this course',
    ],
    [
      'a bad score',
      JSON.stringify({
        format: 'ddb-course-progress',
        version: 2,
        state: {
          ...progress,
          lessons: {
            introduction: { attempts: [{ ...progress.lessons.introduction.attempts[0], correct: 'two' }] },
          },
        },
      }),
      '"state.lessons.introduction.attempts[0].correct": expected a whole number',
    ],
    [
      'more correct answers than questions',
      JSON.stringify({
        format: 'ddb-course-progress',
        version: 2,
        state: {
          ...progress,
          lessons: {
            introduction: { attempts: [{ ...progress.lessons.introduction.attempts[0], correct: 5 }] },
          },
        },
      }),
      '"state.lessons.introduction.attempts[0]": has more correct answers than questions',
    ],
    [
      'a missing name',
      JSON.stringify({
        format: 'ddb-course-progress',
        version: 2,
        state: { lessons: {}, lastVisitedLessonId: null },
      }),
      '"state.studentName": expected text',
    ],
  ])('rejects %s, saying what is wrong', (_, text, problem) => {
    expect(parseProgressFile(text)).toEqual({ ok: false, problem: expect.stringContaining(problem) });
  });
});
