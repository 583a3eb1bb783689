import type { StateCreator } from 'zustand';
import type { CourseState } from './createCourseStore.ts';
import { mergeEntries } from './progressMerge.ts';

/**
 * Which guided steps the student has done, saved with the progress as `guidedSteps`: by lesson id, then by the id
 * of the embed the <Steps> list guides, the numbers (from 1) of the steps done, in order.
 */
export type StepsProgress = Record<string, Record<string, number[]>>;

export interface StepsSlice {
  guidedSteps: StepsProgress;
  /** Marks one step of an embed's list done or not done. */
  setStepDone(lessonId: string, embedId: string, step: number, done: boolean): void;
  /** Forgets which steps of one embed's list were done, so the list starts again at step 1. */
  resetSteps(lessonId: string, embedId: string): void;
}

export const createStepsSlice: StateCreator<CourseState, [['zustand/persist', unknown]], [], StepsSlice> = (
  set,
) => {
  const updateEmbed = (lessonId: string, embedId: string, update: (done: number[]) => number[]) =>
    set(({ guidedSteps: steps }) => {
      const { [embedId]: before = [], ...otherEmbeds } = steps[lessonId] ?? {};
      const after = update(before);
      const { [lessonId]: _lesson, ...otherLessons } = steps;
      const embeds = after.length > 0 ? { ...otherEmbeds, [embedId]: after } : otherEmbeds;
      return {
        guidedSteps: Object.keys(embeds).length > 0 ? { ...otherLessons, [lessonId]: embeds } : otherLessons,
      };
    });
  return {
    guidedSteps: {},
    setStepDone: (lessonId, embedId, step, done) =>
      updateEmbed(lessonId, embedId, (before) =>
        [...new Set(done ? [...before, step] : before.filter((other) => other !== step))].sort(
          (a, b) => a - b,
        ),
      ),
    resetSteps: (lessonId, embedId) => updateEmbed(lessonId, embedId, () => []),
  };
};

/**
 * Step lists from several tabs merge embed by embed (see progressMerge.ts): a list this tab changed since
 * its base wins, every other list is the stored one, so steps done in another tab on another embed are kept.
 */
export function mergeSteps(
  base: StepsProgress | undefined,
  local: StepsProgress | undefined,
  stored: StepsProgress | undefined,
): StepsProgress {
  const merged: StepsProgress = {};
  for (const lessonId of new Set([base, local, stored].flatMap((steps) => Object.keys(steps ?? {})))) {
    const embeds = mergeEntries(base?.[lessonId], local?.[lessonId], stored?.[lessonId]);
    if (Object.keys(embeds).length > 0) merged[lessonId] = embeds;
  }
  return merged;
}
