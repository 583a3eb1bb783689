import type { StateCreator } from 'zustand';
import type { PreviewChoice } from '../course/preview.ts';
import type { CourseState } from './createCourseStore.ts';
import type { StorageProblem } from './progressStorage.ts';

export type NoticeId = 'unreadable-progress' | 'newer-progress' | 'storage-unavailable';

/** What the session slice may ask of the progress storage. */
export interface SavedProgressAccess {
  rawText(key: string): string | null;
  releaseUnreadable(): void;
  lastSave(): 'saved' | 'failed' | 'held' | 'none';
  /** The key progress is saved under. */
  key: string;
}

/** State that lives only as long as the tab: never saved with the progress. */
export interface SessionSlice {
  previewMode: boolean;
  setPreviewMode(on: boolean): void;
  storageUnavailable: boolean;
  /** Saved progress that could not be read; `backupKey` null means it is still under the progress key and saving waits. */
  unreadableProgress: { reason: string; backupKey: string | null } | null;
  /** Saved progress from a newer version of the course, left untouched; nothing is saved this visit. */
  newerProgress: { reason: string } | null;
  dismissedNotices: NoticeId[];
  reportStorageProblem(problem: StorageProblem): void;
  dismissNotice(id: NoticeId): void;
  /** The unreadable data's raw text, for the student to download. */
  unreadableText(): string | null;
  /** After the student downloaded it: deletes unreadable data that could not be copied, and saves again. */
  startFresh(): void;
  /** Whether the progress now shown is saved ('held' or 'failed': it lasts only until the tab closes). */
  lastSave(): 'saved' | 'failed' | 'held' | 'none';
}

export function createSessionSlice(options: {
  previewMode: boolean;
  rememberPreview: (choice: PreviewChoice) => void;
  saved: SavedProgressAccess;
}): StateCreator<CourseState, [['zustand/persist', unknown]], [], SessionSlice> {
  return (set, get) => ({
    previewMode: options.previewMode,
    setPreviewMode: (on) => {
      options.rememberPreview(on ? 'on' : 'off');
      set({ previewMode: on });
    },
    storageUnavailable: false,
    unreadableProgress: null,
    newerProgress: null,
    dismissedNotices: [],
    reportStorageProblem: (problem) => {
      // Only report changes: every set() saves again, and a failing save must not report itself forever.
      if (problem.kind === 'unavailable' && !get().storageUnavailable) set({ storageUnavailable: true });
      if (problem.kind === 'unreadable' && !get().unreadableProgress) {
        set({ unreadableProgress: { reason: problem.reason, backupKey: problem.backupKey } });
      }
      if (problem.kind === 'newer' && !get().newerProgress)
        set({ newerProgress: { reason: problem.reason } });
    },
    dismissNotice: (id) => set((state) => ({ dismissedNotices: [...state.dismissedNotices, id] })),
    unreadableText: () => {
      const unreadable = get().unreadableProgress;
      return unreadable ? options.saved.rawText(unreadable.backupKey ?? options.saved.key) : null;
    },
    startFresh: () => {
      options.saved.releaseUnreadable();
      // This set() saves the progress of this visit, now that nothing unreadable is in the way.
      set({ unreadableProgress: null, storageUnavailable: false });
    },
    lastSave: () => options.saved.lastSave(),
  });
}
