import type { StateCreator } from 'zustand';
import { localDate, reviewKey, scheduleMissed } from '../course/review.ts';
import type { CourseState } from './createCourseStore.ts';
import { keepLocalChange } from './progressMerge.ts';

/** A student's prediction for one <Predict>, saved with their progress. */
export interface PredictionRecord {
  /** When they committed it (or chose to just watch). */
  at: string;
  /** The number predicted, or for a choice the index of the choice; null for "I'll just watch". */
  answer: number | null;
  /** Set once their run reached the prediction's moment: what it measured and whether the prediction held. */
  outcome?: { value: number | string | null; right: boolean };
}

/** One lesson's predictions by <Predict> id, and the "What you saw" sections opened before running past their moment. */
export interface LessonPredictions {
  made: Record<string, PredictionRecord>;
  /** Ids of <WhatYouSaw> sections the student chose to reveal early. */
  revealedEarly: string[];
}

export type PredictionProgress = Record<string, LessonPredictions>;

export interface PredictionsSlice {
  /** By lesson id. */
  predictions: PredictionProgress;
  recordPrediction(lessonId: string, predictId: string, answer: number | null, at: string): void;
  /** Keeps the first outcome: the count of right predictions is about the run the student predicted. */
  recordPredictionOutcome(
    lessonId: string,
    predictId: string,
    outcome: NonNullable<PredictionRecord['outcome']>,
  ): void;
  recordEarlyReveal(lessonId: string, sectionId: string): void;
}

const emptyLesson: LessonPredictions = { made: {}, revealedEarly: [] };

/** The id a missed prediction has among review items: `predict:<Predict id>`. */
export function predictionReviewId(predictId: string): string {
  return `predict:${predictId}`;
}

/** The <Predict> id of a review item's question id, or null for a quiz question. */
export function predictIdOfReview(questionId: string): string | null {
  return questionId.startsWith('predict:') ? questionId.slice('predict:'.length) : null;
}

/** How many of a lesson's predictions were right, of those whose moment the student's run reached. */
export function predictionScore(lesson: LessonPredictions | undefined): { right: number; revealed: number } {
  const outcomes = Object.values(lesson?.made ?? {}).flatMap((record) =>
    record.outcome && record.answer !== null ? [record.outcome] : [],
  );
  return { right: outcomes.filter((outcome) => outcome.right).length, revealed: outcomes.length };
}

export const createPredictionsSlice: StateCreator<
  CourseState,
  [['zustand/persist', unknown]],
  [],
  PredictionsSlice
> = (set) => {
  const updateLesson = (lessonId: string, update: (lesson: LessonPredictions) => LessonPredictions | null) =>
    set((state) => {
      const next = update(state.predictions[lessonId] ?? emptyLesson);
      return next ? { predictions: { ...state.predictions, [lessonId]: next } } : state;
    });
  return {
    predictions: {},
    recordPrediction: (lessonId, predictId, answer, at) =>
      updateLesson(lessonId, (lesson) => ({
        ...lesson,
        made: { ...lesson.made, [predictId]: { at, answer } },
      })),
    recordPredictionOutcome: (lessonId, predictId, outcome) =>
      set((state) => {
        const lesson = state.predictions[lessonId] ?? emptyLesson;
        const record = lesson.made[predictId];
        if (!record || record.outcome) return state;
        const predictions = {
          ...state.predictions,
          [lessonId]: { ...lesson, made: { ...lesson.made, [predictId]: { ...record, outcome } } },
        };
        // A committed prediction that missed comes back in review, on the same schedule as a missed question.
        if (outcome.right || record.answer === null) return { predictions };
        const questionId = predictionReviewId(predictId);
        const item = scheduleMissed(lessonId, questionId, localDate(new Date()));
        return {
          predictions,
          review: {
            ...state.review,
            items: { ...state.review.items, [reviewKey(lessonId, questionId)]: item },
          },
        };
      }),
    recordEarlyReveal: (lessonId, sectionId) =>
      updateLesson(lessonId, (lesson) =>
        lesson.revealedEarly.includes(sectionId)
          ? null
          : { ...lesson, revealedEarly: [...lesson.revealedEarly, sectionId] },
      ),
  };
};

/** Each prediction and early reveal as one entry, keyed by lesson and id, for merging. */
function entriesOf(progress: PredictionProgress | undefined): Map<string, PredictionRecord | true> {
  const entries = new Map<string, PredictionRecord | true>();
  for (const [lessonId, lesson] of Object.entries(progress ?? {})) {
    for (const [id, record] of Object.entries(lesson.made))
      entries.set(JSON.stringify([lessonId, 'made', id]), record);
    for (const id of lesson.revealedEarly) entries.set(JSON.stringify([lessonId, 'revealed', id]), true);
  }
  return entries;
}

/**
 * Predictions from several tabs merge entry by entry (see progressMerge.ts): an entry this tab added,
 * changed or removed (a reset) since its base wins, every other entry is the stored one, so a prediction
 * made in any tab is kept.
 */
export function mergePredictions(
  base: PredictionProgress | undefined,
  local: PredictionProgress | undefined,
  stored: PredictionProgress | undefined,
): PredictionProgress {
  const [inBase, inLocal, inStored] = [base, local, stored].map(entriesOf) as [
    ReturnType<typeof entriesOf>,
    ReturnType<typeof entriesOf>,
    ReturnType<typeof entriesOf>,
  ];
  const merged: PredictionProgress = {};
  for (const key of new Set([...inBase.keys(), ...inLocal.keys(), ...inStored.keys()])) {
    const entry = keepLocalChange(inBase.get(key), inLocal.get(key), inStored.get(key));
    if (entry === undefined) continue;
    const [lessonId, kind, id] = JSON.parse(key) as [string, 'made' | 'revealed', string];
    const lesson = (merged[lessonId] ??= { made: {}, revealedEarly: [] });
    if (kind === 'made') lesson.made[id] = entry as PredictionRecord;
    else lesson.revealedEarly.push(id);
  }
  return merged;
}
