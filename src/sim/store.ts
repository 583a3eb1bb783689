/**
 * One store per <Simulation> embed (zustand `createStore`, handed down through a React context), fed by
 * the simulation worker. The store holds the latest frame and the page-side state around it (selection,
 * the partition being drawn, the live announcement); its actions forward the student's intent to the
 * worker. The pure reducers at the top are what the unit tests exercise; the controller below wires
 * them to the worker's asynchronous API.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HistoryFile, HistoryFormat } from '../engine/checkers/export';
import type { Frame, SimulationError } from '../engine/core/frame';
import type { Note } from '../engine/core/world';
import type { Moment } from '../engine/analysis/moments';
import type { Action, ScenarioInput, ScenarioOverrides } from '../engine/core/schema';
import {
  maxSpeed,
  minSpeed,
  type CommandResult,
  type CreateRequest,
  type SimulationWorkerApi,
} from '../worker/api';
import { clearMessageLog, createMessageLog, recordFrame, type MessageLog } from '../viz/spacetime/messageLog';
import { announceIntervalMs, announcementText, newNotes } from './liveSummary';

export type Status = 'idle' | 'starting' | 'ready' | 'failed';

export interface SimulationData {
  status: Status;
  /** Why the simulation could not be created or stopped working, one readable line each. */
  problems: string[];
  /** Why the worker refused the student's last action (it names the problem), until the next one. */
  commandProblem: string | null;
  /** A share link for this embed that could not be used; the default run is shown instead. */
  linkProblem: string | null;
  /** The latest error the worker reported in a frame; it stays on screen until the student dismisses it. */
  shownError: SimulationError | null;
  /** The shared run being replayed from the page's link, until the student goes back to the default run. */
  sharedRun: { seed: number; actions: number } | null;
  simulationId: string | null;
  frame: Frame | null;
  seed: number;
  speed: number;
  /** The student's intent (or autoplay); the run actually plays only while the embed is also visible. */
  wantsToPlay: boolean;
  onScreen: boolean;
  pageVisible: boolean;
  selectedNode: string | null;
  selectedOperation: number | null;
  /** The nodes put on side B while a partition is being drawn; null when not drawing. */
  partitionSideB: string[] | null;
  /** Where a seek is headed until a frame arrives from there (the scrubber shows it meanwhile). */
  seekTarget: number | null;
  /** The latest text for the polite live region. */
  announcement: string;
  /** Recent messages for the space-time diagram; mutated in place on every frame. */
  messageLog: MessageLog;
  /** The moment the run will pause at while playing (a guided step's), or null. */
  pauseMoment: Moment | null;
  /**
   * Why Play is held back by something else on the page (a <Predict> waiting for the student's guess), or
   * null. While held, play() does not start the run; it counts the attempt in `heldPlayAttempts` instead.
   */
  playHold: string | null;
  /** How many times the student pressed Play while it was held (a <Predict> reacts to a change). */
  heldPlayAttempts: number;
  /**
   * The student acted in the past and that discarded later actions: what Undo puts back (the whole
   * command log before, how far the run had reached, and where the student acted), until the next action.
   */
  undoable: Undoable | null;
  /** Whether trying again may help: the worker failed, rather than the scenario being refused. */
  retryable: boolean;
}

export interface Undoable {
  /** How many logged actions acting discarded. */
  discarded: number;
  /** Where the student acted, in simulated ms. */
  at: number;
  commands: Action[];
  horizon: number;
}

export interface SimulationActions {
  start(): Promise<void>;
  dispose(): void;
  togglePlay(): void;
  play(): void;
  pause(): void;
  step(): void;
  seek(time: number): void;
  setSpeed(speed: number): void;
  command(action: Action): void;
  /**
   * Compare mode: go to `time`, apply the action there, and play on if `resume`. Both runs of a
   * comparison do this with the same time, so their command logs stay identical.
   */
  commandAt(time: number, action: Action, resume: boolean): void;
  /** Compare mode: go to `time` and play from there, so both runs start together. */
  playFrom(time: number): void;
  /**
   * "Keep running": logs an action that extends the run `ms` past its end (so share links replay it) and
   * plays on (unless Play is held).
   */
  keepRunning(ms: number): void;
  /** Puts back the actions that acting in the past discarded (see `undoable`), standing where the student acted. */
  undo(): void;
  /**
   * Replaces the whole command log (a schedule edited as a list, or one to replay) and goes back to time 0,
   * so Play replays the new log from the start.
   */
  replaceCommands(commands: Action[]): void;
  /** Runs the scenario's checkers over the history so far; their verdict arrives with the next frame. */
  runChecks(): void;
  /** The run's whole history so far as a file for an outside checker; null when the simulation is not running. */
  exportHistory(format: HistoryFormat): Promise<HistoryFile | null>;
  reset(): void;
  reseed(seed: number): void;
  dismissError(): void;
  /** After the simulation could not start or stopped working: starts it again from its seed (and shared run). */
  retry(): void;
  /** Leaves a shared run for the embed's own default run (its seed, no actions). */
  showDefaultRun(): void;
  setOnScreen(onScreen: boolean): void;
  setPageVisible(visible: boolean): void;
  selectNode(id: string | null): void;
  selectOperation(id: number | null): void;
  /** Arms a pause at `moment` (null disarms): playing stops right after it happens; frame.reached says so. */
  pauseAt(moment: Moment | null): void;
  /** When `moment` first happens in this run (seed and actions so far), in simulated ms; null if never. */
  findMoment(moment: Moment): Promise<number | null>;
  /**
   * The hook for other lesson components: hold Play back with a reason the embed shows (null releases
   * it). Read the run's time with `store.subscribe` on `frame.now`.
   */
  holdPlay(reason: string | null): void;
  beginPartition(): void;
  togglePartitionSide(id: string): void;
  cancelPartition(): void;
}

export type SimulationState = SimulationData & SimulationActions;
export type SimulationStore = StoreApi<SimulationState>;

// -------------------------------------------------------------------------------------------------
// Pure reducers

/** The run reached its scenario's duration: playing further would do nothing. */
export function atEnd(frame: Frame | null): boolean {
  return frame !== null && frame.now >= frame.durationMs;
}

export function shouldPlay(
  state: Pick<SimulationData, 'status' | 'wantsToPlay' | 'onScreen' | 'pageVisible' | 'frame'>,
): boolean {
  return (
    state.status === 'ready' &&
    state.wantsToPlay &&
    state.onScreen &&
    state.pageVisible &&
    !atEnd(state.frame)
  );
}

/** A new frame to show: keep it, and stop wanting to play once the run has ended. */
export function receiveFrame(state: SimulationData, frame: Frame): Partial<SimulationData> {
  const update: Partial<SimulationData> = { frame };
  const previous = state.frame?.error;
  if (frame.error && (frame.error.message !== previous?.message || frame.error.at !== previous.at))
    update.shownError = frame.error;
  if (state.seekTarget !== null && frame.now === state.seekTarget) update.seekTarget = null;
  if (state.wantsToPlay && atEnd(frame)) update.wantsToPlay = false;
  // The worker stopped at the armed moment: stay paused there, and the pause is used up.
  if (frame.reached && !frame.playing && !state.frame?.reached) {
    if (state.wantsToPlay) update.wantsToPlay = false;
    if (state.pauseMoment) update.pauseMoment = null;
  }
  if (state.selectedNode && !frame.nodes.some((node) => node.id === state.selectedNode))
    update.selectedNode = null;
  return update;
}

export function togglePartitionSide(sideB: readonly string[], id: string): string[] {
  return sideB.includes(id) ? sideB.filter((other) => other !== id) : [...sideB, id];
}

/** The partition action for the drawn sides, or null when one side would be empty. */
export function partitionAction(allNodes: readonly string[], sideB: readonly string[]): Action | null {
  const sideA = allNodes.filter((id) => !sideB.includes(id));
  const b = allNodes.filter((id) => sideB.includes(id));
  if (sideA.length === 0 || b.length === 0) return null;
  return { at: 0, partition: [sideA, b] };
}

/** The logged actions that acting at `time` would discard: those after it (the run forks there). */
export function laterActions(frame: Pick<Frame, 'commands'> | null, time: number): Action[] {
  return frame ? frame.commands.filter((action) => action.at > time) : [];
}

export { maxSpeed, minSpeed };
export function clampSpeed(speed: number): number {
  return Math.min(maxSpeed, Math.max(minSpeed, speed));
}

// -------------------------------------------------------------------------------------------------
// The store and its controller

/** What the page's URL holds for one embed. */
export type SharedLink = { seed: number; commands: Action[] } | { problem: string } | null;

export interface StoreOptions {
  /** A registered scenario id, or an inline scenario. */
  scenario: string | ScenarioInput;
  overrides: ScenarioOverrides;
  /** The seed the props or the scenario give. */
  seed: number;
  speed: number;
  autoplay: boolean;
  /** A run to replay from a share link, or a problem with the link; read once, when the run first starts. */
  link: () => Promise<SharedLink>;
  /** Resolves to the worker (shared by every embed on the page). */
  connect: () => Promise<SimulationWorkerApi>;
  /** Compare mode: runs created with the same clock play, pause and advance together (CreateRequest.clock). */
  clock?: string;
  /**
   * Runs a callback before the next paint. Frames arriving faster than the page paints are coalesced
   * (the latest wins), so a slow moment never builds a backlog. Defaults to requestAnimationFrame, or
   * to running at once where there is none (Node tests).
   */
  beforePaint?: (callback: () => void) => void;
  /** Wall-clock timers for the announcement throttle; injectable for tests. */
  timers?: { set: (callback: () => void, ms: number) => unknown; clear: (handle: unknown) => void };
}

export function createSimulationStore(options: StoreOptions): SimulationStore {
  const timers = options.timers ?? {
    set: (callback: () => void, ms: number) => setTimeout(callback, ms),
    clear: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  let link: Promise<SharedLink> | null = null;
  let sharedCommands: Action[] | undefined;
  const beforePaint =
    options.beforePaint ??
    (typeof requestAnimationFrame === 'function'
      ? (callback: () => void) => void requestAnimationFrame(callback)
      : (callback: () => void) => callback());

  let api: SimulationWorkerApi | null = null;
  /** Bumped by dispose and reseed, so answers about an older simulation are ignored. */
  let generation = 0;
  let requestedPlaying = false;
  let seekInFlight = false;
  let queuedSeek: number | null = null;
  let seenNotes: Note[] = [];
  let pendingNotes: Note[] = [];
  let announceTimer: unknown = null;
  let lastAnnouncedAt = -Infinity;
  let waitingFrame: { frame: Frame; generation: number } | null = null;

  const store = createStore<SimulationState>()((set, get) => {
    const id = () => get().simulationId;

    const fail = (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      set({ status: 'failed', retryable: true, problems: [`The simulation stopped working: ${message}`] });
    };

    /** Calls the worker for the current simulation, reporting failures inline rather than throwing. */
    const call = (action: (api: SimulationWorkerApi, simulationId: string) => Promise<unknown>) => {
      const simulationId = id();
      if (!api || !simulationId || get().status !== 'ready') return Promise.resolve();
      const callGeneration = generation;
      return action(api, simulationId).catch((error: unknown) => {
        if (callGeneration === generation) fail(error);
      });
    };

    /** While Play is held (see `playHold`), counts the attempt and says so. */
    const held = () => {
      if (get().playHold === null) return false;
      set({ heldPlayAttempts: get().heldPlayAttempts + 1 });
      return true;
    };

    const reconcilePlaying = () => {
      const wanted = shouldPlay(get());
      if (wanted === requestedPlaying) return;
      requestedPlaying = wanted;
      void call((worker, simulationId) => (wanted ? worker.play(simulationId) : worker.pause(simulationId)));
    };

    const flushAnnouncement = () => {
      announceTimer = null;
      if (pendingNotes.length === 0) return;
      lastAnnouncedAt = Date.now();
      set({ announcement: announcementText(pendingNotes) });
      pendingNotes = [];
    };

    const collectNotes = (frame: Frame, previousNow: number | null) => {
      if (previousNow !== null && frame.now < previousNow) {
        // Scrubbing back replays the past silently.
        pendingNotes = [];
        seenNotes = frame.notes;
        return;
      }
      pendingNotes.push(...newNotes(seenNotes, frame.notes));
      seenNotes = frame.notes;
      if (pendingNotes.length === 0 || announceTimer !== null) return;
      const wait = Math.max(0, lastAnnouncedAt + announceIntervalMs - Date.now());
      announceTimer = timers.set(flushAnnouncement, wait);
    };

    const applyFrame = (frame: Frame, frameGeneration: number) => {
      if (frameGeneration !== generation || frame.simulationId !== get().simulationId) return;
      const previousNow = get().frame?.now ?? null;
      collectNotes(frame, previousNow);
      set(receiveFrame(get(), frame));
      if (!frame.playing) requestedPlaying = false;
      reconcilePlaying();
    };

    const onFrame = (frameGeneration: number) => (frame: Frame) => {
      // Every frame feeds the message log, even one that is never drawn: it may be the only one that
      // saw a short-lived message in flight.
      if (frameGeneration === generation && frame.simulationId === get().simulationId)
        recordFrame(get().messageLog, frame);
      const alreadyWaiting = waitingFrame !== null;
      waitingFrame = { frame, generation: frameGeneration };
      if (alreadyWaiting) return;
      beforePaint(() => {
        const latest = waitingFrame;
        waitingFrame = null;
        if (latest) applyFrame(latest.frame, latest.generation);
      });
    };

    const create = async (seed: number, commands: Action[] | undefined) => {
      const createGeneration = ++generation;
      requestedPlaying = false;
      set({ status: 'starting', problems: [], retryable: false, simulationId: null, frame: null, seed });
      try {
        api ??= await options.connect();
        const request: CreateRequest = {
          scenario: options.scenario,
          overrides: { ...options.overrides, seed },
          ...(commands ? { commands } : {}),
          speed: get().speed,
          ...(get().pauseMoment ? { pauseAt: get().pauseMoment } : {}),
          ...(options.clock ? { clock: options.clock } : {}),
        };
        const result = await api.create(request, onFrame(createGeneration));
        if (createGeneration !== generation) {
          if (result.ok) void api.dispose(result.simulationId);
          return;
        }
        if (!result.ok) {
          if (commands && get().sharedRun) {
            // A link that passed the page's checks but not the worker's: show the default run instead.
            set({
              sharedRun: null,
              linkProblem: `The shared run could not be replayed: ${result.problems.slice(0, 3).join('; ')}.`,
            });
            await create(options.seed, undefined);
            return;
          }
          set({ status: 'failed', problems: result.problems });
          return;
        }
        set({ status: 'ready', simulationId: result.simulationId, frame: result.frame });
        recordFrame(get().messageLog, result.frame);
        seenNotes = result.frame.notes;
        reconcilePlaying();
      } catch (error) {
        if (createGeneration === generation) fail(error);
      }
    };

    const forget = () => {
      const simulationId = id();
      generation++;
      if (api && simulationId) void api.dispose(simulationId).catch(() => undefined);
      clearMessageLog(get().messageLog);
      seenNotes = [];
      pendingNotes = [];
      if (announceTimer !== null) timers.clear(announceTimer);
      announceTimer = null;
    };

    /** What Undo would need if acting at `time` discards later actions, or null when it discards none. */
    const undoableAt = (time: number): Undoable | null => {
      const frame = get().frame;
      const discarded = laterActions(frame, time).length;
      if (!frame || discarded === 0) return null;
      return { discarded, at: time, commands: [...frame.commands], horizon: frame.horizon };
    };

    const settleCommand = (result: CommandResult, undoable: Undoable | null) => {
      if (!result.ok) set({ commandProblem: result.problems.join('; ') });
      // A new action replaces what an earlier Undo offered: undoing past it would lose it.
      else set({ undoable });
    };

    const runSeek = (time: number) => {
      seekInFlight = true;
      void call((worker, simulationId) => worker.seek(simulationId, time)).finally(() => {
        seekInFlight = false;
        if (queuedSeek === null && get().seekTarget === time) set({ seekTarget: null });
        if (queuedSeek !== null) {
          const next = queuedSeek;
          queuedSeek = null;
          runSeek(next);
        }
      });
    };

    return {
      status: 'idle',
      problems: [],
      retryable: false,
      commandProblem: null,
      linkProblem: null,
      sharedRun: null,
      shownError: null,
      simulationId: null,
      frame: null,
      seed: options.seed,
      speed: clampSpeed(options.speed),
      wantsToPlay: options.autoplay,
      onScreen: false,
      pageVisible: true,
      selectedNode: null,
      selectedOperation: null,
      partitionSideB: null,
      seekTarget: null,
      announcement: '',
      messageLog: createMessageLog(2000),
      pauseMoment: null,
      playHold: null,
      heldPlayAttempts: 0,
      undoable: null,

      start: async () => {
        if (get().status !== 'idle') return;
        if (!link) {
          set({ status: 'starting' });
          link = options.link().catch((error: unknown) => ({
            problem: `The link could not be read (${error instanceof Error ? error.message : String(error)}).`,
          }));
          const shared = await link;
          if (shared && 'problem' in shared) set({ linkProblem: shared.problem });
          else if (shared) {
            sharedCommands = shared.commands;
            set({ seed: shared.seed, sharedRun: { seed: shared.seed, actions: shared.commands.length } });
          }
        }
        await create(get().seed, get().sharedRun ? sharedCommands : undefined);
      },
      dispose: () => {
        forget();
        set({ status: 'idle', simulationId: null, frame: null });
      },
      togglePlay: () => (get().frame?.playing ? get().pause() : get().play()),
      play: () => {
        if (held()) return;
        set({ wantsToPlay: true });
        // After the end, play from the start again, as a media player does.
        if (atEnd(get().frame))
          void call((worker, simulationId) => worker.seek(simulationId, 0)).then(reconcilePlaying);
        else reconcilePlaying();
      },
      pause: () => {
        set({ wantsToPlay: false });
        reconcilePlaying();
      },
      step: () => {
        get().pause();
        void call((worker, simulationId) => worker.step(simulationId));
      },
      seek: (time) => {
        get().pause();
        // Seeking past the furthest point reached runs the simulation forward to it.
        const end = get().frame?.durationMs ?? 0;
        const target = Math.round(Math.min(end, Math.max(0, time)));
        set({ seekTarget: target });
        if (seekInFlight) queuedSeek = target;
        else runSeek(target);
      },
      setSpeed: (speed) => {
        const clamped = clampSpeed(speed);
        set({ speed: clamped });
        void call((worker, simulationId) => worker.setSpeed(simulationId, clamped));
      },
      command: (action) => {
        const undoable = undoableAt(get().frame?.now ?? 0);
        set({ commandProblem: null });
        void call(async (worker, simulationId) => {
          const result = await worker.command(simulationId, action);
          settleCommand(result, undoable);
        });
      },
      commandAt: (time, action, resume) => {
        const undoable = undoableAt(time);
        set({ commandProblem: null, wantsToPlay: resume });
        void call(async (worker, simulationId) => {
          await worker.seek(simulationId, time);
          // Seeking pauses the run in the worker.
          requestedPlaying = false;
          const result = await worker.command(simulationId, action);
          settleCommand(result, undoable);
        }).then(reconcilePlaying);
      },
      keepRunning: (ms) => {
        // Playing starts once the frame with the later end arrives (reconcilePlaying on that frame).
        if (get().playHold === null) set({ wantsToPlay: true });
        get().command({ at: 0, keepRunning: ms });
      },
      undo: () => {
        const undoable = get().undoable;
        if (!undoable) return;
        get().pause();
        set({ undoable: null, commandProblem: null });
        void call(async (worker, simulationId) => {
          const result = await worker.restore(simulationId, undoable.commands, undoable.horizon, undoable.at);
          if (!result.ok) set({ commandProblem: result.problems.join('; ') });
        });
      },
      replaceCommands: (commands) => {
        get().pause();
        clearMessageLog(get().messageLog);
        seenNotes = [];
        pendingNotes = [];
        set({ undoable: null, commandProblem: null, selectedOperation: null, announcement: '' });
        void call(async (worker, simulationId) => {
          const result = await worker.restore(simulationId, commands, 0, 0);
          if (!result.ok) set({ commandProblem: result.problems.join('; ') });
        });
      },
      playFrom: (time) => {
        // Compare mode's Play: held alike.
        if (held()) return;
        set({ wantsToPlay: true });
        void call(async (worker, simulationId) => {
          await worker.seek(simulationId, time);
          requestedPlaying = false;
        }).then(reconcilePlaying);
      },
      runChecks: () => {
        void call((worker, simulationId) => worker.runChecks(simulationId));
      },
      exportHistory: async (format) => {
        let file: HistoryFile | null = null;
        await call(async (worker, simulationId) => {
          file = await worker.exportHistory(simulationId, format);
        });
        return file;
      },
      reset: () => {
        clearMessageLog(get().messageLog);
        seenNotes = [];
        pendingNotes = [];
        set({ selectedOperation: null, partitionSideB: null, announcement: '', undoable: null });
        void call((worker, simulationId) => worker.reset(simulationId));
      },
      reseed: (seed) => {
        forget();
        set({
          selectedNode: null,
          selectedOperation: null,
          partitionSideB: null,
          linkProblem: null,
          sharedRun: null,
          undoable: null,
        });
        void create(seed, undefined);
      },
      dismissError: () => set({ shownError: null }),
      retry: () => {
        if (get().status !== 'failed') return;
        forget();
        void create(get().seed, get().sharedRun ? sharedCommands : undefined);
      },
      showDefaultRun: () => get().reseed(options.seed),
      setOnScreen: (onScreen) => {
        set({ onScreen });
        reconcilePlaying();
      },
      setPageVisible: (pageVisible) => {
        set({ pageVisible });
        reconcilePlaying();
      },
      selectNode: (selectedNode) => set({ selectedNode }),
      selectOperation: (selectedOperation) => set({ selectedOperation }),
      pauseAt: (moment) => {
        set({ pauseMoment: moment });
        void call((worker, simulationId) => worker.pauseAt(simulationId, moment));
      },
      findMoment: async (moment) => {
        const simulationId = id();
        if (!api || !simulationId || get().status !== 'ready') return null;
        return api.findMoment(simulationId, moment);
      },
      holdPlay: (playHold) => {
        set({ playHold });
        if (playHold !== null) get().pause();
      },
      beginPartition: () => set({ partitionSideB: [] }),
      togglePartitionSide: (nodeId) => {
        const sideB = get().partitionSideB;
        if (sideB) set({ partitionSideB: togglePartitionSide(sideB, nodeId) });
      },
      cancelPartition: () => set({ partitionSideB: null }),
    };
  });
  return store;
}
