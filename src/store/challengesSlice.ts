import type { StateCreator } from 'zustand';
import type { Action } from '../engine/core/schema';
import type { CourseState } from './createCourseStore.ts';
import { mergeEntries } from './progressMerge.ts';

/** What a student did with one challenge, saved with their progress. */
export interface ChallengeRecord {
  /** How many schedules they had judged. */
  tries: number;
  /** The first schedule that broke the goal, its seed, and the shrinker's smallest form of it. */
  solved?: { at: string; seed: number; schedule: Action[]; shrunk: Action[] };
  /** When they gave up (on an impossible challenge, when they asked why it holds). */
  gaveUpAt?: string;
}

export type ChallengeProgress = Record<string, ChallengeRecord>;

export type ChallengeStatus = 'not tried' | 'tried' | 'solved' | 'explained';

export function challengeStatus(record: ChallengeRecord | undefined): ChallengeStatus {
  if (!record) return 'not tried';
  if (record.solved) return 'solved';
  if (record.gaveUpAt) return 'explained';
  return record.tries > 0 ? 'tried' : 'not tried';
}

export interface ChallengesSlice {
  /** By challenge id. */
  challenges: ChallengeProgress;
  recordChallengeTry(id: string): void;
  /** Keeps the first solution: later ones do not replace it. */
  recordChallengeSolved(id: string, solved: NonNullable<ChallengeRecord['solved']>): void;
  recordChallengeGaveUp(id: string, at: string): void;
}

export const createChallengesSlice: StateCreator<
  CourseState,
  [['zustand/persist', unknown]],
  [],
  ChallengesSlice
> = (set) => {
  const update = (id: string, change: (record: ChallengeRecord) => ChallengeRecord | null) =>
    set((state) => {
      const next = change(state.challenges[id] ?? { tries: 0 });
      return next ? { challenges: { ...state.challenges, [id]: next } } : state;
    });
  return {
    challenges: {},
    recordChallengeTry: (id) => update(id, (record) => ({ ...record, tries: record.tries + 1 })),
    recordChallengeSolved: (id, solved) =>
      update(id, (record) => (record.solved ? null : { ...record, solved })),
    recordChallengeGaveUp: (id, at) =>
      update(id, (record) => (record.gaveUpAt ? null : { ...record, gaveUpAt: at })),
  };
};

/** Challenges from several tabs merge challenge by challenge: this tab's change wins, else the stored one. */
export function mergeChallenges(
  base: ChallengeProgress | undefined,
  local: ChallengeProgress | undefined,
  stored: ChallengeProgress | undefined,
): ChallengeProgress {
  return mergeEntries(base, local, stored);
}
