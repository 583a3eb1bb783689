import { createStore } from 'zustand';
import { persist } from 'zustand/middleware';
import type { PreviewChoice } from '../course/preview.ts';
import { migrateProgress, progressVersion, type ProgressData } from './progressData.ts';
import { createProgressStorage } from './progressStorage.ts';
import { createProfileSlice, type ProfileSlice } from './profileSlice.ts';
import { createProgressSlice, type ProgressSlice } from './progressSlice.ts';
import { createReviewSlice, type ReviewSlice } from './reviewSlice.ts';
import { createSessionSlice, type SessionSlice } from './sessionSlice.ts';

export type CourseState = ProgressSlice & ProfileSlice & SessionSlice & ReviewSlice;

export const progressStorageKey = 'ddb-course:progress';

export interface CourseStoreOptions {
  /** Where progress is saved; a function because merely touching `localStorage` can throw when it is blocked. */
  storage: () => Storage;
  previewMode: boolean;
  rememberPreview: (choice: PreviewChoice) => void;
  now?: () => Date;
}

/** The saved part of the state. */
export function progressOf(state: CourseState): ProgressData {
  return {
    lessons: state.lessons,
    lastVisitedLessonId: state.lastVisitedLessonId,
    studentName: state.studentName,
    review: state.review,
  };
}

/** One store, built from slices, with `persist` applied once to the combined store. Loads saved progress at once. */
export function createCourseStore(options: CourseStoreOptions) {
  const store = createStore<CourseState>()(
    persist(
      (...args) => ({
        ...createProgressSlice(...args),
        ...createProfileSlice(...args),
        ...createSessionSlice(options)(...args),
        ...createReviewSlice(options)(...args),
      }),
      {
        name: progressStorageKey,
        version: progressVersion,
        storage: createProgressStorage(
          options.storage,
          (problem) => store.getState().reportStorageProblem(problem),
          options.now,
        ),
        partialize: progressOf,
        migrate: migrateProgress,
        skipHydration: true,
      },
    ),
  );
  // Hydration is synchronous for localStorage; it runs after `store` exists so storage problems can be reported.
  void store.persist.rehydrate();
  return store;
}

export type CourseStore = ReturnType<typeof createCourseStore>;
