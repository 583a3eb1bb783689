import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProgressData } from '../store/progressData.ts';
import { decodeProgress, encodeProgress, mergeProgress, suspendDataLimitChars } from './compactProgress.ts';

const attempt = (correct: number, total: number, passed: boolean, at: string) => ({
  at,
  correct,
  total,
  passed,
});

const progress: ProgressData = {
  lessons: {
    introduction: {
      attempts: [
        attempt(1, 4, false, '2026-01-05T09:00:00.000Z'),
        attempt(3, 4, true, '2026-01-05T09:10:00.000Z'),
        attempt(4, 4, true, '2026-01-06T10:00:00.000Z'),
      ],
    },
    replication: { attempts: [attempt(1, 3, false, '2026-01-07T11:00:00.000Z')] },
  },
  lastVisitedLessonId: 'replication',
  studentName: 'Ada | Lovelace',
};

describe('compact progress for an LMS', () => {
  it('keeps what gating, scores and the certificate need: first pass and best attempt per lesson', () => {
    const encoded = encodeProgress(progress);
    expect(encoded).toMatch(/^c1\|Ada {3}Lovelace\|replication\|/);
    expect(decodeProgress(encoded)).toEqual({
      lessons: {
        introduction: {
          attempts: [
            attempt(3, 4, true, '2026-01-05T09:10:00.000Z'),
            attempt(4, 4, true, '2026-01-06T10:00:00.000Z'),
          ],
        },
        replication: { attempts: [attempt(1, 3, false, '2026-01-07T11:00:00.000Z')] },
      },
      lastVisitedLessonId: 'replication',
      studentName: 'Ada   Lovelace',
    });
  });

  it.each(['', 'not ours', 'c1|x|y|intro:3,2,p,abc', 'c1|x|y|intro:1,2,maybe,abc'])(
    'reads %j as nothing saved rather than as wrong progress',
    (text) => expect(decodeProgress(text)).toBeUndefined(),
  );

  it('always fits SCORM 1.2 suspend_data (4,096 characters) and stays readable, keeping passes first', () => {
    const lessonId = fc.stringMatching(/^[a-z][a-z0-9-]{0,39}$/);
    const attempts = fc.array(
      fc.record({
        correct: fc.nat(30),
        extra: fc.nat(30),
        passed: fc.boolean(),
        at: fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }),
      }),
      { minLength: 1, maxLength: 50 },
    );
    fc.assert(
      fc.property(
        fc.dictionary(lessonId, attempts, { maxKeys: 300 }),
        fc.string({ maxLength: 500 }),
        (lessons, name) => {
          const data: ProgressData = {
            lessons: Object.fromEntries(
              Object.entries(lessons).map(([id, list]) => [
                id,
                {
                  attempts: list.map((a) => ({
                    at: new Date(Math.floor(a.at.getTime() / 1000) * 1000).toISOString(),
                    correct: a.correct,
                    total: a.correct + a.extra,
                    passed: a.passed,
                  })),
                },
              ]),
            ),
            lastVisitedLessonId: null,
            studentName: name,
          };
          const encoded = encodeProgress(data);
          expect(encoded.length).toBeLessThanOrEqual(suspendDataLimitChars);
          const decoded = decodeProgress(encoded);
          expect(decoded).toBeDefined();
          for (const [id, { attempts: kept }] of Object.entries(decoded!.lessons)) {
            const original = data.lessons[id]!.attempts;
            expect(kept.some((a) => a.passed)).toBe(original.some((a) => a.passed));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('merging keeps the side with more attempts per lesson and never loses a pass', () => {
    const fromLms: ProgressData = {
      lessons: {
        introduction: { attempts: [attempt(4, 4, true, '2026-01-05T09:10:00.000Z')] },
        partitioning: { attempts: [attempt(3, 3, true, '2026-01-09T09:00:00.000Z')] },
      },
      lastVisitedLessonId: 'partitioning',
      studentName: 'Ada',
    };
    const local: ProgressData = {
      lessons: {
        introduction: {
          attempts: [
            attempt(0, 4, false, '2026-01-10T09:00:00.000Z'),
            attempt(1, 4, false, '2026-01-10T09:05:00.000Z'),
          ],
        },
      },
      lastVisitedLessonId: null,
      studentName: '',
    };
    const merged = mergeProgress(local, fromLms);
    expect(merged.lessons.introduction!.attempts).toHaveLength(3);
    expect(merged.lessons.introduction!.attempts.some((a) => a.passed)).toBe(true);
    expect(merged.lessons.partitioning).toEqual(fromLms.lessons.partitioning);
    expect(merged.lastVisitedLessonId).toBe('partitioning');
    expect(merged.studentName).toBe('Ada');
  });
});
