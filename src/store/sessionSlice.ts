import type { StateCreator } from 'zustand';
import type { PreviewChoice } from '../course/preview.ts';
import type { CourseState } from './createCourseStore.ts';
import type { StorageProblem } from './progressStorage.ts';

export type NoticeId = 'unreadable-progress' | 'storage-unavailable';

/** State that lives only as long as the tab: never saved with the progress. */
export interface SessionSlice {
  previewMode: boolean;
  setPreviewMode(on: boolean): void;
  storageUnavailable: boolean;
  unreadableProgress: { reason: string; backupKey: string | null } | null;
  dismissedNotices: NoticeId[];
  reportStorageProblem(problem: StorageProblem): void;
  dismissNotice(id: NoticeId): void;
}

export function createSessionSlice(options: {
  previewMode: boolean;
  rememberPreview: (choice: PreviewChoice) => void;
}): StateCreator<CourseState, [['zustand/persist', unknown]], [], SessionSlice> {
  return (set, get) => ({
    previewMode: options.previewMode,
    setPreviewMode: (on) => {
      options.rememberPreview(on ? 'on' : 'off');
      set({ previewMode: on });
    },
    storageUnavailable: false,
    unreadableProgress: null,
    dismissedNotices: [],
    reportStorageProblem: (problem) => {
      // Only report changes: every set() saves again, and a failing save must not report itself forever.
      if (problem.kind === 'unavailable' && !get().storageUnavailable) set({ storageUnavailable: true });
      if (problem.kind === 'unreadable' && !get().unreadableProgress) {
        set({ unreadableProgress: { reason: problem.reason, backupKey: problem.backupKey } });
      }
    },
    dismissNotice: (id) => set((state) => ({ dismissedNotices: [...state.dismissedNotices, id] })),
  });
}
