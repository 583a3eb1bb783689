import type { MDXContent } from 'mdx/types';
import lessonIndex, { loaders } from 'virtual:lesson-index';
import type { LessonMeta } from './lessonIndex.ts';
import type { TocEntry } from './tableOfContents.ts';

export type { LessonMeta };

/** What a compiled lesson file exports. */
export interface LessonModule {
  default: MDXContent;
  tableOfContents: TocEntry[];
}

/** Every lesson in course order. Content is not included: load it with `loadLesson`. */
export const lessons: readonly LessonMeta[] = lessonIndex;

const loading = new Map<string, Promise<LessonModule>>();

export function findLesson(id: string): LessonMeta | undefined {
  return lessons.find((lesson) => lesson.id === id);
}

/**
 * Loads a lesson's own chunk. The promise is cached so React's `use` sees the same one on every render,
 * including after a failure: React renders once more before showing the error boundary, and a fresh
 * promise on that render would start the download again, and again, forever.
 */
export function loadLesson(lesson: LessonMeta): Promise<LessonModule> {
  const cached = loading.get(lesson.id);
  if (cached) return cached;
  const loader = loaders[lesson.id];
  const promise = loader ? loader() : Promise.reject(new Error(`No module for ${lesson.file}`));
  loading.set(lesson.id, promise);
  return promise;
}

/** Forgets a lesson's failed load, so that trying again downloads the chunk again. */
export function forgetLessonLoad(lessonId: string): void {
  loading.delete(lessonId);
}
