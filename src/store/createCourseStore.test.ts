import { describe, expect, it, vi } from 'vitest';
import { createCourseStore, progressOf, progressStorageKey } from './createCourseStore.ts';
import { mergePredictions } from './predictionsSlice.ts';
import { emptyReview } from './reviewSlice.ts';
import { mergeSteps } from './stepsSlice.ts';
import { progressVersion } from './progressData.ts';

/** An in-memory Storage; `failWrites` makes it behave like a full or blocked one. */
class MemoryStorage implements Storage {
  readonly items = new Map<string, string>();
  failWrites = false;
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    if (this.failWrites) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.items.set(key, value);
  }
}

const now = () => new Date('2025-03-01T12:00:00.000Z');
const attempt = { at: '2025-02-01T10:00:00.000Z', correct: 3, total: 3, passed: true };

function storeOn(storage: () => Storage, rememberPreview = vi.fn()) {
  return createCourseStore({ storage, previewMode: false, rememberPreview, now });
}

/** Storage holding progress of the current version: empty, with these fields added. */
function storageHolding(fields: Record<string, unknown>): MemoryStorage {
  const storage = new MemoryStorage();
  const state = { lessons: {}, lastVisitedLessonId: null, studentName: '', ...fields };
  storage.setItem(progressStorageKey, JSON.stringify({ version: progressVersion, state }));
  return storage;
}

function saved(storage: MemoryStorage) {
  return JSON.parse(storage.getItem(progressStorageKey) ?? 'null');
}

describe('course store', () => {
  it('starts empty and saves each change under one key, by lesson id', () => {
    const storage = new MemoryStorage();
    const store = storeOn(() => storage);
    expect(progressOf(store.getState())).toEqual({
      lessons: {},
      lastVisitedLessonId: null,
      studentName: '',
      predictions: {},
      review: emptyReview,
      challenges: {},
      guidedSteps: {},
    });

    store.getState().recordAttempt('introduction', attempt);
    store.getState().markVisited('introduction');
    store.getState().setStudentName('Ada');

    expect(saved(storage)).toEqual({
      version: progressVersion,
      state: {
        lessons: { introduction: { attempts: [attempt] } },
        lastVisitedLessonId: 'introduction',
        studentName: 'Ada',
        predictions: {},
        review: emptyReview,
        challenges: {},
        guidedSteps: {},
      },
    });
    expect(saved(storage).state).not.toHaveProperty('previewMode');
  });

  it('loads saved progress when created again', () => {
    const storage = new MemoryStorage();
    storeOn(() => storage)
      .getState()
      .recordAttempt('introduction', attempt);
    expect(storeOn(() => storage).getState().lessons).toEqual({ introduction: { attempts: [attempt] } });
  });

  it('keeps every attempt, and reset forgets them but keeps the name', () => {
    const store = storeOn(() => new MemoryStorage());
    const failed = { ...attempt, correct: 1, passed: false };
    store.getState().recordAttempt('introduction', failed);
    store.getState().recordAttempt('introduction', attempt);
    store.getState().setStudentName('Ada');
    expect(store.getState().lessons.introduction?.attempts).toEqual([failed, attempt]);

    store.getState().resetProgress();
    expect(progressOf(store.getState())).toEqual({
      lessons: {},
      lastVisitedLessonId: null,
      studentName: 'Ada',
      predictions: {},
      review: emptyReview,
      challenges: {},
      guidedSteps: {},
    });
  });

  it('migrates version 1 progress (best attempt only) to the current version and saves it', () => {
    const storage = new MemoryStorage();
    storage.setItem(
      progressStorageKey,
      JSON.stringify({ version: 1, state: { scores: { introduction: attempt }, lastLesson: 'replication' } }),
    );
    const store = storeOn(() => storage);
    expect(progressOf(store.getState())).toEqual({
      lessons: { introduction: { attempts: [attempt] } },
      lastVisitedLessonId: 'replication',
      studentName: '',
      predictions: {},
      review: emptyReview,
      challenges: {},
      guidedSteps: {},
    });
    expect(saved(storage).version).toBe(progressVersion);
    expect(store.getState().unreadableProgress).toBeNull();
  });

  it.each([
    ['text that is not JSON', '{"version": 2, "state": {', 'it is not valid JSON'],
    [
      'JSON of the wrong shape',
      '{"version":2,"state":{"lessons":{"x":{"attempts":[{"correct":"3"}]}}}}',
      '"state.lessons.x.attempts[0].at"',
    ],
    ['no version at all', '[1,2,3]', 'expected an object with "version" and "state"'],
  ])('starts fresh from %s, says so, and keeps the raw data under another key', (_, raw, reason) => {
    const storage = new MemoryStorage();
    storage.setItem(progressStorageKey, raw);
    const store = storeOn(() => storage);

    const backupKey = `${progressStorageKey}:unreadable:2025-03-01T12:00:00.000Z`;
    expect(store.getState().unreadableProgress).toEqual({
      reason: expect.stringContaining(reason),
      backupKey,
    });
    expect(storage.getItem(backupKey)).toBe(raw);
    expect(store.getState().lessons).toEqual({});

    store.getState().recordAttempt('introduction', attempt);
    expect(saved(storage).state.lessons).toEqual({ introduction: { attempts: [attempt] } });
    expect(storage.getItem(backupKey)).toBe(raw);
  });

  it('never overwrites unreadable progress it could not back up, until the student downloads it and starts fresh', () => {
    const storage = new MemoryStorage();
    storage.setItem(progressStorageKey, 'garbage');
    storage.failWrites = true;
    const store = storeOn(() => storage);

    expect(store.getState().unreadableProgress).toEqual({ reason: 'it is not valid JSON', backupKey: null });
    expect(store.getState().unreadableText()).toBe('garbage');

    storage.failWrites = false;
    store.getState().recordAttempt('introduction', attempt);
    expect(storage.getItem(progressStorageKey)).toBe('garbage');
    expect(store.getState().lastSave()).toBe('held');

    store.getState().startFresh();
    expect(store.getState().unreadableProgress).toBeNull();
    expect(saved(storage).state.lessons).toEqual({ introduction: { attempts: [attempt] } });
    expect(store.getState().lastSave()).toBe('saved');
    // A later session saves as usual.
    expect(storeOn(() => storage).getState().lessons).toEqual({ introduction: { attempts: [attempt] } });
  });

  it('leaves progress from a newer version of the course untouched, in every session', () => {
    const storage = new MemoryStorage();
    const newer = '{"version":99,"state":{"lessons":{"introduction":{"attempts":[],"streak":3}}}}';
    storage.setItem(progressStorageKey, newer);
    const store = storeOn(() => storage);

    expect(store.getState().newerProgress?.reason).toContain('saved by a newer version of the course');
    expect(store.getState().unreadableProgress).toBeNull();
    store.getState().recordAttempt('introduction', attempt);
    store.getState().startFresh();
    store.getState().recordAttempt('introduction', attempt);
    expect(store.getState().lastSave()).toBe('held');
    expect(storage.getItem(progressStorageKey)).toBe(newer);
    expect([...storage.items.keys()]).toEqual([progressStorageKey]);
    expect(storeOn(() => storage).getState().newerProgress).not.toBeNull();
    expect(storage.getItem(progressStorageKey)).toBe(newer);
  });

  it('says whether imported progress was saved or lasts only this visit', () => {
    const storage = new MemoryStorage();
    const store = storeOn(() => storage);
    const imported = {
      lessons: { introduction: { attempts: [attempt] } },
      lastVisitedLessonId: null,
      studentName: '',
    };
    store.getState().replaceProgress(imported);
    expect(store.getState().lastSave()).toBe('saved');
    storage.failWrites = true;
    store.getState().replaceProgress({ ...imported, studentName: 'Ada' });
    expect(store.getState().lastSave()).toBe('failed');
  });

  it('checks loaded and imported progress against the course: passes recomputed, future dates and unknown lessons dropped', () => {
    const lessons = [{ id: 'introduction', passMark: 0.7 }];
    const storage = new MemoryStorage();
    const forged = { at: '2025-02-01T10:00:00.000Z', correct: 0, total: 3, passed: true };
    const future = { ...attempt, at: '9999-01-01T00:00:00.000Z' };
    storage.setItem(
      progressStorageKey,
      JSON.stringify({
        version: progressVersion,
        state: {
          lessons: { introduction: { attempts: [forged, future] }, unknown: { attempts: [attempt] } },
          lastVisitedLessonId: null,
          studentName: 'x'.repeat(10_000),
        },
      }),
    );
    const store = createCourseStore({
      storage: () => storage,
      previewMode: false,
      rememberPreview: vi.fn(),
      now,
      lessons,
    });
    expect(store.getState().lessons).toEqual({ introduction: { attempts: [{ ...forged, passed: false }] } });
    expect(store.getState().studentName).toHaveLength(80);

    store.getState().replaceProgress({
      lessons: { introduction: { attempts: [future] }, unknown: { attempts: [attempt] } },
      lastVisitedLessonId: 'unknown',
      studentName: '',
    });
    expect(store.getState().lessons.introduction?.attempts ?? []).toEqual([]);
    expect(store.getState().lessons.unknown).toBeUndefined();
    expect(store.getState().lastVisitedLessonId).toBeNull();
  });

  it('keeps working in memory when storage is blocked, and says so once', () => {
    const blocked = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    const store = storeOn(blocked);
    const listener = vi.fn();
    store.subscribe(listener);
    expect(store.getState().storageUnavailable).toBe(true);

    store.getState().recordAttempt('introduction', attempt);
    store.getState().recordAttempt('introduction', attempt);
    expect(store.getState().lessons.introduction?.attempts).toHaveLength(2);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('notices when saving starts failing, such as when storage is full', () => {
    const storage = new MemoryStorage();
    const store = storeOn(() => storage);
    expect(store.getState().storageUnavailable).toBe(false);

    storage.failWrites = true;
    store.getState().recordAttempt('introduction', attempt);
    expect(store.getState().storageUnavailable).toBe(true);
    expect(store.getState().lessons.introduction?.attempts).toEqual([attempt]);
  });

  it('dismisses notices and remembers the preview choice', () => {
    const rememberPreview = vi.fn();
    const store = storeOn(() => new MemoryStorage(), rememberPreview);
    store.getState().dismissNotice('storage-unavailable');
    expect(store.getState().dismissedNotices).toEqual(['storage-unavailable']);

    store.getState().setPreviewMode(true);
    expect(store.getState().previewMode).toBe(true);
    expect(rememberPreview).toHaveBeenCalledWith('on');
  });
});

describe('two tabs of the course', () => {
  /** Two tabs on one storage; `announce()` delivers the storage event each would get from the other. */
  function twoTabs() {
    const storage = new MemoryStorage();
    const listeners: (() => void)[] = [];
    const open = () =>
      createCourseStore({
        storage: () => storage,
        previewMode: false,
        rememberPreview: vi.fn(),
        now,
        watchOtherTabs: (onChange) => listeners.push(onChange),
      });
    const a = open();
    const b = open();
    return { storage, a, b, announce: () => listeners.forEach((onChange) => onChange()) };
  }
  const at = (minute: number, passed = true) => ({
    at: `2025-02-01T10:${String(minute).padStart(2, '0')}:00.000Z`,
    correct: passed ? 3 : 1,
    total: 3,
    passed,
  });

  it('a tab opened before another passed a quiz does not erase it when it saves', () => {
    const { storage, a, b } = twoTabs();
    a.getState().recordAttempt('introduction', at(1));
    // Tab B never heard of it (no storage event yet) and saves: "Start the course".
    b.getState().markVisited('introduction');
    expect(saved(storage).state.lessons).toEqual({ introduction: { attempts: [at(1)] } });
    expect(b.getState().lessons).toEqual({ introduction: { attempts: [at(1)] } });
    expect(saved(storage).state.lastVisitedLessonId).toBe('introduction');
  });

  it('keeps every attempt from interleaved quizzes in both tabs, and each tab sees the other’s', () => {
    const { storage, a, b, announce } = twoTabs();
    a.getState().recordAttempt('introduction', at(1, false));
    b.getState().recordAttempt('introduction', at(2));
    a.getState().recordAttempt('replication', at(3));
    b.getState().recordAttempt('replication', at(4, false));
    announce();
    const every = {
      introduction: { attempts: [at(1, false), at(2)] },
      replication: { attempts: [at(3), at(4, false)] },
    };
    expect(saved(storage).state.lessons).toEqual(every);
    expect(a.getState().lessons).toEqual(every);
    expect(b.getState().lessons).toEqual(every);
  });

  it('a reset in one tab is not undone by the other tab saving', () => {
    const { storage, a, b, announce } = twoTabs();
    a.getState().recordAttempt('introduction', at(1));
    announce();
    a.getState().resetProgress();
    b.getState().setStudentName('Ada');
    expect(saved(storage).state).toMatchObject({ lessons: {}, studentName: 'Ada' });
    announce();
    expect(b.getState().lessons).toEqual({});
    expect(a.getState().studentName).toBe('Ada');
  });
});

describe('predictions', () => {
  it('merge across tabs entry by entry: a prediction made in either tab is kept, a reset in one tab removes only what it had', () => {
    const record = (answer: number) => ({ at: attempt.at, answer });
    const base = { replication: { made: { a: record(1) }, revealedEarly: [] } };
    const local = { replication: { made: { a: record(1), b: record(2) }, revealedEarly: ['lag'] } };
    const stored = { replication: { made: { a: record(1), c: record(3) }, revealedEarly: [] } };
    expect(mergePredictions(base, local, stored)).toEqual({
      replication: { made: { a: record(1), b: record(2), c: record(3) }, revealedEarly: ['lag'] },
    });
    expect(mergePredictions(base, {}, stored)).toEqual({
      replication: { made: { c: record(3) }, revealedEarly: [] },
    });
  });

  it('saves each prediction with the progress, keeps the first outcome, survives a reload, and is cleared by a reset', () => {
    const storage = new MemoryStorage();
    const store = storeOn(() => storage);
    const { recordPrediction, recordPredictionOutcome, recordEarlyReveal } = store.getState();
    recordPrediction('replication', 'lost-writes', 5, attempt.at);
    recordPrediction('replication', 'sync-latency', null, attempt.at);
    recordPredictionOutcome('replication', 'lost-writes', { value: 33, right: false });
    recordPredictionOutcome('replication', 'lost-writes', { value: 5, right: true });
    recordEarlyReveal('replication', 'durability');
    recordEarlyReveal('replication', 'durability');

    const reloaded = storeOn(() => storage).getState().predictions;
    expect(reloaded).toEqual({
      replication: {
        made: {
          'lost-writes': { at: attempt.at, answer: 5, outcome: { value: 33, right: false } },
          'sync-latency': { at: attempt.at, answer: null },
        },
        revealedEarly: ['durability'],
      },
    });
    store.getState().resetProgress();
    expect(saved(storage).state.predictions).toEqual({});
  });

  it('rejects saved predictions of the wrong shape, naming where', () => {
    const store = storeOn(() =>
      storageHolding({
        predictions: { replication: { made: { x: { at: 'soon', answer: 1 } }, revealedEarly: [] } },
      }),
    );
    expect(store.getState().predictions).toEqual({});
    expect(store.getState().unreadableProgress?.reason).toMatch(/predictions.*at/);
  });
});

describe('guided steps done', () => {
  it('are saved per lesson and embed, survive a reload, and a list can start again without touching the others', () => {
    const storage = new MemoryStorage();
    const store = storeOn(() => storage);
    const { setStepDone, resetSteps } = store.getState();
    setStepDone('failover-and-consensus', 'raft-leader-crash', 2, true);
    setStepDone('failover-and-consensus', 'raft-leader-crash', 1, true);
    setStepDone('failover-and-consensus', 'raft-leader-crash', 1, true);
    setStepDone('failover-and-consensus', 'quorum', 3, true);
    setStepDone('failover-and-consensus', 'quorum', 3, false);
    setStepDone('replication', 'lag', 1, true);

    const reloaded = storeOn(() => storage);
    expect(reloaded.getState().guidedSteps).toEqual({
      'failover-and-consensus': { 'raft-leader-crash': [1, 2] },
      replication: { lag: [1] },
    });

    reloaded.getState().resetSteps('failover-and-consensus', 'raft-leader-crash');
    expect(saved(storage).state.guidedSteps).toEqual({ replication: { lag: [1] } });
    resetSteps('replication', 'lag');
    store.getState().setStepDone('replication', 'lag', 4, true);
    store.getState().resetProgress();
    expect(saved(storage).state.guidedSteps).toEqual({});
  });

  it('merge across tabs embed by embed: each tab keeps the lists it changed, and every list the other tab saved', () => {
    const base = { replication: { lag: [1] } };
    const local = { replication: { lag: [1, 2] } };
    const stored = { replication: { lag: [1] }, 'failover-and-consensus': { 'raft-leader-crash': [1] } };
    expect(mergeSteps(base, local, stored)).toEqual({
      replication: { lag: [1, 2] },
      'failover-and-consensus': { 'raft-leader-crash': [1] },
    });
    // This tab started a list again: the list goes, the other tab's list stays.
    expect(mergeSteps(base, {}, stored)).toEqual({ 'failover-and-consensus': { 'raft-leader-crash': [1] } });
  });

  it('rejects a saved step list that is not a list of step numbers, naming where', () => {
    const store = storeOn(() => storageHolding({ guidedSteps: { replication: { lag: [0] } } }));
    expect(store.getState().guidedSteps).toEqual({});
    expect(store.getState().unreadableProgress?.reason).toMatch(/guidedSteps.*lag.*1 or more/);
  });
});
