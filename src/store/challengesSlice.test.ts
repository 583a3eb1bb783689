import { describe, expect, it, vi } from 'vitest';
import { challengeStatus, mergeChallenges } from './challengesSlice.ts';
import { createCourseStore, progressOf } from './createCourseStore.ts';
import { checkSavedProgress, emptyProgress, progressVersion } from './progressData.ts';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

const solution = {
  at: '2025-03-01T12:00:00.000Z',
  seed: 1,
  schedule: [
    { at: 2000, isolate: 'n1' },
    { at: 3500, heal: true as const },
  ],
  shrunk: [{ at: 2000, isolate: 'n1' }],
};

describe('challenge progress', () => {
  it('counts tries, keeps the first solution and saves it with progress; reset forgets it', () => {
    const storage = memoryStorage();
    const store = createCourseStore({ storage: () => storage, previewMode: false, rememberPreview: vi.fn() });
    const { recordChallengeTry, recordChallengeSolved } = store.getState();
    recordChallengeTry('lose-an-acknowledged-write');
    expect(challengeStatus(store.getState().challenges['lose-an-acknowledged-write'])).toBe('tried');
    recordChallengeTry('lose-an-acknowledged-write');
    recordChallengeSolved('lose-an-acknowledged-write', solution);
    recordChallengeSolved('lose-an-acknowledged-write', { ...solution, seed: 9 });
    const record = store.getState().challenges['lose-an-acknowledged-write'];
    expect(record).toEqual({ tries: 2, solved: solution });
    expect(challengeStatus(record)).toBe('solved');
    const reloaded = createCourseStore({
      storage: () => storage,
      previewMode: false,
      rememberPreview: vi.fn(),
    });
    expect(reloaded.getState().challenges).toEqual({ 'lose-an-acknowledged-write': record });
    reloaded.getState().resetProgress();
    expect(reloaded.getState().challenges).toEqual({});
  });

  it('an impossible challenge given up on is explained, not solved', () => {
    const store = createCourseStore({
      storage: memoryStorage,
      previewMode: false,
      rememberPreview: vi.fn(),
    });
    store.getState().recordChallengeGaveUp('two-raft-leaders', '2025-03-01T12:00:00.000Z');
    expect(challengeStatus(store.getState().challenges['two-raft-leaders'])).toBe('explained');
    expect(challengeStatus(undefined)).toBe('not tried');
    expect(progressOf(store.getState()).challenges).toEqual({
      'two-raft-leaders': { tries: 0, gaveUpAt: '2025-03-01T12:00:00.000Z' },
    });
  });

  it('an exported file with challenges is accepted, and one with a malformed schedule is refused with the place', () => {
    const state = {
      ...emptyProgress,
      challenges: { 'lose-an-acknowledged-write': { tries: 1, solved: solution } },
    };
    expect(checkSavedProgress({ version: progressVersion, state }).ok).toBe(true);
    const broken = {
      ...emptyProgress,
      challenges: { x: { tries: 1, solved: { ...solution, shrunk: [{ isolate: 'n1' }] } } },
    };
    expect(checkSavedProgress({ version: progressVersion, state: broken })).toEqual({
      ok: false,
      problem: expect.stringMatching(/^"state\.challenges\.x\.solved\.shrunk\[0\]": expected an action/),
    });
  });

  it('tabs merge challenge by challenge', () => {
    const base = {};
    const local = { a: { tries: 1 } };
    const stored = { b: { tries: 2 } };
    expect(mergeChallenges(base, local, stored)).toEqual({ a: { tries: 1 }, b: { tries: 2 } });
  });
});
