/**
 * Time travel over one simulation. A run is fully defined by (scenario, seed, command log), so going
 * back in time means restoring a checkpoint and replaying forward; acting in the past forks the run:
 * the future after now is forgotten and the student's action is appended to the log with its time.
 *
 * Checkpoints are taken every `checkpointEveryEvents` events. When there are more than
 * `maxCheckpoints`, or they hold more than `checkpointBudgetBytes`, every other one is dropped and the
 * spacing doubles, so memory stays bounded and a seek never replays more than about one spacing of
 * events. (A protocol whose state grows, like a Raft log, gets fewer, sparser checkpoints.)
 *
 * Commands enter the simulation only here, each applied the moment the run reaches its time (after
 * the engine's own events of that instant), and never sit in a queue a checkpoint could capture. So a
 * checkpoint taken before a command's time is valid on every branch that shares its past.
 */
import { runEndMs, type Action } from './schema';
import type { Simulation } from './simulation';
import type { AppendOnlyLists, Checkpoint } from './world';

export interface TimelineOptions {
  /** Events between checkpoints at first (default 4000). */
  checkpointEveryEvents?: number;
  /** Checkpoints kept before thinning (default 128). */
  maxCheckpoints?: number;
  /** Approximate memory the checkpoints may hold before thinning (default 48 MB). */
  checkpointBudgetBytes?: number;
  /** A command log to replay (each action stamped with its time), e.g. from a share link. */
  commands?: readonly Action[];
}

export class Timeline {
  readonly sim: Simulation;
  private log: Action[];
  /** How many commands of the log the simulation has applied. */
  private applied = 0;
  private checkpoints: Checkpoint[] = [];
  private readonly budgetBytes: number;
  private spacing: number;
  private readonly initialSpacing: number;
  private readonly maxCheckpoints: number;
  private furthest = 0;
  /**
   * The append-only lists (history, notes…) of the furthest point reached on this branch. After going
   * back in time the simulation works on copies, so these still extend every checkpoint of the branch.
   */
  private branchLists: AppendOnlyLists;
  private branchEvents = 0;

  constructor(sim: Simulation, options: TimelineOptions = {}) {
    if (sim.world.counters.events > 0 || sim.commandsTaken > 0) {
      throw new Error('Timeline needs a simulation that has not run yet');
    }
    this.sim = sim;
    this.initialSpacing = Math.max(1, options.checkpointEveryEvents ?? 4000);
    this.spacing = this.initialSpacing;
    this.maxCheckpoints = Math.max(2, options.maxCheckpoints ?? 128);
    this.budgetBytes = options.checkpointBudgetBytes ?? 48 * 1024 * 1024;
    this.log = [...(options.commands ?? [])].sort((a, b) => a.at - b.at);
    this.checkpoints.push(sim.checkpoint());
    this.branchLists = sim.world;
  }

  get now(): number {
    return this.sim.now;
  }

  /** The furthest time this branch has reached: the right end of the scrubber. */
  get horizon(): number {
    return Math.max(this.furthest, this.sim.now);
  }

  /** When this branch ends: the scenario's duration, plus every "Keep running" in its command log. */
  get endMs(): number {
    return runEndMs(this.sim.scenario.durationMs, this.log);
  }

  /** The command log: every student action on this branch, stamped with its time. */
  get commands(): readonly Action[] {
    return this.log;
  }

  get checkpointCount(): number {
    return this.checkpoints.length;
  }

  /** Runs forward to `time` (or seeks back if `time` is in the past). */
  runUntil(time: number): void {
    if (time < this.sim.now) this.seek(time);
    else this.advance(time);
  }

  /** When the next thing happens (an engine event or a logged command), or Infinity when nothing will. */
  nextTime(): number {
    return Math.min(this.log[this.applied]?.at ?? Infinity, this.sim.nextEventTime());
  }

  /**
   * Processes the next thing that happens: one engine event, or the next logged command when its time
   * comes first. Returns false when nothing is left to happen.
   */
  step(): boolean {
    const command = this.log[this.applied];
    const nextEvent = this.sim.nextEventTime();
    if (command && command.at < nextEvent) {
      this.advance(command.at);
      return true;
    }
    if (nextEvent === Infinity) return false;
    this.sim.step();
    this.afterEvents();
    this.noteProgress();
    return true;
  }

  /** Goes to `time`, restoring the nearest checkpoint before it when that is faster or necessary. */
  seek(time: number): void {
    const target = Math.max(0, time);
    const sim = this.sim;
    const checkpoint = this.latestCheckpointAtOrBefore(target);
    const mustGoBack = target < sim.now;
    if (mustGoBack || checkpoint.events > sim.world.counters.events) {
      sim.restoreCheckpoint(checkpoint, this.branchLists);
      this.applied = checkpoint.commandCount;
    }
    this.advance(target);
  }

  /**
   * Applies a student's action at the current time, forking the run: commands and checkpoints after
   * now are discarded, the action is logged with its time and applied.
   */
  command(action: Action): void {
    const now = this.sim.now;
    this.log.length = this.applied;
    this.log.push({ ...action, at: now });
    this.checkpoints = this.checkpoints.filter(
      (checkpoint) => checkpoint.at <= now && checkpoint.commandCount <= this.applied,
    );
    this.furthest = now;
    this.claimBranch();
    this.advance(now);
  }

  /** Back to time 0 with an empty command log. */
  reset(): void {
    this.log = [];
    this.checkpoints.length = 1;
    this.spacing = this.initialSpacing;
    this.sim.restoreCheckpoint(this.checkpoints[0]!);
    this.applied = 0;
    this.furthest = 0;
    this.claimBranch();
  }

  /** How the checkpoints are laid out, for benchmarks and tests. */
  stats(): { checkpoints: number; spacing: number; commands: number; approximateBytes: number } {
    return {
      checkpoints: this.checkpoints.length,
      spacing: this.spacing,
      commands: this.log.length,
      approximateBytes: this.totalBytes(),
    };
  }

  private advance(target: number): void {
    const sim = this.sim;
    for (;;) {
      const command = this.log[this.applied];
      const stop = command && command.at <= target ? command.at : target;
      while (!sim.runUntil(stop, this.eventsToNextCheckpoint())) this.afterEvents();
      this.afterEvents();
      if (stop !== command?.at || command.at > target) break;
      // The command's instant: the engine's events of this time have all run; the command goes last.
      sim.enqueueCommand(command, this.applied);
      this.applied++;
      sim.runUntil(stop);
    }
    this.noteProgress();
  }

  private eventsToNextCheckpoint(): number {
    const last = this.checkpoints[this.checkpoints.length - 1]!;
    return Math.max(0, last.events + this.spacing - this.sim.world.counters.events);
  }

  /** Takes a checkpoint when one is due. Only ever called between events, with no command queued. */
  private afterEvents(): void {
    if (this.eventsToNextCheckpoint() > 0) return;
    const last = this.checkpoints[this.checkpoints.length - 1]!;
    if (last.events === this.sim.world.counters.events) return;
    this.checkpoints.push(this.sim.checkpoint());
    while (
      this.checkpoints.length > 2 &&
      (this.checkpoints.length > this.maxCheckpoints || this.totalBytes() > this.budgetBytes)
    ) {
      this.checkpoints = this.checkpoints.filter((_, index) => index % 2 === 0);
      this.spacing *= 2;
    }
  }

  private totalBytes(): number {
    let total = 0;
    for (const checkpoint of this.checkpoints) total += checkpoint.approximateBytes;
    return total;
  }

  private latestCheckpointAtOrBefore(time: number): Checkpoint {
    let best = this.checkpoints[0]!;
    for (const checkpoint of this.checkpoints) if (checkpoint.at <= time) best = checkpoint;
    return best;
  }

  private noteProgress(): void {
    if (this.sim.now > this.furthest) this.furthest = this.sim.now;
    if (this.sim.world.counters.events >= this.branchEvents) this.claimBranch();
  }

  /** The simulation's own lists become the branch's: it is at (or past) the furthest point. */
  private claimBranch(): void {
    this.branchLists = this.sim.world;
    this.branchEvents = this.sim.world.counters.events;
  }
}
