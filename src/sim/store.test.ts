import { describe, expect, it } from 'vitest';
import { buildFrame, type Frame } from '../engine/core/frame';
import { createSimulation } from '../engine/catalog/resolve';
import type { Action } from '../engine/core/schema';
import type { CreateRequest, CreateResult, SimulationWorkerApi } from '../worker/api';
import {
  createSimulationStore,
  partitionAction,
  laterActions,
  receiveFrame,
  shouldPlay,
  togglePartitionSide,
  type StoreOptions,
} from './store';

/** A real frame from the engine, run to `time`. */
function engineFrame(time: number, simulationId = 'sim-1', extra: Partial<Frame> = {}): Frame {
  const sim = createSimulation('broadcast/basic', { seed: 3 });
  sim.runUntil(time);
  return {
    ...buildFrame(sim, { simulationId, horizon: time, playing: false, speed: 1, commands: [], checks: [] }),
    ...extra,
  };
}

/** Records every call the store makes and lets the test push frames, as the worker would. */
function recordingWorker(
  result: (request: CreateRequest) => CreateResult = () => ({
    ok: true,
    simulationId: 'sim-1',
    frame: engineFrame(0),
  }),
) {
  const calls: string[] = [];
  let push: ((frame: Frame) => void) | null = null;
  const api: SimulationWorkerApi = {
    create: async (request, onFrame) => {
      calls.push(`create ${JSON.stringify(request)}`);
      push = onFrame;
      return result(request);
    },
    play: async (id) => void calls.push(`play ${id}`),
    pause: async (id) => void calls.push(`pause ${id}`),
    setSpeed: async (id, speed) => void calls.push(`setSpeed ${id} ${speed}`),
    step: async (id) => void calls.push(`step ${id}`),
    seek: async (id, time) => void calls.push(`seek ${id} ${time}`),
    command: async (id, action) => {
      calls.push(`command ${id} ${JSON.stringify(action)}`);
      return 'crash' in action && action.crash === 'n9'
        ? { ok: false, problems: ['crash: there is no node "n9" (nodes: n1, n2, n3)'] }
        : { ok: true };
    },
    runChecks: async (id) => {
      calls.push(`runChecks ${id}`);
      return [];
    },
    exportHistory: async (id, format) => {
      calls.push(`exportHistory ${id} ${format}`);
      return { fileName: `${format}.txt`, mediaType: 'text/plain', text: format };
    },
    pauseAt: async (id, moment) => void calls.push(`pauseAt ${id} ${JSON.stringify(moment)}`),
    findMoment: async (id, moment) => {
      calls.push(`findMoment ${id} ${JSON.stringify(moment)}`);
      return 'atMs' in moment ? moment.atMs : null;
    },
    measure: async () => [],
    judgeChallenge: async () => ({ judged: false, problems: [] }),
    shrinkSchedule: async () => null,
    ping: async () => 'pong',
    reset: async (id) => void calls.push(`reset ${id}`),
    restore: async (id, commands, horizonMs, atMs) => {
      calls.push(`restore ${id} ${JSON.stringify(commands)} ${horizonMs} ${atMs}`);
      return { ok: true };
    },
    dispose: async (id) => void calls.push(`dispose ${id}`),
  };
  return { api, calls, push: (frame: Frame) => push?.(frame) };
}

function manualTimers() {
  const pending: (() => void)[] = [];
  return {
    timers: { set: (callback: () => void) => pending.push(callback), clear: () => pending.splice(0) },
    flush: () => pending.splice(0).forEach((run) => run()),
  };
}

function storeWith(worker: ReturnType<typeof recordingWorker>, options: Partial<StoreOptions> = {}) {
  return createSimulationStore({
    scenario: 'broadcast/basic',
    overrides: { nodes: 3 },
    seed: 3,
    speed: 1,
    autoplay: true,
    link: async () => null,
    connect: async () => worker.api,
    ...options,
  });
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('reducers', () => {
  it('stops wanting to play once a frame reaches the end of the run', () => {
    const store = storeWith(recordingWorker());
    const state = { ...store.getState(), wantsToPlay: true };
    const frame = engineFrame(50);
    expect(receiveFrame(state, frame).wantsToPlay).toBeUndefined();
    expect(receiveFrame(state, { ...frame, now: frame.durationMs }).wantsToPlay).toBe(false);
  });

  it('drops a selected node that the new frame does not have (a reseeded smaller cluster)', () => {
    const store = storeWith(recordingWorker());
    const state = { ...store.getState(), selectedNode: 'n9' };
    expect(receiveFrame(state, engineFrame(10)).selectedNode).toBeNull();
  });

  it('stays paused where the worker stopped at an armed moment, and the pause is used up', () => {
    const moment = { event: 'crash' as const, node: 'n1' };
    const playing = { ...engineFrame(10), playing: true };
    const state = {
      ...storeWith(recordingWorker()).getState(),
      frame: playing,
      wantsToPlay: true,
      pauseMoment: moment,
    };
    const stopped = receiveFrame(state, { ...engineFrame(20), playing: false, reached: { moment, at: 20 } });
    expect(stopped.wantsToPlay).toBe(false);
    expect(stopped.pauseMoment).toBeNull();
    expect(shouldPlay({ ...state, ...stopped, onScreen: true })).toBe(false);
  });

  it('plays only when wanted, ready, on screen, in a visible tab and not at the end', () => {
    const ready = {
      status: 'ready' as const,
      wantsToPlay: true,
      onScreen: true,
      pageVisible: true,
      frame: engineFrame(10),
    };
    expect(shouldPlay(ready)).toBe(true);
    expect(shouldPlay({ ...ready, onScreen: false })).toBe(false);
    expect(shouldPlay({ ...ready, pageVisible: false })).toBe(false);
    expect(shouldPlay({ ...ready, wantsToPlay: false })).toBe(false);
    expect(shouldPlay({ ...ready, status: 'starting' })).toBe(false);
    expect(shouldPlay({ ...ready, frame: { ...ready.frame, now: ready.frame.durationMs } })).toBe(false);
  });

  it('builds a partition from the nodes put on side B', () => {
    let sideB: string[] = [];
    sideB = togglePartitionSide(sideB, 'n3');
    sideB = togglePartitionSide(sideB, 'n1');
    sideB = togglePartitionSide(sideB, 'n1');
    sideB = togglePartitionSide(sideB, 'n2');
    expect(partitionAction(['n1', 'n2', 'n3'], sideB)).toEqual({ at: 0, partition: [['n1'], ['n2', 'n3']] });
    expect(partitionAction(['n1', 'n2'], [])).toBeNull();
    expect(partitionAction(['n1', 'n2'], ['n1', 'n2'])).toBeNull();
  });
});

describe('the store and the worker', () => {
  it('creates the run with the embed’s overrides and seed, then plays once on screen', async () => {
    const worker = recordingWorker();
    const store = storeWith(worker);
    await store.getState().start();
    expect(worker.calls[0]).toBe(
      `create ${JSON.stringify({ scenario: 'broadcast/basic', overrides: { nodes: 3, seed: 3 }, speed: 1 })}`,
    );
    expect(store.getState().status).toBe('ready');
    expect(worker.calls).not.toContain('play sim-1');
    store.getState().setOnScreen(true);
    await settle();
    expect(worker.calls.at(-1)).toBe('play sim-1');
  });

  it('pauses when the tab is hidden or the embed scrolls away, and resumes after', async () => {
    const worker = recordingWorker();
    const store = storeWith(worker);
    await store.getState().start();
    store.getState().setOnScreen(true);
    worker.push({ ...engineFrame(20), playing: true });
    store.getState().setPageVisible(false);
    await settle();
    expect(worker.calls.at(-1)).toBe('pause sim-1');
    store.getState().setPageVisible(true);
    await settle();
    expect(worker.calls.at(-1)).toBe('play sim-1');
    worker.push({ ...engineFrame(30), playing: true });
    store.getState().setOnScreen(false);
    await settle();
    expect(worker.calls.at(-1)).toBe('pause sim-1');
  });

  it('a lesson component can hold Play back: pressing Play then only counts the attempt', async () => {
    const worker = recordingWorker();
    const store = storeWith(worker, { autoplay: false });
    await store.getState().start();
    store.getState().setOnScreen(true);
    store.getState().holdPlay('Make your prediction first');
    store.getState().play();
    store.getState().togglePlay();
    store.getState().playFrom(500); // compare mode's Play
    await settle();
    expect(worker.calls.filter((call) => call.startsWith('play') || call.startsWith('seek'))).toHaveLength(0);
    expect(store.getState().heldPlayAttempts).toBe(3);
    store.getState().holdPlay(null);
    store.getState().play();
    await settle();
    expect(worker.calls.at(-1)).toBe('play sim-1');
  });

  it('arms a pause at a moment in the worker and asks it when a moment happens', async () => {
    const worker = recordingWorker();
    const store = storeWith(worker);
    await store.getState().start();
    store.getState().pauseAt({ event: 'leader' });
    await settle();
    expect(worker.calls.at(-1)).toBe('pauseAt sim-1 {"event":"leader"}');
    expect(store.getState().pauseMoment).toEqual({ event: 'leader' });
    expect(await store.getState().findMoment({ atMs: 1900 })).toBe(1900);
  });

  it('does not resume by itself after the student paused', async () => {
    const worker = recordingWorker();
    const store = storeWith(worker);
    await store.getState().start();
    store.getState().setOnScreen(true);
    worker.push({ ...engineFrame(20), playing: true });
    store.getState().togglePlay();
    store.getState().setOnScreen(false);
    store.getState().setOnScreen(true);
    await settle();
    expect(worker.calls.filter((call) => call.startsWith('play'))).toHaveLength(1);
    expect(store.getState().wantsToPlay).toBe(false);
  });

  it('replays a share link’s seed and command log', async () => {
    const worker = recordingWorker();
    const commands: Action[] = [{ at: 40, crash: 'n2' }];
    const store = storeWith(worker, { link: async () => ({ seed: 99, commands }) });
    await store.getState().start();
    expect(worker.calls[0]).toBe(
      `create ${JSON.stringify({ scenario: 'broadcast/basic', overrides: { nodes: 3, seed: 99 }, commands, speed: 1 })}`,
    );
    expect(store.getState().seed).toBe(99);
  });

  it('falls back to the default run, naming the problem, when the worker refuses a shared run', async () => {
    const worker = recordingWorker((request) =>
      request.commands
        ? { ok: false, problems: ['commands[0].crash: there is no node "n9" (nodes: n1, n2, n3)'] }
        : { ok: true, simulationId: 'sim-1', frame: engineFrame(0) },
    );
    const store = storeWith(worker, {
      link: async () => ({ seed: 99, commands: [{ at: 40, crash: 'n9' }] }),
    });
    await store.getState().start();
    expect(store.getState()).toMatchObject({ status: 'ready', sharedRun: null, seed: 3 });
    expect(store.getState().linkProblem).toContain('there is no node "n9"');
    expect(worker.calls.at(-1)).toContain('"seed":3');
  });

  it('leaves a shared run for the lesson’s default run', async () => {
    const worker = recordingWorker();
    const store = storeWith(worker, {
      link: async () => ({ seed: 99, commands: [{ at: 40, crash: 'n2' }] }),
    });
    await store.getState().start();
    expect(store.getState().sharedRun).toEqual({ seed: 99, actions: 1 });
    store.getState().showDefaultRun();
    await settle();
    expect(store.getState()).toMatchObject({ sharedRun: null, seed: 3 });
    expect(worker.calls.at(-1)).toBe(
      `create ${JSON.stringify({ scenario: 'broadcast/basic', overrides: { nodes: 3, seed: 3 }, speed: 1 })}`,
    );
  });

  it('keeps a worker error on screen through later frames and Play, until the student dismisses it', async () => {
    const worker = recordingWorker();
    const store = storeWith(worker);
    await store.getState().start();
    const error = { message: 'Error: handler threw', at: 120 };
    worker.push(engineFrame(120, 'sim-1', { error }));
    await settle();
    expect(store.getState().shownError).toEqual(error);
    store.getState().play();
    worker.push(engineFrame(150, 'sim-1', { error: null }));
    await settle();
    expect(store.getState().shownError).toEqual(error);
    store.getState().dismissError();
    worker.push(engineFrame(180, 'sim-1', { error: null }));
    await settle();
    expect(store.getState().shownError).toBeNull();
  });

  it('shows the worker’s problems inline', async () => {
    const worker = recordingWorker(() => ({
      ok: false,
      problems: ['params.w: W must be between 1 and N (got W=5, N=3)'],
    }));
    const store = storeWith(worker);
    await store.getState().start();
    expect(store.getState()).toMatchObject({
      status: 'failed',
      problems: ['params.w: W must be between 1 and N (got W=5, N=3)'],
    });
  });

  it('ignores frames of a run it has replaced, and disposes the old run on a new seed', async () => {
    let created = 0;
    const worker = recordingWorker(() => ({
      ok: true,
      simulationId: `sim-${++created}`,
      frame: engineFrame(0, `sim-${created}`),
    }));
    const store = storeWith(worker);
    await store.getState().start();
    store.getState().reseed(1234);
    await settle();
    expect(worker.calls).toContain('dispose sim-1');
    expect(worker.calls.at(-1)).toBe(
      `create ${JSON.stringify({ scenario: 'broadcast/basic', overrides: { nodes: 3, seed: 1234 }, speed: 1 })}`,
    );
    const stale = engineFrame(500, 'sim-1');
    worker.push(stale);
    expect(store.getState().frame?.simulationId).toBe('sim-2');
    expect(store.getState().frame?.now).toBe(0);
  });

  it('sends the student’s actions to the worker and keeps only the latest seek while one is running', async () => {
    const worker = recordingWorker();
    const store = storeWith(worker);
    await store.getState().start();
    worker.push(engineFrame(800, 'sim-1', { horizon: 800 }));
    store.getState().command({ at: 0, crash: 'n1' });
    store.getState().seek(100);
    store.getState().seek(200);
    store.getState().seek(300);
    store.getState().seek(50_000);
    await settle();
    await settle();
    expect(worker.calls).toContain(`command sim-1 ${JSON.stringify({ at: 0, crash: 'n1' })}`);
    expect(worker.calls.filter((call) => call.startsWith('seek'))).toEqual([
      'seek sim-1 100',
      'seek sim-1 10000',
    ]);
  });

  it('acting in the past says how many later actions it discarded, and Undo puts the old log back where the student acted', async () => {
    const worker = recordingWorker();
    const store = storeWith(worker, { autoplay: false });
    await store.getState().start();
    const later = [
      { at: 900, crash: 'n1' },
      { at: 1500, restart: 'n1' },
    ];
    worker.push(engineFrame(400, 'sim-1', { horizon: 2000, commands: later }));
    expect(laterActions(store.getState().frame, 400)).toEqual(later);
    store.getState().command({ at: 0, crash: 'n2' });
    await settle();
    expect(store.getState().undoable).toEqual({ discarded: 2, at: 400, commands: later, horizon: 2000 });
    store.getState().undo();
    await settle();
    expect(worker.calls.at(-1)).toBe(`restore sim-1 ${JSON.stringify(later)} 2000 400`);
    expect(store.getState().undoable).toBeNull();

    // Acting at the end of the log discards nothing, so there is nothing to undo.
    worker.push(engineFrame(1600, 'sim-1', { horizon: 2000, commands: later }));
    store.getState().command({ at: 0, crash: 'n3' });
    await settle();
    expect(store.getState().undoable).toBeNull();
  });

  it('in compare mode, goes to the shared time before acting and before playing', async () => {
    const worker = recordingWorker();
    const store = storeWith(worker, { autoplay: false });
    await store.getState().start();
    store.getState().setOnScreen(true);
    worker.calls.length = 0;
    store.getState().commandAt(700, { at: 0, crash: 'n2' }, true);
    await settle();
    await settle();
    expect(worker.calls).toEqual([
      'seek sim-1 700',
      `command sim-1 ${JSON.stringify({ at: 0, crash: 'n2' })}`,
      'play sim-1',
    ]);
    worker.calls.length = 0;
    store.getState().pause();
    store.getState().playFrom(900);
    await settle();
    await settle();
    expect(worker.calls.slice(-2)).toEqual(['seek sim-1 900', 'play sim-1']);
  });

  it('shows the worker’s reason when it refuses an action', async () => {
    const worker = recordingWorker();
    const store = storeWith(worker);
    await store.getState().start();
    store.getState().command({ at: 0, crash: 'n9' });
    await settle();
    expect(store.getState().commandProblem).toBe('crash: there is no node "n9" (nodes: n1, n2, n3)');
    store.getState().command({ at: 0, crash: 'n1' });
    expect(store.getState().commandProblem).toBeNull();
  });

  it('shows where a seek is headed until a frame from there arrives', async () => {
    const worker = recordingWorker();
    const store = storeWith(worker);
    await store.getState().start();
    worker.push(engineFrame(800, 'sim-1', { horizon: 800 }));
    store.getState().seek(300);
    expect(store.getState().seekTarget).toBe(300);
    worker.push(engineFrame(300));
    expect(store.getState().seekTarget).toBeNull();
    expect(store.getState().frame?.now).toBe(300);
  });

  it('applies only the latest of the frames that arrive before a paint', async () => {
    const worker = recordingWorker();
    const painters: (() => void)[] = [];
    const store = storeWith(worker, { beforePaint: (callback) => painters.push(callback) });
    await store.getState().start();
    worker.push(engineFrame(100));
    worker.push(engineFrame(200));
    worker.push(engineFrame(300));
    expect(painters).toHaveLength(1);
    expect(store.getState().frame?.now).toBe(0);
    painters.shift()!();
    expect(store.getState().frame?.now).toBe(300);
  });

  it('records the messages of every frame for the space-time diagram, even frames that are never drawn', async () => {
    const worker = recordingWorker();
    const painters: (() => void)[] = [];
    const store = storeWith(worker, { beforePaint: (callback) => painters.push(callback) });
    await store.getState().start();
    const skipped = engineFrame(300);
    worker.push(skipped);
    worker.push(engineFrame(600));
    expect(skipped.messages.length).toBeGreaterThan(0);
    for (const message of skipped.messages)
      expect(store.getState().messageLog.byId.get(message.id)).toMatchObject({
        from: message.from,
        to: message.to,
        sentAt: message.sentAt,
      });
  });

  it('announces new notes in batches, not on every frame', async () => {
    const worker = recordingWorker();
    const { timers, flush } = manualTimers();
    const store = storeWith(worker, { timers });
    await store.getState().start();
    const base = engineFrame(10);
    worker.push({ ...base, notes: [{ at: 5, node: 'n1', text: 'n1 crashed' }] });
    worker.push({
      ...base,
      now: 12,
      notes: [
        { at: 5, node: 'n1', text: 'n1 crashed' },
        { at: 11, node: null, text: 'network healed' },
      ],
    });
    expect(store.getState().announcement).toBe('');
    flush();
    expect(store.getState().announcement).toBe('n1 crashed. network healed.');
  });
});
