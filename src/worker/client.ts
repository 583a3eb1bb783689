/**
 * The page side of the simulation worker: one worker shared by every embed on the page
 * (`getSimulationWorker()`), with the same API as the worker itself.
 *
 * The client also keeps the page safe from a worker that dies or hangs: a watchdog pings it, an error
 * event is caught, and either way the worker is restarted and every simulation is rebuilt from its
 * (scenario, seed, command log) and replayed to the time of its last frame. Its frames then carry the
 * error so the UI can say what happened.
 */
import { proxy, wrap, type Remote } from 'comlink';
import type { MeasureRequest, MeasureResult, RunSpec } from '../engine/analysis/measures';
import type { Challenge, ChallengeVerdict, ShrinkResult } from '../engine/analysis/challenges';
import type { HistoryFile, HistoryFormat } from '../engine/checkers/export';
import type { CheckResult } from '../engine/core/types';
import type { Action } from '../engine/core/schema';
import type {
  CommandResult,
  CreateRequest,
  CreateResult,
  Frame,
  Moment,
  PostedFrame,
  SimulationWorkerApi,
  WorkerHostApi,
} from './api';

export const workerNotLoadedMessage =
  'the browser could not load the simulation’s worker script (a browser extension, a network filter or a dropped connection can block it). Check your connection, then try again';

export interface WorkerFailure {
  message: string;
  /** True when the worker kept failing and the client gave up restarting it. */
  fatal: boolean;
}

export interface SimulationWorkerClient extends SimulationWorkerApi {
  /** Called whenever the worker failed (and, unless fatal, was restarted). Returns an unsubscribe function. */
  onWorkerFailure(listener: (failure: WorkerFailure) => void): () => void;
  /** Kills the worker without telling anyone, so tests can check that the watchdog notices and recovers. */
  terminateWorkerForTesting(): void;
}

export interface ClientOptions {
  createWorker?: () => Worker;
  /** How often the watchdog pings the worker while simulations exist (ms). */
  watchdogIntervalMs?: number;
  /** A ping unanswered this long means the worker is dead or stuck (ms). Big seeks run inside one call, so be generous. */
  watchdogTimeoutMs?: number;
  /** How long a freshly started worker may take to answer its first ping (ms): loading its code on a busy machine is not a hang. */
  watchdogStartupMs?: number;
  /** At most this many restarts per minute; after that the failure is fatal. */
  maxRestartsPerMinute?: number;
}

interface Tracked {
  request: CreateRequest & { simulationId: string };
  onFrame: (frame: Frame) => void;
  last: Frame | null;
  /** The armed pause, re-armed if the worker has to be restarted. */
  pauseAt: Moment | null;
}

const defaultWorker = () =>
  new Worker(new URL('./simulation.worker.ts', import.meta.url), { type: 'module' });

class WorkerClient implements SimulationWorkerClient {
  private worker: Worker | null = null;
  private remote: Remote<WorkerHostApi> | null = null;
  private readonly sims = new Map<string, Tracked>();
  private readonly listeners = new Set<(failure: WorkerFailure) => void>();
  private readonly pending = new Set<(error: Error) => void>();
  private readonly restarts: Restart[] = [];
  /** The sum of every simulation's time at the last failure, to tell whether a restart got anywhere. */
  private positionAtLastFailure: number | null = null;
  private nextId = 1;
  private pingSentAt: number | null = null;
  /** Whether the current worker has answered anything yet (until then it may still be loading its code). */
  private answeredOnce = false;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private dead = false;

  constructor(private readonly options: ClientOptions = {}) {}

  async create(request: CreateRequest, onFrame: (frame: Frame) => void): Promise<CreateResult> {
    const simulationId = request.simulationId ?? `sim-${this.nextId++}`;
    const tracked: Tracked = {
      request: { ...request, simulationId },
      onFrame,
      last: null,
      pauseAt: request.pauseAt ?? null,
    };
    this.sims.set(simulationId, tracked);
    try {
      const result = await this.call<CreateResult>((remote) =>
        remote.create(tracked.request, this.frameSink(tracked)),
      );
      if (result.ok) tracked.last ??= result.frame;
      else this.sims.delete(simulationId);
      return result;
    } catch (error) {
      this.sims.delete(simulationId);
      throw error;
    }
  }

  play(simulationId: string): Promise<void> {
    return this.call((remote) => remote.play(simulationId));
  }
  pause(simulationId: string): Promise<void> {
    return this.call((remote) => remote.pause(simulationId));
  }
  setSpeed(simulationId: string, speed: number): Promise<void> {
    return this.call((remote) => remote.setSpeed(simulationId, speed));
  }
  step(simulationId: string): Promise<void> {
    return this.call((remote) => remote.step(simulationId));
  }
  seek(simulationId: string, time: number): Promise<void> {
    return this.call((remote) => remote.seek(simulationId, time));
  }
  command(simulationId: string, action: Action): Promise<CommandResult> {
    return this.call<CommandResult>((remote) => remote.command(simulationId, action));
  }
  restore(simulationId: string, commands: Action[], horizonMs: number, atMs: number): Promise<CommandResult> {
    return this.call<CommandResult>((remote) => remote.restore(simulationId, commands, horizonMs, atMs));
  }
  reset(simulationId: string): Promise<void> {
    return this.call((remote) => remote.reset(simulationId));
  }
  runChecks(simulationId: string): Promise<CheckResult[]> {
    return this.call((remote) => remote.runChecks(simulationId));
  }
  exportHistory(simulationId: string, format: HistoryFormat): Promise<HistoryFile> {
    return this.call((remote) => remote.exportHistory(simulationId, format));
  }
  pauseAt(simulationId: string, moment: Moment | null): Promise<void> {
    const tracked = this.sims.get(simulationId);
    if (tracked) tracked.pauseAt = moment;
    return this.call((remote) => remote.pauseAt(simulationId, moment));
  }
  findMoment(simulationId: string, moment: Moment): Promise<number | null> {
    return this.call((remote) => remote.findMoment(simulationId, moment));
  }
  async dispose(simulationId: string): Promise<void> {
    this.sims.delete(simulationId);
    if (this.remote) await this.call((remote) => remote.dispose(simulationId));
  }
  measure(run: RunSpec, requests: MeasureRequest[]): Promise<MeasureResult[]> {
    return this.call((remote) => remote.measure(run, requests));
  }
  judgeChallenge(challenge: Challenge, schedule: Action[], seed: number): Promise<ChallengeVerdict> {
    return this.call<ChallengeVerdict>((remote) => remote.judgeChallenge(challenge, schedule, seed));
  }
  shrinkSchedule(challenge: Challenge, schedule: Action[], seed: number): Promise<ShrinkResult | null> {
    return this.call((remote) => remote.shrinkSchedule(challenge, schedule, seed));
  }
  ping(): Promise<'pong'> {
    return this.call((remote) => remote.ping());
  }

  onWorkerFailure(listener: (failure: WorkerFailure) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  terminateWorkerForTesting(): void {
    this.worker?.terminate();
  }

  // ---------------------------------------------------------------------------------------------

  private frameSink(tracked: Tracked) {
    return proxy((posted: PostedFrame) => {
      const frame = withCommands(posted, tracked.last);
      tracked.last = frame;
      tracked.onFrame(frame);
    });
  }

  /** Calls the worker (starting it if needed); the promise rejects if the worker fails meanwhile. */
  private call<T>(invoke: (remote: Remote<WorkerHostApi>) => Promise<T>): Promise<T> {
    if (this.dead)
      return Promise.reject(new Error('The simulation worker failed repeatedly and was stopped'));
    const remote = this.remote ?? this.start();
    return new Promise<T>((resolve, reject) => {
      this.pending.add(reject);
      invoke(remote)
        .then((value) => {
          if (this.remote === remote) this.answeredOnce = true;
          resolve(value);
        }, reject)
        .finally(() => this.pending.delete(reject));
    });
  }

  private start(): Remote<WorkerHostApi> {
    const worker = (this.options.createWorker ?? defaultWorker)();
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      // A worker that never answered and fails without a message never ran: its script did not load.
      if (!this.answeredOnce && !event.message) this.notLoaded();
      else this.fail(`The simulation worker crashed: ${event.message || 'unknown error'}`);
    });
    worker.addEventListener('messageerror', () =>
      this.fail('The simulation worker sent a message the page could not read'),
    );
    this.worker = worker;
    this.remote = wrap<WorkerHostApi>(worker);
    this.pingSentAt = null;
    this.answeredOnce = false;
    this.watchdog ??= setInterval(() => this.checkPulse(), this.options.watchdogIntervalMs ?? 3000);
    return this.remote;
  }

  private checkPulse(): void {
    if (!this.remote || this.sims.size === 0) return;
    const now = Date.now();
    if (this.pingSentAt !== null) {
      const timeoutMs = this.options.watchdogTimeoutMs ?? 15_000;
      const allowedMs = this.answeredOnce
        ? timeoutMs
        : Math.max(timeoutMs, this.options.watchdogStartupMs ?? 20_000);
      if (now - this.pingSentAt > allowedMs) this.fail('The simulation worker stopped responding');
      return;
    }
    this.pingSentAt = now;
    const remote = this.remote;
    remote.ping().then(
      () => {
        if (this.remote !== remote) return;
        this.pingSentAt = null;
        this.answeredOnce = true;
      },
      () => {},
    );
  }

  /**
   * The worker's script could not be loaded (blocked by an extension or a network filter, or the connection
   * dropped). Restarting at once would fail the same way, so the calls waiting on it fail with a message
   * that says so, and the next call (the embed's Try again) starts a fresh worker.
   */
  private notLoaded(): void {
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
    const error = new Error(workerNotLoadedMessage);
    for (const reject of this.pending) reject(error);
    this.pending.clear();
  }

  /** Restarts the worker and replays every simulation to its last frame's time (or gives up). */
  private fail(message: string): void {
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
    for (const reject of this.pending) reject(new Error(message));
    this.pending.clear();

    const now = Date.now();
    const position = [...this.sims.values()].reduce((sum, tracked) => sum + (tracked.last?.now ?? 0), 0);
    const progressed = this.positionAtLastFailure === null || position > this.positionAtLastFailure;
    this.positionAtLastFailure = position;
    this.restarts.push({ at: now, progressed });
    if (this.restarts.length > 16) this.restarts.shift();
    const fatal = restartIsFatal(this.restarts, now, this.options.maxRestartsPerMinute ?? 3);
    for (const listener of this.listeners) listener({ message, fatal });
    if (fatal) {
      this.dead = true;
      if (this.watchdog !== null) clearInterval(this.watchdog);
      this.watchdog = null;
      // Tell every embed, playing or not: it stays on its last frame with the error until dismissed.
      const stopped = `${message}. It kept failing${progressed ? '' : ' without getting any further'}, so it was stopped; reload the page to try again`;
      for (const tracked of this.sims.values())
        if (tracked.last)
          tracked.onFrame({
            ...tracked.last,
            playing: false,
            error: { message: stopped, at: tracked.last.now },
          });
      return;
    }
    for (const tracked of this.sims.values()) void this.revive(tracked, message);
  }

  private async revive(tracked: Tracked, message: string): Promise<void> {
    const last = tracked.last;
    const at = last?.now ?? tracked.request.startAt ?? 0;
    const request: CreateRequest = {
      ...tracked.request,
      commands: last ? last.commands : tracked.request.commands,
      startAt: at,
      pauseAt: tracked.pauseAt,
      speed: last?.speed ?? tracked.request.speed,
      error: { message, at },
    };
    try {
      const result = await this.call<CreateResult>((remote) =>
        remote.create(request, this.frameSink(tracked)),
      );
      if (result.ok) tracked.onFrame((tracked.last = result.frame));
    } catch {
      // A further failure starts its own recovery.
    }
  }
}

/** A posted frame made whole: an unchanged command log is the last frame's (the same array). */
export function withCommands(posted: PostedFrame, last: Frame | null): Frame {
  return posted.commands ? (posted as Frame) : { ...posted, commands: last?.commands ?? [] };
}

interface Restart {
  at: number;
  /** Whether any simulation got further in time since the restart before. */
  progressed: boolean;
}

/**
 * The client gives up restarting the worker when it fails more than `maxPerMinute` times in a minute, or
 * twice in a row without any simulation getting further (a run too heavy to replay would otherwise be
 * restarted forever, however slowly it fails).
 */
export function restartIsFatal(restarts: readonly Restart[], now: number, maxPerMinute: number): boolean {
  const lastMinute = restarts.filter((restart) => now - restart.at <= 60_000);
  if (lastMinute.length > maxPerMinute) return true;
  const lastTwo = restarts.slice(-2);
  return lastTwo.length === 2 && lastTwo.every((restart) => !restart.progressed);
}

let shared: SimulationWorkerClient | null = null;

/** A client with its own worker (tests and the engine harness use this to set the watchdog). */
export function createSimulationWorkerClient(options: ClientOptions = {}): SimulationWorkerClient {
  return new WorkerClient(options);
}

/** The page's one simulation worker, shared by every <Simulation> on it. The worker starts on first use. */
export function getSimulationWorker(): SimulationWorkerClient {
  shared ??= createSimulationWorkerClient();
  return shared;
}
