/**
 * The simulation host: runs every simulation of a page, advances the playing ones at animation rate
 * and posts frames. It is the object the worker exposes over comlink; it takes its wall clock and
 * timers from an environment so tests can drive it in Node.
 *
 * Wall-clock time is fine here (the host decides how fast to play), never in src/engine: the engine
 * only ever sees whole simulated milliseconds.
 */
import { runToFirstMoment, runToMoment, type Moment } from '../engine/analysis/moments';
import {
  computeMeasures,
  type MeasureRequest,
  type MeasureResult,
  type RunSpec,
} from '../engine/analysis/measures';
import {
  judgeChallenge,
  shrinkSchedule,
  type Challenge,
  type ChallengeVerdict,
  type ShrinkResult,
} from '../engine/analysis/challenges';
import { checkers, runChecks } from '../engine/checkers';
import { historyFile, type HistoryFile, type HistoryFormat } from '../engine/checkers/export';
import { buildFrame, type Frame, type SimulationError } from '../engine/core/frame';
import { Simulation } from '../engine/core/simulation';
import { nodeIdsOf } from '../engine/core/world';
import { Timeline } from '../engine/core/timeline';
import type { CheckResult } from '../engine/core/types';
import { resolveScenario, validateAction } from '../engine/catalog/resolve';
import type { Action } from '../engine/core/schema';
import { runSizeProblem, tickBudgetWallMs } from './runBudget';
import {
  followPaceOf,
  maxSpeed,
  minSpeed,
  type ReachedMoment,
  type CommandResult,
  type CreateRequest,
  type CreateResult,
  type PostedFrame,
  type WorkerHostApi,
} from './api';

export interface HostEnvironment {
  /** Wall-clock ms (performance.now in the worker). */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
}

/** About one animation frame. */
export const frameIntervalMs = 16;
/** A slow tick never advances more than this much wall time, so a busy worker cannot spiral. */
const maxTickWallMs = 100;

const browserEnvironment: HostEnvironment = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
};

type Resolved = Extract<ReturnType<typeof resolveScenario>, { ok: true }>;

interface Hosted {
  id: string;
  resolved: Resolved;
  timeline: Timeline;
  onFrame: (frame: PostedFrame) => void;
  /** The command log as last posted (its array, length and last action), to post it only when it changes. */
  postedCommands: { log: readonly Action[]; length: number; last: Action | undefined } | null;
  playing: boolean;
  speed: number;
  /** Simulated time owed from earlier ticks, below one whole ms. */
  carryMs: number;
  error: SimulationError | null;
  checks: { at: number; events: number; results: CheckResult[] } | null;
  /** Set when even a rebuild failed: the simulation can only be disposed. */
  broken: boolean;
  /** Playing stops exactly when this moment next happens (then it is cleared). */
  pauseAt: Moment | null;
  /** The moment playing last stopped at, until the student acts again. */
  reached: ReachedMoment | null;
  /** Speed factor while a few messages are in flight (see followPaceOf). */
  followPace: number;
  /** The clock this simulation shares with others (CreateRequest.clock), or null for its own. */
  clock: string | null;
}

export class SimulationHost implements WorkerHostApi {
  private sims = new Map<string, Hosted>();
  private nextId = 1;
  private ticking = false;
  private lastTick = 0;

  constructor(private readonly env: HostEnvironment = browserEnvironment) {}

  async create(request: CreateRequest, onFrame: (frame: PostedFrame) => void): Promise<CreateResult> {
    const resolved = resolveScenario(request.scenario, request.overrides ?? {});
    if (!resolved.ok) return { ok: false, problems: resolved.problems };
    const tooBig = runSizeProblem(resolved.scenario);
    if (tooBig) return { ok: false, problems: [tooBig] };
    const checked = validateCommands(request.commands ?? [], nodeIdsOf(resolved.scenario));
    if (!checked.ok) return checked;
    const { commands } = checked;

    const id = request.simulationId ?? `sim-${this.nextId++}`;
    const hosted: Hosted = {
      id,
      resolved,
      timeline: new Timeline(newSimulation(resolved), { commands }),
      onFrame,
      postedCommands: null,
      playing: false,
      speed: clampSpeed(request.speed ?? 1),
      carryMs: 0,
      error: request.error ?? null,
      checks: null,
      broken: false,
      pauseAt: request.pauseAt ?? null,
      reached: null,
      followPace: request.followMessages === false ? 1 : followPaceOf(resolved.scenario.network.latency),
      clock: request.clock ?? null,
    };
    this.sims.set(id, hosted);
    this.guarded(hosted, () => hosted.timeline.seek(this.clampTime(hosted, request.startAt ?? 0)));
    const frame = this.frameOf(hosted);
    this.commandsToPost(hosted);
    return { ok: true, simulationId: id, frame };
  }

  async play(simulationId: string): Promise<void> {
    for (const hosted of this.clockOf(this.get(simulationId))) {
      if (hosted.broken) continue;
      hosted.error = null;
      hosted.reached = null;
      hosted.playing = hosted.timeline.now < hosted.timeline.endMs;
      hosted.carryMs = 0;
      this.post(hosted);
    }
    this.startTicking();
  }

  async pause(simulationId: string): Promise<void> {
    const hosted = this.get(simulationId);
    this.pauseClock(hosted);
    this.post(hosted);
  }

  async setSpeed(simulationId: string, speed: number): Promise<void> {
    const hosted = this.get(simulationId);
    hosted.speed = clampSpeed(speed);
    this.post(hosted);
  }

  async step(simulationId: string): Promise<void> {
    const together = this.clockOf(this.get(simulationId));
    if (together.length === 1) {
      this.act(simulationId, (hosted) => hosted.timeline.step());
      return;
    }
    // On a shared clock, a step goes to the next thing that happens in any of the runs, in all of them.
    const next = Math.min(...together.map((hosted) => hosted.timeline.nextTime()));
    if (next === Infinity) return;
    for (const hosted of together)
      this.act(hosted.id, (target) => target.timeline.runUntil(this.clampTime(target, next)));
  }

  async seek(simulationId: string, time: number): Promise<void> {
    this.act(simulationId, (hosted) => hosted.timeline.seek(this.clampTime(hosted, time)));
  }

  async command(simulationId: string, input: Action): Promise<CommandResult> {
    const hosted = this.get(simulationId);
    // The action happens now, whatever `at` it came with.
    const checked = validateAction({ ...input, at: hosted.timeline.now }, hosted.timeline.sim.nodeIds);
    if (!checked.ok) return checked;
    this.act(simulationId, (target) => target.timeline.command(checked.action), { keepPlaying: true });
    return { ok: true };
  }

  async reset(simulationId: string): Promise<void> {
    this.act(simulationId, (hosted) => hosted.timeline.reset());
  }

  async restore(
    simulationId: string,
    input: Action[],
    horizonMs: number,
    atMs: number,
  ): Promise<CommandResult> {
    const hosted = this.get(simulationId);
    const checked = validateCommands(input, hosted.timeline.sim.nodeIds);
    if (!checked.ok) return checked;
    this.act(simulationId, (target) => {
      target.timeline = new Timeline(newSimulation(target.resolved), { commands: checked.commands });
      target.timeline.seek(this.clampTime(target, horizonMs));
      target.timeline.seek(this.clampTime(target, atMs));
    });
    return { ok: true };
  }

  async runChecks(simulationId: string): Promise<CheckResult[]> {
    const hosted = this.get(simulationId);
    const { sim } = hosted.timeline;
    const known = sim.scenario.checks.filter((name) => checkers.has(name));
    const results = runChecks(sim, known);
    hosted.checks = { at: sim.now, events: sim.world.counters.events, results };
    this.post(hosted);
    return results;
  }

  async exportHistory(simulationId: string, format: HistoryFormat): Promise<HistoryFile> {
    return historyFile(this.get(simulationId).timeline.sim, format);
  }

  async pauseAt(simulationId: string, moment: Moment | null): Promise<void> {
    const hosted = this.get(simulationId);
    hosted.pauseAt = moment;
    this.post(hosted);
  }

  async findMoment(simulationId: string, moment: Moment): Promise<number | null> {
    const hosted = this.get(simulationId);
    // A scratch replay of this branch (same seed, same command log), so the run on screen is untouched.
    const scratch = new Timeline(newSimulation(hosted.resolved), { commands: [...hosted.timeline.commands] });
    return runToMoment(scratch, moment, scratch.endMs);
  }

  async dispose(simulationId: string): Promise<void> {
    this.sims.delete(simulationId);
  }

  async measure(run: RunSpec, requests: MeasureRequest[]): Promise<MeasureResult[]> {
    return computeMeasures(run, requests);
  }

  async judgeChallenge(challenge: Challenge, schedule: Action[], seed: number): Promise<ChallengeVerdict> {
    return judgeChallenge(challenge, schedule, seed);
  }

  async shrinkSchedule(challenge: Challenge, schedule: Action[], seed: number): Promise<ShrinkResult | null> {
    return shrinkSchedule(challenge, schedule, seed);
  }

  async ping(): Promise<'pong'> {
    return 'pong';
  }

  /** The frame a simulation would post now (for tests and the harness). */
  frame(simulationId: string): Frame {
    return this.frameOf(this.get(simulationId));
  }

  // ---------------------------------------------------------------------------------------------

  private get(simulationId: string): Hosted {
    const hosted = this.sims.get(simulationId);
    if (!hosted) throw new Error(`No simulation "${simulationId}" in this worker`);
    return hosted;
  }

  /** A student's action: clears a shown error, pauses (unless told otherwise), runs guarded, posts a frame. */
  private act(
    simulationId: string,
    action: (hosted: Hosted) => void,
    options: { keepPlaying?: boolean } = {},
  ): void {
    const hosted = this.get(simulationId);
    if (hosted.broken) return;
    hosted.error = null;
    hosted.reached = null;
    if (!options.keepPlaying) this.pauseClock(hosted);
    this.guarded(hosted, () => action(hosted));
    this.post(hosted);
  }

  /** The simulations on this one's clock (itself included), in creation order. */
  private clockOf(hosted: Hosted): Hosted[] {
    if (hosted.clock === null) return [hosted];
    return [...this.sims.values()].filter((other) => other.clock === hosted.clock);
  }

  /** Stops every run on this one's clock, posting a frame for each other run that was playing. */
  private pauseClock(hosted: Hosted): void {
    hosted.playing = false;
    for (const member of this.clockOf(hosted)) {
      if (member === hosted || !member.playing) continue;
      member.playing = false;
      this.post(member);
    }
  }

  /**
   * Runs engine work. If it throws (a protocol handler bug, say), the run state may be half-updated, so
   * the simulation is rebuilt from (scenario, seed, command log) and replayed to the last good time;
   * the error is kept for the page to show.
   */
  private guarded(hosted: Hosted, work: () => void): void {
    const lastGood = hosted.timeline.now;
    try {
      work();
    } catch (error) {
      hosted.playing = false;
      hosted.error = { message: describeError(error), at: lastGood };
      const commands = [...hosted.timeline.commands];
      try {
        hosted.timeline = new Timeline(newSimulation(hosted.resolved), { commands });
        hosted.timeline.seek(lastGood);
      } catch (again) {
        hosted.broken = true;
        hosted.error = {
          message: `${hosted.error.message}; rebuilding the run failed too: ${describeError(again)}`,
          at: 0,
        };
      }
    }
  }

  private clampTime(hosted: Hosted, time: number): number {
    return Math.min(hosted.timeline.endMs, Math.max(0, Math.floor(Number.isFinite(time) ? time : 0)));
  }

  private frameOf(hosted: Hosted): Frame {
    const { timeline } = hosted;
    const { sim } = timeline;
    const checks = hosted.checks;
    const fresh = checks && checks.at === sim.now && checks.events === sim.world.counters.events;
    return buildFrame(sim, {
      simulationId: hosted.id,
      horizon: timeline.horizon,
      playing: hosted.playing,
      speed: hosted.speed,
      commands: timeline.commands,
      checks: fresh ? checks.results : undefined,
      error: hosted.error,
      reached: hosted.reached,
      drawAt: sim.now + (hosted.playing ? Math.min(hosted.carryMs, 0.999) : 0),
    });
  }

  private post(hosted: Hosted): void {
    const { commands, ...frame } = this.frameOf(hosted);
    hosted.onFrame(this.commandsToPost(hosted) ? { ...frame, commands } : frame);
  }

  /** Whether the command log changed since it was last posted (the log only grows, is cut and pushed, or is replaced). */
  private commandsToPost(hosted: Hosted): boolean {
    const log = hosted.timeline.commands;
    const posted = hosted.postedCommands;
    if (posted && posted.log === log && posted.length === log.length && posted.last === log.at(-1))
      return false;
    hosted.postedCommands = { log, length: log.length, last: log.at(-1) };
    return true;
  }

  private startTicking(): void {
    if (this.ticking) return;
    this.ticking = true;
    this.lastTick = this.env.now();
    this.env.setTimeout(() => this.tick(), frameIntervalMs);
  }

  /** One animation step: every playing simulation (or clock of them) advances by speed × elapsed wall time. */
  private tick(): void {
    const now = this.env.now();
    const elapsed = Math.min(maxTickWallMs, Math.max(0, now - this.lastTick));
    this.lastTick = now;
    let anyPlaying = false;
    const done = new Set<Hosted>();
    for (const hosted of this.sims.values()) {
      if (!hosted.playing || done.has(hosted)) continue;
      const together = this.clockOf(hosted).filter((member) => member.playing);
      together.forEach((member) => done.add(member));
      this.advance(together, elapsed);
      anyPlaying ||= together.some((member) => member.playing);
    }
    if (anyPlaying) this.env.setTimeout(() => this.tick(), frameIntervalMs);
    else this.ticking = false;
  }

  /**
   * Advances runs that share a clock (usually just one) to the same simulated time: the first run's speed,
   * the slowest pace any of them needs to follow its messages, and a pause moment in any of them stops all.
   */
  private advance(together: readonly Hosted[], elapsedWallMs: number): void {
    const lead = together[0]!;
    const start = lead.timeline.now;
    const inFlight = together.map((hosted) => messagesInFlight(hosted.timeline.sim));
    // Few messages in flight: slow motion, so each one stays on screen long enough to follow.
    const following = together.some(
      (hosted, index) => inFlight[index]! > 0 && inFlight[index]! <= followableMessages(hosted.timeline.sim),
    );
    const followPace = Math.min(...together.map((hosted) => hosted.followPace));
    lead.carryMs += elapsedWallMs * lead.speed * (following ? followPace : 1);
    const wholeMs = Math.floor(lead.carryMs);
    lead.carryMs -= wholeMs;
    const durationMs = Math.max(...together.map((hosted) => hosted.timeline.endMs));
    const target = Math.min(durationMs, start + wholeMs);
    // While nothing flies, full speed only until the next message leaves; then slow motion from there.
    const watchSends = inFlight.every((count) => count === 0) && followPace < 1;
    // Run toward the target in growing slices of simulated time until the tick's wall budget is spent: a
    // run heavier than real time then plays slower than asked, and the worker keeps answering.
    const deadline = this.env.now() + tickBudgetWallMs;
    let sliceMs = 1;
    let stopped = false;
    let reached: ReachedMoment | null = null;
    let reachedAt = start;
    do {
      let sliceEnd = Math.min(target, reachedAt + sliceMs);
      sliceMs *= 2;
      for (const hosted of together) {
        const end = Math.min(sliceEnd, hosted.timeline.endMs);
        if (hosted.timeline.now >= end) continue;
        const moments = [...(hosted.pauseAt ? [hosted.pauseAt] : []), ...(watchSends ? [anySend] : [])];
        if (moments.length > 0) {
          this.guarded(hosted, () => {
            const hit = runToFirstMoment(hosted.timeline, moments, end);
            if (!hit) return;
            stopped = true;
            lead.carryMs = 0;
            // The runs after this one stop here too.
            sliceEnd = hit.at;
            const moment = moments[hit.index]!;
            if (moment !== anySend) reached ??= { moment, at: hit.at };
          });
        } else this.guarded(hosted, () => hosted.timeline.runUntil(end));
      }
      reachedAt = sliceEnd;
    } while (!stopped && reachedAt < target && this.env.now() < deadline);
    if (together.length > 1) this.lineUp(together);
    for (const hosted of together) {
      if (reached) {
        // A pause moment in one run pauses them all there, and uses up every armed pause.
        hosted.playing = false;
        hosted.pauseAt = null;
        hosted.reached = reached;
      }
      if (hosted.timeline.now >= hosted.timeline.endMs) hosted.playing = false;
      hosted.carryMs = lead.carryMs;
      this.post(hosted);
    }
  }

  /**
   * A run that went ahead before a later one stopped early (at a moment inside the same slice) goes back
   * to it, so runs on one clock always show the same time. Runs that reached their own end stay there.
   */
  private lineUp(together: readonly Hosted[]): void {
    const running = together.filter((hosted) => hosted.timeline.now < hosted.timeline.endMs);
    if (running.length === 0) return;
    const at = Math.min(...running.map((hosted) => hosted.timeline.now));
    for (const hosted of running)
      if (hosted.timeline.now > at) this.guarded(hosted, () => hosted.timeline.runUntil(at));
  }
}

/** Matches every message sent: an idle run plays at full speed only until the next message leaves. */
const anySend: Moment = { event: 'send', message: '' };

/** Up to this many messages in flight can be followed one by one; more are a stream, shown at full speed. */
function followableMessages(sim: Simulation): number {
  return 3 * sim.nodeIds.length;
}

function messagesInFlight(sim: Simulation): number {
  let count = 0;
  for (const event of sim.pendingEvents()) if (event.kind === 'deliver') count++;
  return count;
}

/** Checks a command log against the scenario's nodes, naming each problem with its index. */
function validateCommands(
  inputs: readonly unknown[],
  nodeIds: readonly string[],
): { ok: true; commands: Action[] } | { ok: false; problems: string[] } {
  const commands: Action[] = [];
  const problems: string[] = [];
  inputs.forEach((input, i) => {
    const checked = validateAction(input, nodeIds, `commands[${i}]`);
    if (checked.ok) commands.push(checked.action);
    else problems.push(...checked.problems);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, commands };
}

function newSimulation(resolved: Resolved): Simulation {
  return new Simulation(resolved.scenario, resolved.protocol, resolved.params, { checkInvariants: true });
}

function clampSpeed(speed: number): number {
  return Number.isFinite(speed) ? Math.min(maxSpeed, Math.max(minSpeed, speed)) : 1;
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
