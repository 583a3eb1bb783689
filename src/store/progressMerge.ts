/**
 * Merging saved progress across browser tabs. Every tab of the course keeps the whole progress in memory
 * and saves it under one localStorage key, so a tab that saves without looking would erase what another
 * tab saved since. Instead each save, and each change another tab announces, is a three-way merge of
 *   - base:   what this tab last read from or wrote to storage,
 *   - local:  this tab's progress now,
 *   - stored: what storage holds now (another tab may have written it),
 * done field by field, each saved field with its own merge function (see `savedFields` in
 * createCourseStore.ts).
 */
import type { LessonProgress, QuizAttempt } from '../course/scores.ts';

/** How one saved field merges this tab's value with the stored one, given the value both started from. */
export type FieldMerge<T> = (base: T, local: T, stored: T) => T;

/** Merge functions for every field of a saved record. */
export type FieldMerges<T> = { [K in keyof T]: FieldMerge<T[K]> };

export function sameSavedValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** For single values (a name, the last lesson visited): this tab's change wins, else the stored value. */
export function keepLocalChange<T>(base: T, local: T, stored: T): T {
  return sameSavedValue(local, base) ? stored : local;
}

const attemptKey = (attempt: QuizAttempt) =>
  `${attempt.at}|${attempt.correct}|${attempt.total}|${attempt.passed}`;

/**
 * Quiz attempts merge as sets, so every attempt made in any tab is kept: the stored attempts, plus the ones
 * this tab added since its base, minus the ones this tab removed since (a reset of progress).
 */
export function mergeLessons(
  base: Record<string, LessonProgress>,
  local: Record<string, LessonProgress>,
  stored: Record<string, LessonProgress>,
): Record<string, LessonProgress> {
  const keysOf = (lessons: Record<string, LessonProgress>, id: string) =>
    new Set((lessons[id]?.attempts ?? []).map(attemptKey));
  const ids = new Set([...Object.keys(base), ...Object.keys(local), ...Object.keys(stored)]);
  const merged: Record<string, LessonProgress> = {};
  for (const id of ids) {
    const inBase = keysOf(base, id);
    const inLocal = keysOf(local, id);
    const byKey = new Map<string, QuizAttempt>();
    for (const attempt of stored[id]?.attempts ?? []) {
      const key = attemptKey(attempt);
      const removedHere = inBase.has(key) && !inLocal.has(key);
      if (!removedHere) byKey.set(key, attempt);
    }
    for (const attempt of local[id]?.attempts ?? []) {
      const key = attemptKey(attempt);
      if (!inBase.has(key)) byKey.set(key, attempt);
    }
    if (byKey.size === 0) continue;
    merged[id] = { attempts: [...byKey.values()].sort((a, b) => a.at.localeCompare(b.at)) };
  }
  return merged;
}

/**
 * For records keyed by id whose entries change as a whole (a review item, one embed's done steps): an
 * entry this tab added, changed or removed since its base wins, every other entry is the stored one.
 */
export function mergeEntries<T>(
  base: Readonly<Record<string, T>> = {},
  local: Readonly<Record<string, T>> = {},
  stored: Readonly<Record<string, T>> = {},
): Record<string, T> {
  const merged: Record<string, T> = {};
  for (const key of new Set([...Object.keys(base), ...Object.keys(local), ...Object.keys(stored)])) {
    const value = keepLocalChange(base[key], local[key], stored[key]);
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}

/** Merges every field of a saved record with its own function. */
export function mergeSaved<T extends object>(merges: FieldMerges<T>, base: T, local: T, stored: T): T {
  const merged = {} as T;
  for (const field of Object.keys(merges) as (keyof T)[]) {
    merged[field] = merges[field](base[field], local[field], stored[field]);
  }
  return merged;
}
