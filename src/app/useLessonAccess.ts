import { useMemo } from 'react';
import { lessonAccess } from '../course/gating.ts';
import { lessons } from '../course/lessons.ts';
import { useCourse } from '../store/index.ts';

/** Every lesson's access (locked, available or passed) for the current student. */
export function useLessonAccess() {
  const progress = useCourse((state) => state.lessons);
  const preview = useCourse((state) => state.previewMode);
  return useMemo(() => lessonAccess(lessons, progress, { preview }), [progress, preview]);
}
