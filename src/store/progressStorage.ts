import type { PersistStorage, StorageValue } from 'zustand/middleware';
import {
  emptyProgress,
  migrateProgress,
  progressVersion,
  readSavedProgress,
  type ProgressData,
} from './progressData.ts';
import { sameSavedValue } from './progressMerge.ts';

/** How saves from several tabs come together (see progressMerge.ts). */
export interface TabSync {
  /** Three-way merge of this tab's progress with the stored progress, given what this tab last synchronised. */
  merge(base: ProgressData, local: ProgressData, stored: ProgressData): ProgressData;
  /** This tab's progress now. */
  current(): ProgressData;
  /** Shows merged progress in this tab (which saves it again, a no-op once storage agrees). */
  apply(progress: ProgressData): void;
}

export type ProgressStorage = PersistStorage<ProgressData> & {
  /** Another tab changed the stored progress: merge it into this tab's. */
  syncFromStorage(name: string): void;
  /** The raw text kept under `key` (unreadable progress or its copy), or null. */
  rawText(key: string): string | null;
  /**
   * Deletes the unreadable progress that saving was held back for (the student has downloaded it), so that
   * saving starts again. Newer-version progress is never released.
   */
  releaseUnreadable(name: string): void;
  /** Whether the last save reached storage ('held': not written, to keep unreadable progress intact). */
  lastSave(): 'saved' | 'failed' | 'held' | 'none';
};

export type StorageProblem =
  /** Saved progress could not be read. Its raw text was copied to `backupKey`, or left in place if that failed. */
  | { kind: 'unreadable'; reason: string; backupKey: string | null }
  /** Saved progress is from a newer version of the course: left untouched, and nothing is saved over it. */
  | { kind: 'newer'; reason: string }
  /** The browser refuses to store anything (storage blocked, private mode, or full). */
  | { kind: 'unavailable' };

/**
 * The persist storage for progress. It never throws: when storage is blocked it reports the problem and the
 * store keeps working in memory; when saved progress is unreadable it keeps a copy of the raw text under
 * another key before the course starts fresh, so nothing is lost. If no copy fits (a large value near the
 * quota), saving waits until the student has downloaded the data and chosen to start fresh. Progress saved
 * by a newer version of the course is never copied or overwritten: that version can still read it.
 */
export function createProgressStorage(
  getBackend: () => Storage,
  report: (problem: StorageProblem) => void,
  now: () => Date = () => new Date(),
  sync?: TabSync,
): ProgressStorage {
  /**
   * Writing is held while unreadable progress could not be backed up (saving would overwrite the only copy)
   * or while the stored progress is from a newer version; `releasable` says whether the student may release it.
   */
  let mayWrite = true;
  let releasable = false;
  let lastSave: 'saved' | 'failed' | 'held' | 'none' = 'none';
  /** What this tab last read from or wrote to storage: the base of every three-way merge. */
  let base: ProgressData = emptyProgress;

  /** The stored progress in the current format, if storage holds readable progress. */
  const readStored = (name: string): ProgressData | null => {
    let raw: string | null;
    try {
      raw = getBackend().getItem(name);
    } catch {
      return null;
    }
    const read = raw === null ? null : readSavedProgress(raw);
    return read?.ok ? migrateProgress(read.value.state, read.value.version) : null;
  };

  return {
    getItem(name) {
      let raw: string | null;
      try {
        raw = getBackend().getItem(name);
      } catch {
        report({ kind: 'unavailable' });
        return null;
      }
      if (raw === null) return null;

      const read = readSavedProgress(raw);
      if (read.ok) {
        base = migrateProgress(read.value.state, read.value.version);
        return read.value as StorageValue<ProgressData>;
      }

      if (savedByNewerVersion(raw)) {
        mayWrite = false;
        report({ kind: 'newer', reason: read.problem });
        return null;
      }
      const backupKey = `${name}:unreadable:${now().toISOString()}`;
      try {
        getBackend().setItem(backupKey, raw);
        report({ kind: 'unreadable', reason: read.problem, backupKey });
      } catch {
        mayWrite = false;
        releasable = true;
        report({ kind: 'unreadable', reason: read.problem, backupKey: null });
      }
      return null;
    },
    setItem(name, value) {
      if (!mayWrite) {
        lastSave = 'held';
        return;
      }
      const stored = sync ? readStored(name) : null;
      const merged = sync && stored ? sync.merge(base, value.state, stored) : value.state;
      try {
        getBackend().setItem(name, JSON.stringify({ ...value, state: merged }));
        base = merged;
        lastSave = 'saved';
      } catch {
        lastSave = 'failed';
        report({ kind: 'unavailable' });
      }
      if (sync && !sameSavedValue(merged, value.state)) sync.apply(merged);
    },
    syncFromStorage(name) {
      const stored = sync && mayWrite ? readStored(name) : null;
      if (!sync || !stored) return;
      const local = sync.current();
      const merged = sync.merge(base, local, stored);
      base = stored;
      if (!sameSavedValue(merged, local)) sync.apply(merged);
    },
    rawText(key) {
      try {
        return getBackend().getItem(key);
      } catch {
        return null;
      }
    },
    releaseUnreadable(name) {
      if (!releasable) return;
      try {
        getBackend().removeItem(name);
        mayWrite = true;
        releasable = false;
      } catch {
        report({ kind: 'unavailable' });
      }
    },
    lastSave: () => lastSave,
    removeItem(name) {
      try {
        getBackend().removeItem(name);
      } catch {
        report({ kind: 'unavailable' });
      }
    },
  };
}

/** Whether raw saved progress names a format newer than this course reads. */
function savedByNewerVersion(raw: string): boolean {
  try {
    const version = (JSON.parse(raw) as { version?: unknown } | null)?.version;
    return typeof version === 'number' && version > progressVersion;
  } catch {
    return false;
  }
}
