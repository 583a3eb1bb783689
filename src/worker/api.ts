/**
 * The typed RPC between the page and the simulation worker (implemented with comlink). Commands go in,
 * frames come out. Several <Simulation> embeds on one page share one worker, each with its own id.
 */
import type { Frame } from '../engine/core/frame';
import type { Action, ScenarioInput, ScenarioOverrides } from '../engine/scenarios/schema';

export interface CreateRequest {
  /** A registered scenario id ("quorum/basic") or an inline scenario. */
  scenario: string | ScenarioInput;
  overrides?: ScenarioOverrides;
  /** A command log to replay (from a share link), each action stamped with its time. */
  commands?: Action[];
}

export type CreateResult = { ok: true; simulationId: string; frame: Frame } | { ok: false; problems: string[] };

export interface SimulationWorkerApi {
  create(request: CreateRequest, onFrame: (frame: Frame) => void): Promise<CreateResult>;
  play(simulationId: string): Promise<void>;
  pause(simulationId: string): Promise<void>;
  /** Simulated ms per wall-clock ms: 0.1 to 100. */
  setSpeed(simulationId: string, speed: number): Promise<void>;
  /** Processes exactly one event. */
  step(simulationId: string): Promise<void>;
  /** Goes to any time in [0, horizon]; acting afterwards forks the run. */
  seek(simulationId: string, time: number): Promise<void>;
  /** Applies a student's action at the current time; discards the future after now and logs it. */
  command(simulationId: string, action: Action): Promise<void>;
  /** Back to time 0 with an empty command log. */
  reset(simulationId: string): Promise<void>;
  dispose(simulationId: string): Promise<void>;
}
