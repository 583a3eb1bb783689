/**
 * The typed RPC between the page and the simulation worker (implemented with comlink). Commands go in,
 * frames come out. Several <Simulation> embeds on one page share one worker, each with its own id.
 *
 * Every call that changes what the page should see (create, play, seek, command…) makes the worker
 * post a fresh frame through the `onFrame` callback given to `create`; while playing, frames arrive at
 * animation rate.
 */
import type { Moment } from '../engine/analysis/moments';
import type { Frame, ReachedMoment, SimulationError } from '../engine/core/frame';
import type { MeasureRequest, MeasureResult, RunSpec } from '../engine/analysis/measures';
import type { HistoryFile, HistoryFormat } from '../engine/checkers/export';
import type { CheckResult } from '../engine/core/types';
import type { Challenge, ChallengeVerdict, ShrinkResult } from '../engine/analysis/challenges';
import type { Action, ScenarioInput, ScenarioOverrides } from '../engine/core/schema';

export type { Frame, Moment, ReachedMoment, SimulationError };

/**
 * A frame as the worker posts it: `commands` only when the command log changed since the frame before it
 * (a log of 10,000 actions resent at animation rate costs frame rate and memory). The page-side client
 * fills it in from the last frame, so everything on the page sees whole frames.
 */
export type PostedFrame = Omit<Frame, 'commands'> & { commands?: Action[] };

export interface CreateRequest {
  /** A registered scenario id ("quorum/basic") or an inline scenario. */
  scenario: string | ScenarioInput;
  overrides?: ScenarioOverrides;
  /** A command log to replay (from a share link), each action stamped with its time. */
  commands?: Action[];
  /** The id to use; the page-side client passes its own so ids survive a worker restart. */
  simulationId?: string;
  /** Where to stand after creating, in simulated ms (commands up to then are applied). Default 0. */
  startAt?: number;
  /** Initial speed (simulated ms per wall-clock ms). Default 1. */
  speed?: number;
  /**
   * Slow motion while a few messages are in flight, so each stays on screen about half a second (default
   * true); false plays at exactly speed × wall time.
   */
  followMessages?: boolean;
  /** A moment to pause at while playing (see pauseAt). */
  pauseAt?: Moment | null;
  /** An error to show in frames until the next play/step/seek/command/reset (used when recovering). */
  error?: SimulationError;
  /**
   * Simulations created with the same clock name run on one clock (compare mode): play, pause, a step
   * and a student's seek or action apply to all of them, and while playing they advance to the same
   * simulated time on every tick, at the slowest member's message pace.
   */
  clock?: string;
}

export type CreateResult =
  { ok: true; simulationId: string; frame: Frame } | { ok: false; problems: string[] };

/** Commands are validated (schema and node names) before they touch the run. */
export type CommandResult = { ok: true } | { ok: false; problems: string[] };

/** Speed bounds, in simulated ms per wall-clock ms. */
export const minSpeed = 0.1;
export const maxSpeed = 100;

/** How long a typical message stays on screen at speed 1 while messages are followed, in wall-clock ms. */
export const messageOnScreenMs = 500;

/**
 * Simulated ms per wall-clock ms while a few messages are in flight, at speed 1: a typical message (the
 * network's minimum plus mean latency) then takes about half a second to cross. Never faster than real time.
 */
export function followPaceOf(latency: { minMs: number; meanMs: number }): number {
  return Math.min(1, Math.max(1e-4, (latency.minMs + latency.meanMs) / messageOnScreenMs));
}

export interface SimulationWorkerApi {
  create(request: CreateRequest, onFrame: (frame: Frame) => void): Promise<CreateResult>;
  play(simulationId: string): Promise<void>;
  pause(simulationId: string): Promise<void>;
  /** Simulated ms per wall-clock ms: 0.1 to 100 (clamped). */
  setSpeed(simulationId: string, speed: number): Promise<void>;
  /** Processes exactly one event (or the next logged command when it comes first). */
  step(simulationId: string): Promise<void>;
  /** Goes to any time in [0, durationMs]; acting afterwards forks the run. */
  seek(simulationId: string, time: number): Promise<void>;
  /** Applies a student's action at the current time (its `at` is ignored); discards the future after now and logs it. */
  command(simulationId: string, action: Action): Promise<CommandResult>;
  /** Back to time 0 with an empty command log. */
  reset(simulationId: string): Promise<void>;
  /**
   * Puts a command log back (Undo after acting in the past discarded later actions): the run is replayed
   * with `commands` as far as `horizonMs` (so the scrubber reaches as far as before) and stands at `atMs`.
   */
  restore(simulationId: string, commands: Action[], horizonMs: number, atMs: number): Promise<CommandResult>;
  /** Runs the scenario's checkers (and reports invariants) over the history so far; also shown in the next frames. */
  runChecks(simulationId: string): Promise<CheckResult[]>;
  /** The run's whole history so far as a file an outside checker reads (Porcupine JSON or Jepsen EDN). */
  exportHistory(simulationId: string, format: HistoryFormat): Promise<HistoryFile>;
  /**
   * Arms a pause: while playing, the run stops right after the event that makes `moment` happen (or at its
   * time), and the next frame's `reached` says so. One moment at a time; null disarms. Stepping, seeking
   * and acting keep it armed.
   */
  pauseAt(simulationId: string, moment: Moment | null): Promise<void>;
  /**
   * When `moment` first happens in this run (its seed and command log, replayed on its own from 0), in
   * simulated ms, or null when it never does. The run on screen is not touched.
   */
  findMoment(simulationId: string, moment: Moment): Promise<number | null>;
  dispose(simulationId: string): Promise<void>;
  /**
   * Reads measures (src/engine/analysis/measures) from a run replayed on its own, in the worker: a
   * prediction's outcome, a quiz answer from the student's run. No embed's run is touched.
   */
  measure(run: RunSpec, requests: MeasureRequest[]): Promise<MeasureResult[]>;
  /** Judges a challenge's fault schedule on a run of its own (src/engine/analysis/challenges). */
  judgeChallenge(challenge: Challenge, schedule: Action[], seed: number): Promise<ChallengeVerdict>;
  /** The smallest schedule found that still breaks the challenge's goal, or null when this one does not. */
  shrinkSchedule(challenge: Challenge, schedule: Action[], seed: number): Promise<ShrinkResult | null>;
  /** Liveness probe for the page-side watchdog. */
  ping(): Promise<'pong'>;
}

/** What the worker itself exposes: the same calls, but its frames may leave out an unchanged command log. */
export interface WorkerHostApi extends Omit<SimulationWorkerApi, 'create'> {
  create(request: CreateRequest, onFrame: (frame: PostedFrame) => void): Promise<CreateResult>;
}
