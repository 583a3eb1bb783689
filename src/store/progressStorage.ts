import type { PersistStorage, StorageValue } from 'zustand/middleware';
import { readSavedProgress, type ProgressData } from './progressData.ts';

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
): PersistStorage<ProgressData> {
  /** Writing stays off if unreadable progress could not be backed up: saving would overwrite the only copy. */
  let mayWrite = true;

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
      if (read.ok) return read.value as StorageValue<ProgressData>;

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
      try {
        getBackend().setItem(name, JSON.stringify(value));
      } catch {
        report({ kind: 'unavailable' });
      }
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
