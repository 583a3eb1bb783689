import type { StateCreator } from 'zustand';
import type { QuizAttempt } from '../course/scores.ts';
import type { CourseState } from './createCourseStore.ts';
import { emptyProgress, type ProgressData } from './progressData.ts';
import { emptyReview } from './reviewSlice.ts';

export interface ProgressSlice {
  lessons: ProgressData['lessons'];
  lastVisitedLessonId: string | null;
  recordAttempt(lessonId: string, attempt: QuizAttempt): void;
  markVisited(lessonId: string): void;
  /** Forgets every attempt, prediction, guided step done, the review schedule and the last lesson visited; keeps the student's name. */
  resetProgress(): void;
  /** Replaces all saved progress, e.g. from an imported file (checked as on load). */
  replaceProgress(progress: ProgressData): void;
}

export const createProgressSlice =
  (
    checkedOnLoad: (progress: ProgressData) => ProgressData,
  ): StateCreator<CourseState, [['zustand/persist', unknown]], [], ProgressSlice> =>
  (set) => ({
    lessons: emptyProgress.lessons,
    lastVisitedLessonId: emptyProgress.lastVisitedLessonId,
    recordAttempt: (lessonId, attempt) =>
      set((state) => ({
        lessons: {
          ...state.lessons,
          [lessonId]: { attempts: [...(state.lessons[lessonId]?.attempts ?? []), attempt] },
        },
      })),
    markVisited: (lessonId) =>
      set((state) => (state.lastVisitedLessonId === lessonId ? state : { lastVisitedLessonId: lessonId })),
    resetProgress: () =>
      set({
        lessons: {},
        lastVisitedLessonId: null,
        predictions: {},
        review: emptyReview,
        guidedSteps: {},
        challenges: {},
      }),
    replaceProgress: (imported) => {
      const progress = checkedOnLoad(imported);
      set({
        predictions: {},
        guidedSteps: {},
        challenges: {},
        ...progress,
        review: progress.review ?? emptyReview,
      });
    },
  });
