import { useStore } from 'zustand';
import { lessons } from '../course/lessons.ts';
import { previewChoiceFromQuery, resolvePreview, type PreviewChoice } from '../course/preview.ts';
import { createCourseStore, progressStorageKey, type CourseState } from './createCourseStore.ts';

const previewSessionKey = 'ddb-course:preview';

function rememberPreview(choice: PreviewChoice): void {
  try {
    sessionStorage.setItem(previewSessionKey, choice);
  } catch {
    // Without sessionStorage the choice lasts until the page is reloaded, which is fine for a preview switch.
  }
}

function rememberedPreview(): PreviewChoice | undefined {
  try {
    const value = sessionStorage.getItem(previewSessionKey);
    return value === 'on' || value === 'off' ? value : undefined;
  } catch {
    return undefined;
  }
}

function initialPreviewMode(): boolean {
  const fromUrl = previewChoiceFromQuery(window.location.search);
  if (fromUrl) rememberPreview(fromUrl);
  return resolvePreview(fromUrl, rememberedPreview(), import.meta.env.VITE_INSTRUCTOR_PREVIEW === '1');
}

/** The app's one course store, saved in localStorage. */
export const courseStore = createCourseStore({
  storage: () => window.localStorage,
  previewMode: initialPreviewMode(),
  rememberPreview,
  lessons,
  watchOtherTabs: (onChange) =>
    window.addEventListener('storage', (event) => {
      // A null key means another tab cleared all of storage.
      if (event.key === progressStorageKey || event.key === null) onChange();
    }),
});

export function useCourse<T>(selector: (state: CourseState) => T): T {
  return useStore(courseStore, selector);
}

export type { CourseState };
export { progressOf, progressStorageKey } from './createCourseStore.ts';
