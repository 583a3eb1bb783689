import type { StateCreator } from 'zustand';
import {
  localDate,
  reviewKey,
  scheduleAfterReview,
  scheduleMissed,
  type ReviewItem,
} from '../course/review.ts';
import type { CourseState } from './createCourseStore.ts';
import { mergeEntries } from './progressMerge.ts';

/** What the course remembers of quiz answers, beyond the scores: saved with the progress as `review`. */
export interface ReviewData {
  /** The questions each quiz's last graded attempt asked, by the quiz's lesson id; a retake repeats at most half. */
  lastDraws: Record<string, string[]>;
  /** Missed questions to ask again, by reviewKey(lessonId, questionId). */
  items: Record<string, ReviewItem>;
}

export const emptyReview: ReviewData = { lastDraws: {}, items: {} };

/** One graded quiz attempt: the questions it asked, and for each one whether it was answered right. */
export interface GradedDraw {
  quizLessonId: string;
  /** The draw's question keys, as drawQuestions returned them. */
  questionKeys: string[];
  /** Each question asked, with the lesson whose pool holds it (the final test asks other lessons'). */
  answers: { lessonId: string; questionId: string; correct: boolean }[];
}

export interface ReviewSlice {
  review: ReviewData;
  /** Remembers what a graded attempt asked, and schedules every question it got wrong for review. */
  recordGradedDraw(draw: GradedDraw): void;
  /** A review answer: the question comes back after the next interval, or after 1 day if it was wrong. */
  recordReviewAnswer(lessonId: string, questionId: string, correct: boolean): void;
}

export function createReviewSlice(options: {
  now?: () => Date;
}): StateCreator<CourseState, [['zustand/persist', unknown]], [], ReviewSlice> {
  const today = () => localDate(options.now?.() ?? new Date());
  return (set) => ({
    review: emptyReview,
    recordGradedDraw: ({ quizLessonId, questionKeys, answers }) =>
      set(({ review }) => {
        const items = { ...review.items };
        for (const { lessonId, questionId, correct } of answers)
          if (!correct)
            items[reviewKey(lessonId, questionId)] = scheduleMissed(lessonId, questionId, today());
        return { review: { lastDraws: { ...review.lastDraws, [quizLessonId]: questionKeys }, items } };
      }),
    recordReviewAnswer: (lessonId, questionId, correct) =>
      set(({ review }) => {
        const key = reviewKey(lessonId, questionId);
        const item = review.items[key];
        if (!item) return {};
        const { [key]: _answered, ...others } = review.items;
        const next = scheduleAfterReview(item, correct, today());
        return { review: { ...review, items: next ? { ...others, [key]: next } : others } };
      }),
  });
}

/**
 * Merges review data saved by several tabs (see progressMerge.ts), entry by entry: what this tab changed
 * since its base wins (a new draw, a newly missed question, a review answer, a retired question), and
 * every other entry is taken from storage, so neither tab erases the other's.
 */
export function mergeReview(
  base: ReviewData | undefined,
  local: ReviewData | undefined,
  stored: ReviewData | undefined,
): ReviewData {
  return {
    lastDraws: mergeEntries(base?.lastDraws, local?.lastDraws, stored?.lastDraws),
    items: mergeEntries(base?.items, local?.items, stored?.items),
  };
}
