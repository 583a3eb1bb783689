/**
 * The module behind engine-harness.html, a test page for e2e/engine-determinism.spec.ts. It runs
 * simulations in the real worker, through the real client, and exposes a small API on `window` so
 * the spec can compare the browser's digests with the ones Node computes.
 */
import type { Action, ScenarioOverrides } from '../engine/core/schema';
import type { Frame } from './api';
import {
  createSimulationWorkerClient,
  getSimulationWorker,
  type SimulationWorkerClient,
  type WorkerFailure,
} from './client';

export interface HarnessRun {
  scenario: string;
  overrides?: ScenarioOverrides;
  commands?: Action[];
  until: number;
}

export interface HarnessResult {
  now: number;
  digest: string;
  events: number;
  operations: number;
  commands: Action[];
  error: string | null;
}

function summary(frame: Frame): HarnessResult {
  return {
    now: frame.now,
    digest: frame.digest,
    events: frame.counters.events,
    operations: frame.counters.operations,
    commands: frame.commands,
    error: frame.error?.message ?? null,
  };
}

/** Tracks a simulation's frames so the harness can wait for one that satisfies a condition. */
function frameWatcher() {
  let last: Frame | null = null;
  let waiters: { test: (frame: Frame) => boolean; resolve: (frame: Frame) => void }[] = [];
  return {
    onFrame(frame: Frame) {
      last = frame;
      const ready = waiters.filter((waiter) => waiter.test(frame));
      waiters = waiters.filter((waiter) => !waiter.test(frame));
      for (const waiter of ready) waiter.resolve(frame);
    },
    until(test: (frame: Frame) => boolean): Promise<Frame> {
      if (last && test(last)) return Promise.resolve(last);
      return new Promise((resolve) => waiters.push({ test, resolve }));
    },
  };
}

async function open(client: SimulationWorkerClient, run: HarnessRun) {
  const watcher = frameWatcher();
  const created = await client.create(
    { scenario: run.scenario, overrides: run.overrides, commands: run.commands },
    watcher.onFrame,
  );
  if (!created.ok) throw new Error(created.problems.join('\n'));
  return { id: created.simulationId, watcher };
}

/** Seeks straight to `until` in the shared worker. */
async function runTo(run: HarnessRun): Promise<HarnessResult> {
  const client = getSimulationWorker();
  const { id, watcher } = await open(client, run);
  await client.seek(id, run.until);
  const frame = await watcher.until((candidate) => candidate.now === run.until);
  await client.dispose(id);
  return summary(frame);
}

/** Plays at 20× until `until`, then pauses where it stands and seeks exactly to `until`. */
async function playTo(run: HarnessRun): Promise<{ framesWhilePlaying: number; result: HarnessResult }> {
  const client = getSimulationWorker();
  const { id, watcher } = await open(client, run);
  let framesWhilePlaying = 0;
  const counting = watcher.until((frame) => {
    if (frame.playing) framesWhilePlaying++;
    return frame.now >= run.until;
  });
  await client.setSpeed(id, 20);
  await client.play(id);
  await counting;
  await client.pause(id);
  await client.seek(id, run.until);
  const frame = await watcher.until((candidate) => !candidate.playing && candidate.now === run.until);
  await client.dispose(id);
  return { framesWhilePlaying, result: summary(frame) };
}

/** Seeks to `until`, kills the worker, and waits for the client to notice, restart it and replay. */
async function surviveWorkerDeath(
  run: HarnessRun,
): Promise<{ failures: WorkerFailure[]; result: HarnessResult }> {
  // Short enough to keep the test quick, long enough that a seek on a busy machine is not taken for a hang.
  const client = createSimulationWorkerClient({ watchdogIntervalMs: 250, watchdogTimeoutMs: 5000 });
  const failures: WorkerFailure[] = [];
  client.onWorkerFailure((failure) => failures.push(failure));
  const { id, watcher } = await open(client, run);
  await client.seek(id, run.until);
  await watcher.until((frame) => frame.now === run.until);
  client.terminateWorkerForTesting();
  const revived = await watcher.until((frame) => frame.error !== null);
  await client.dispose(id);
  return { failures, result: summary(revived) };
}

const harness = { runTo, playTo, surviveWorkerDeath };
export type EngineHarness = typeof harness;

declare global {
  interface Window {
    engineHarness?: EngineHarness;
  }
}

window.engineHarness = harness;
document.getElementById('status')!.textContent = 'ready';
