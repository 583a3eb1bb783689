/**
 * Determinism under random fault schedules: the same (seed, scenario, command log) replays exactly,
 * whether the commands were typed live, replayed from the log, or issued after jumping around in time.
 * Reproduce a failure with the seed fast-check prints: SEED=<seed> npx vitest run src/engine/core/properties.test.ts
 * More cases: PROPERTY_RUNS=500 npx vitest run src/engine/core/properties.test.ts
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../catalog/resolve';
import type { Action, ScenarioOverrides } from './schema';
import { faultScheduleArbitrary } from '../testing/arbitraries';
import type { Simulation } from './simulation';
import { Timeline } from './timeline';

const runs = Number(process.env.PROPERTY_RUNS ?? 15);
const seed = process.env.SEED === undefined ? undefined : Number(process.env.SEED);
/** Generous: the machine is shared, and PROPERTY_RUNS can be large. */
const propertyTimeoutMs = Math.max(60_000, runs * 200);
const nodes = ['n1', 'n2', 'n3', 'n4'];
const endMs = 4000;

const overrides = (runSeed: number): ScenarioOverrides => ({
  seed: runSeed,
  nodes: nodes.length,
  params: { antiEntropyMs: 150 },
  network: { lossRate: 0.02, duplicateRate: 0.02, reorderRate: 0.05 },
  workload: { clients: 4, ratePerClient: 30, keys: { count: 4 }, timeoutMs: 250 },
  durationMs: endMs,
});

function fingerprint(sim: Simulation) {
  const w = sim.world;
  return {
    digest: w.digest,
    counters: w.counters,
    history: w.history,
    notes: w.notes,
    samples: w.samples,
    nodes: w.nodes,
  };
}

/** The commands typed live, each at its time, with no time travel. */
function live(runSeed: number, commands: Action[]): Simulation {
  const sim = createSimulation('broadcast/basic', overrides(runSeed));
  for (const command of commands) {
    sim.runUntil(command.at);
    sim.command(command);
  }
  sim.runUntil(endMs);
  return sim;
}

const arbitraries = [fc.integer({ min: 0, max: 2 ** 31 }), faultScheduleArbitrary(nodes, endMs - 1)] as const;

describe('determinism under random faults', () => {
  it(
    'the same seed and command log give the same run; another seed gives another',
    () => {
      fc.assert(
        fc.property(...arbitraries, (runSeed, commands) => {
          const first = live(runSeed, commands);
          expect(fingerprint(live(runSeed, commands))).toEqual(fingerprint(first));
          expect(live(runSeed + 1, commands).world.digest).not.toBe(first.world.digest);
        }),
        { numRuns: runs, seed },
      );
    },
    propertyTimeoutMs,
  );

  it(
    'replaying the command log equals the live run',
    () => {
      fc.assert(
        fc.property(...arbitraries, (runSeed, commands) => {
          const expected = fingerprint(live(runSeed, commands));
          const queued = createSimulation('broadcast/basic', overrides(runSeed));
          commands.forEach((command, index) => queued.enqueueCommand(command, index));
          queued.runUntil(endMs);
          expect(fingerprint(queued)).toEqual(expected);
          const timeline = new Timeline(createSimulation('broadcast/basic', overrides(runSeed)), {
            commands,
            checkpointEveryEvents: 250,
          });
          timeline.runUntil(endMs);
          expect(fingerprint(timeline.sim)).toEqual(expected);
        }),
        { numRuns: runs, seed },
      );
    },
    propertyTimeoutMs,
  );

  it(
    'jumping around in time between the commands changes nothing',
    () => {
      fc.assert(
        fc.property(
          ...arbitraries,
          fc.array(fc.integer({ min: 0, max: endMs }), { minLength: 1, maxLength: 8 }),
          (runSeed, commands, jumps) => {
            const timeline = new Timeline(createSimulation('broadcast/basic', overrides(runSeed)), {
              checkpointEveryEvents: 250,
            });
            commands.forEach((command, i) => {
              timeline.seek(jumps[i % jumps.length]!); // wander off (maybe past the command's time)…
              timeline.seek(command.at); // …come back, and act there
              timeline.command(command);
            });
            for (const jump of jumps) timeline.seek(jump);
            timeline.seek(endMs);
            expect(timeline.commands).toEqual(commands);
            expect(fingerprint(timeline.sim)).toEqual(fingerprint(live(runSeed, commands)));
          },
        ),
        { numRuns: runs, seed },
      );
    },
    propertyTimeoutMs,
  );
});
