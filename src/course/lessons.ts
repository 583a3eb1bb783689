import type { MDXContent } from 'mdx/types';
import lessonIndex from 'virtual:lesson-index';
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

const loaders = import.meta.glob<LessonModule>('/lessons/*.mdx');
const loading = new Map<string, Promise<LessonModule>>();

export function findLesson(id: string): LessonMeta | undefined {
  return lessons.find((lesson) => lesson.id === id);
}

/**
 * Loads a lesson's own chunk. The promise is cached so React's `use` sees the same one on every render;
 * a failed load is forgotten so that trying again fetches the chunk again.
 */
export function loadLesson(lesson: LessonMeta): Promise<LessonModule> {
  const cached = loading.get(lesson.id);
  if (cached) return cached;
  const loader = loaders[`/${lesson.file}`];
  if (!loader) return Promise.reject(new Error(`No module for ${lesson.file}`));
  const promise = loader().catch((error: unknown) => {
    loading.delete(lesson.id);
    throw error;
  });
  loading.set(lesson.id, promise);
  return promise;
}
