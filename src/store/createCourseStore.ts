import { createStore } from 'zustand';
import { persist } from 'zustand/middleware';
import type { PreviewChoice } from '../course/preview.ts';
import { checkedOnLoad, type LessonRules } from './checkedOnLoad.ts';
import { migrateProgress, progressVersion, type ProgressData } from './progressData.ts';
import { keepLocalChange, mergeLessons, mergeSaved, type FieldMerges } from './progressMerge.ts';
import { createProgressStorage } from './progressStorage.ts';
import { createProfileSlice, type ProfileSlice } from './profileSlice.ts';
import { createChallengesSlice, mergeChallenges, type ChallengesSlice } from './challengesSlice.ts';
import { createPredictionsSlice, mergePredictions, type PredictionsSlice } from './predictionsSlice.ts';
import { createProgressSlice, type ProgressSlice } from './progressSlice.ts';
import { createReviewSlice, mergeReview, type ReviewSlice } from './reviewSlice.ts';
import { createSessionSlice, type SessionSlice } from './sessionSlice.ts';
import { createStepsSlice, mergeSteps, type StepsSlice } from './stepsSlice.ts';

export type CourseState = ProgressSlice &
  ProfileSlice &
  SessionSlice &
  PredictionsSlice &
  ReviewSlice &
  ChallengesSlice &
  StepsSlice;

export const progressStorageKey = 'ddb-course:progress';

export interface CourseStoreOptions {
  /** Where progress is saved; a function because merely touching `localStorage` can throw when it is blocked. */
  storage: () => Storage;
  previewMode: boolean;
  rememberPreview: (choice: PreviewChoice) => void;
  now?: () => Date;
  /** The course's lessons: progress loaded or imported is checked against them (see checkedOnLoad.ts). */
  lessons?: readonly LessonRules[];
  /**
   * Calls `onChange` whenever another tab changes the saved progress (the app passes the `storage` event),
   * so this tab merges it in and shows it.
   */
  watchOtherTabs?: (onChange: () => void) => void;
}

/**
 * Every saved field of every slice, and how it merges when several tabs save. Saving is a three-way
 * merge per field (this tab's last synchronised value, its value now, the stored value; see
 * progressMerge.ts), so a tab never erases what another saved. A slice that saves a field adds it to
 * ProgressData and here, with a merge that fits its data: `keepLocalChange` for a single value (this
 * tab's change wins, else the other tab's), a set merge like `mergeLessons` for records that only grow
 * (attempts, predictions, review history), so every entry from every tab is kept.
 */
export const savedFields: FieldMerges<ProgressData> = {
  lessons: mergeLessons,
  lastVisitedLessonId: keepLocalChange,
  studentName: keepLocalChange,
  predictions: mergePredictions,
  review: mergeReview,
  challenges: mergeChallenges,
  guidedSteps: mergeSteps,
};

/** The saved part of the state: exactly the fields in `savedFields`. */
export function progressOf(state: CourseState): ProgressData {
  return Object.fromEntries(
    Object.keys(savedFields).map((field) => [field, state[field as keyof ProgressData]]),
  ) as unknown as ProgressData;
}

/** One store, built from slices, with `persist` applied once to the combined store. Loads saved progress at once. */
export function createCourseStore(options: CourseStoreOptions) {
  const now = options.now ?? (() => new Date());
  const checked = (progress: ProgressData) =>
    options.lessons ? checkedOnLoad(progress, options.lessons, now()) : progress;
  const storage = createProgressStorage(
    options.storage,
    (problem) => store.getState().reportStorageProblem(problem),
    options.now,
    {
      merge: (base, local, stored) => mergeSaved(savedFields, base, local, stored),
      current: () => progressOf(store.getState()),
      apply: (progress) => store.setState(progress),
    },
  );
  const store = createStore<CourseState>()(
    persist(
      (...args) => ({
        ...createProgressSlice(checked)(...args),
        ...createProfileSlice(...args),
        ...createSessionSlice({
          ...options,
          saved: {
            key: progressStorageKey,
            rawText: (key) => storage.rawText(key),
            releaseUnreadable: () => storage.releaseUnreadable(progressStorageKey),
            lastSave: () => storage.lastSave(),
          },
        })(...args),
        ...createPredictionsSlice(...args),
        ...createReviewSlice(options)(...args),
        ...createChallengesSlice(...args),
        ...createStepsSlice(...args),
      }),
      {
        name: progressStorageKey,
        version: progressVersion,
        storage,
        partialize: progressOf,
        migrate: migrateProgress,
        merge: (saved, current) => (saved ? { ...current, ...checked(saved as ProgressData) } : current),
        skipHydration: true,
      },
    ),
  );
  // Hydration is synchronous for localStorage; it runs after `store` exists so storage problems can be reported.
  void store.persist.rehydrate();
  options.watchOtherTabs?.(() => storage.syncFromStorage(progressStorageKey));
  return store;
}

export type CourseStore = ReturnType<typeof createCourseStore>;
