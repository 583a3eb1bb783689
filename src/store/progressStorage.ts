import type { PersistStorage, StorageValue } from 'zustand/middleware';
import { emptyProgress, migrateProgress, readSavedProgress, type ProgressData } from './progressData.ts';
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
};

export type StorageProblem =
  /** Saved progress could not be read. Its raw text was copied to `backupKey`, or left in place if that failed. */
  | { kind: 'unreadable'; reason: string; backupKey: string | null }
  /** The browser refuses to store anything (storage blocked, private mode, or full). */
  | { kind: 'unavailable' };

/**
 * The persist storage for progress. It never throws: when storage is blocked it reports the problem and the
 * store keeps working in memory; when saved progress is unreadable it keeps a copy of the raw text under
 * another key before the course starts fresh, so nothing is lost.
 */
export function createProgressStorage(
  getBackend: () => Storage,
  report: (problem: StorageProblem) => void,
  now: () => Date = () => new Date(),
  sync?: TabSync,
): ProgressStorage {
  /** Writing stays off if unreadable progress could not be backed up: saving would overwrite the only copy. */
  let mayWrite = true;
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

      const backupKey = `${name}:unreadable:${now().toISOString()}`;
      try {
        getBackend().setItem(backupKey, raw);
        report({ kind: 'unreadable', reason: read.problem, backupKey });
      } catch {
        mayWrite = false;
        report({ kind: 'unreadable', reason: read.problem, backupKey: null });
        report({ kind: 'unavailable' });
      }
      return null;
    },
    setItem(name, value) {
      if (!mayWrite) return;
      const stored = sync ? readStored(name) : null;
      const merged = sync && stored ? sync.merge(base, value.state, stored) : value.state;
      try {
        getBackend().setItem(name, JSON.stringify({ ...value, state: merged }));
        base = merged;
      } catch {
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
    removeItem(name) {
      try {
        getBackend().removeItem(name);
      } catch {
        report({ kind: 'unavailable' });
      }
    },
  };
}
