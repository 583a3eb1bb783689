// zod/mini is the tree-shakable build of zod: this module ships in the initial bundle.
import * as z from 'zod/mini';
import { formatPath } from '../course/formatPath.ts';
import type { ReviewItem } from '../course/review.ts';
import type { LessonProgress, QuizAttempt } from '../course/scores.ts';
import type { Action } from '../engine/core/schema.ts';
import type { ChallengeProgress } from './challengesSlice.ts';
import type { PredictionProgress, PredictionRecord } from './predictionsSlice.ts';
import type { ReviewData } from './reviewSlice.ts';
import type { StepsProgress } from './stepsSlice.ts';

/**
 * The saved part of the store: progress by lesson id, the last lesson visited and the student's name.
 *
 * Version history:
 * - 1: each lesson kept only its best attempt (`scores`), plus `lastLesson`.
 * - 2: each lesson keeps every attempt; adds the student's name for the certificate. Later, still 2:
 *   an optional `predictions` (the <Predict> answers and outcomes, by lesson id), and an optional
 *   `review` (what each quiz last asked, and the missed questions due for spaced review), and an optional
 *   `challenges` (tries, solutions and their shrunk forms, by challenge id), and an optional
 *   `guidedSteps` (the guided steps done, by lesson id and embed id).
 */
export interface ProgressData {
  lessons: Record<string, LessonProgress>;
  lastVisitedLessonId: string | null;
  studentName: string;
  predictions?: PredictionProgress;
  review?: ReviewData;
  challenges?: ChallengeProgress;
  guidedSteps?: StepsProgress;
}

export const progressVersion = 2;

export const emptyProgress: ProgressData = { lessons: {}, lastVisitedLessonId: null, studentName: '' };

const count = z
  .int({ error: 'expected a whole number' })
  .check(z.nonnegative({ error: 'expected 0 or more' }));

const attemptSchema = z
  .object({
    at: z.iso.datetime({ error: 'expected a date and time such as "2025-01-31T09:30:00.000Z"' }),
    correct: count,
    total: count,
    passed: z.boolean({ error: 'expected true or false' }),
  })
  .check(
    z.refine((attempt) => attempt.correct <= attempt.total, {
      error: 'has more correct answers than questions',
    }),
  ) satisfies z.ZodMiniType<QuizAttempt>;

const lessonRecord = <T extends z.ZodMiniType>(entry: T) =>
  z.record(z.string(), entry, { error: 'expected an object with one entry per lesson' });

const lessonIdOrNull = z.nullable(z.string({ error: 'expected a lesson id or null' }));

const predictionSchema = z.object({
  at: z.iso.datetime({ error: 'expected a date and time such as "2025-01-31T09:30:00.000Z"' }),
  answer: z.nullable(z.number({ error: 'expected a number or null' })),
  outcome: z.optional(
    z.object({
      value: z.nullable(z.union([z.number(), z.string()], { error: 'expected a number, text or null' })),
      right: z.boolean({ error: 'expected true or false' }),
    }),
  ),
}) satisfies z.ZodMiniType<PredictionRecord>;
const localDateSchema = z
  .string()
  .check(z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date such as "2025-01-31"' }));

const reviewSchema = z.object({
  lastDraws: z.record(z.string(), z.array(z.string({ error: 'expected a question id' }))),
  items: z.record(
    z.string(),
    z.object({
      lessonId: z.string({ error: 'expected a lesson id' }),
      questionId: z.string({ error: 'expected a question id' }),
      step: count,
      dueOn: localDateSchema,
    }) satisfies z.ZodMiniType<ReviewItem>,
  ),
}) satisfies z.ZodMiniType<ReviewData>;

/** A logged action: an object with its time; the engine validates it fully when it is replayed. */
const actionRecord = z.custom<Action>(
  (value) =>
    typeof value === 'object' && value !== null && typeof (value as { at?: unknown }).at === 'number',
  { error: 'expected an action such as {"at": 1000, "crash": "n1"}' },
);
const actionList = z.array(actionRecord, { error: 'expected a list of actions' });

const challengeSchema = z.object({
  tries: count,
  solved: z.optional(
    z.object({
      at: z.iso.datetime({ error: 'expected a date and time such as "2025-01-31T09:30:00.000Z"' }),
      seed: count,
      schedule: actionList,
      shrunk: actionList,
    }),
  ),
  gaveUpAt: z.optional(
    z.iso.datetime({ error: 'expected a date and time such as "2025-01-31T09:30:00.000Z"' }),
  ),
});

const progressV2Schema = z.object({
  lessons: lessonRecord(
    z.object({ attempts: z.array(attemptSchema, { error: 'expected a list of attempts' }) }),
  ),
  lastVisitedLessonId: lessonIdOrNull,
  studentName: z.string({ error: 'expected text' }),
  predictions: z.optional(
    lessonRecord(
      z.object({
        made: z.record(z.string(), predictionSchema, {
          error: 'expected an object with one entry per prediction',
        }),
        revealedEarly: z.array(z.string(), { error: 'expected a list of section ids' }),
      }),
    ),
  ),
  review: z.optional(reviewSchema),
  challenges: z.optional(
    z.record(z.string(), challengeSchema, { error: 'expected an object with one entry per challenge' }),
  ),
  guidedSteps: z.optional(
    lessonRecord(
      z.record(
        z.string(),
        z.array(
          z.int({ error: 'expected a step number' }).check(z.positive({ error: 'expected 1 or more' })),
          {
            error: 'expected a list of step numbers',
          },
        ),
        { error: 'expected an object with one entry per step list' },
      ),
    ),
  ),
}) satisfies z.ZodMiniType<ProgressData>;

const progressV1Schema = z.object({
  scores: lessonRecord(attemptSchema),
  lastLesson: lessonIdOrNull,
});

type ProgressV1 = z.output<typeof progressV1Schema>;

const schemaByVersion: Record<number, z.ZodMiniType> = { 1: progressV1Schema, 2: progressV2Schema };

/** Saved progress as zustand's persist middleware stores it. */
export interface SavedProgress {
  version: number;
  state: unknown;
}

export type CheckResult<T> = { ok: true; value: T } | { ok: false; problem: string };

/**
 * Checks saved progress of any known version without changing it: the state must match the schema of the
 * version it claims. Migration to the current version is a separate step (`migrateProgress`).
 */
export function checkSavedProgress(value: unknown): CheckResult<SavedProgress> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, problem: 'expected an object with "version" and "state"' };
  }
  const { version, state } = value as Partial<SavedProgress>;
  if (typeof version !== 'number') return { ok: false, problem: '"version" is missing or not a number' };
  const schema = schemaByVersion[version];
  if (!schema) {
    return {
      ok: false,
      problem:
        version > progressVersion
          ? `it was saved by a newer version of the course (format ${version}; this one reads up to ${progressVersion})`
          : `format version ${version} is not one this course ever used`,
    };
  }
  const checked = schema.safeParse(state);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = formatPath(['state', ...(issue?.path ?? [])]);
    return { ok: false, problem: `"${where}": ${issue?.message ?? 'is invalid'}` };
  }
  return { ok: true, value: { version, state: checked.data } };
}

/** Parses the raw string kept in storage. */
export function readSavedProgress(raw: string): CheckResult<SavedProgress> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, problem: 'it is not valid JSON' };
  }
  return checkSavedProgress(value);
}

/** Upgrades checked progress of an older version to the current shape. */
export function migrateProgress(state: unknown, fromVersion: number): ProgressData {
  if (fromVersion === 1) {
    const { scores, lastLesson } = state as ProgressV1;
    const lessons = Object.fromEntries(
      Object.entries(scores).map(([id, best]) => [id, { attempts: [best] }]),
    );
    return { lessons, lastVisitedLessonId: lastLesson, studentName: '' };
  }
  return state as ProgressData;
}
