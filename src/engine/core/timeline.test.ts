import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../catalog/resolve';
import type { Action } from './schema';
import type { Simulation } from './simulation';
import { Timeline } from './timeline';

const runs = Number(process.env.PROPERTY_RUNS ?? 25);
const seed = process.env.SEED === undefined ? undefined : Number(process.env.SEED);
/** Generous: the machine is shared, and PROPERTY_RUNS can be large. */
const propertyTimeoutMs = Math.max(60_000, runs * 200);

const overrides = {
  seed: 21,
  nodes: 4,
  durationMs: 6000,
  workload: { clients: 4, ratePerClient: 25, keys: { count: 5 } },
};
const newSim = () => createSimulation('broadcast/basic', overrides);
const newTimeline = (commands?: Action[]) =>
  new Timeline(newSim(), { checkpointEveryEvents: 100, maxCheckpoints: 8, commands });

/** Everything a replay must reproduce. */
function fingerprint(sim: Simulation) {
  const w = sim.world;
  return {
    now: w.now,
    digest: w.digest,
    counters: w.counters,
    history: w.history,
    notes: w.notes,
    samples: w.samples,
  };
}

const straight = newSim().run();

describe('Timeline', () => {
  it(
    'seeking anywhere and then running on equals a straight run',
    () => {
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: 0, max: 6000 }), { minLength: 1, maxLength: 6 }),
          (targets) => {
            const timeline = newTimeline();
            for (const target of targets) timeline.seek(target);
            timeline.runUntil(6000);
            expect(fingerprint(timeline.sim)).toEqual(fingerprint(straight));
          },
        ),
        { numRuns: runs, seed },
      );
    },
    propertyTimeoutMs,
  );

  it(
    'a seek lands on the same state as running straight to that time',
    () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 6000 }), fc.integer({ min: 0, max: 6000 }), (first, target) => {
          const timeline = newTimeline();
          timeline.seek(first);
          timeline.seek(target);
          const direct = newSim();
          direct.runUntil(target);
          expect(fingerprint(timeline.sim)).toEqual(fingerprint(direct));
        }),
        { numRuns: runs, seed },
      );
    },
    propertyTimeoutMs,
  );

  it(
    'an action in the past forks the run; the command log replays the fork exactly',
    () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 5000 }),
          fc.integer({ min: 0, max: 5000 }),
          fc.constantFrom<Action>(
            { at: 0, crash: 'n2' },
            { at: 0, partition: [['n1'], ['n2', 'n3', 'n4']] },
            { at: 0, pause: 'n3', durationMs: 400 },
          ),
          (explore, forkAt, action) => {
            const timeline = newTimeline();
            timeline.seek(explore);
            timeline.seek(forkAt);
            timeline.command(action);
            expect(timeline.horizon).toBe(forkAt);
            timeline.runUntil(6000);
            expect(timeline.commands).toEqual([{ ...action, at: forkAt }]);

            const replayed = newTimeline([...timeline.commands]);
            replayed.runUntil(6000);
            expect(fingerprint(replayed.sim)).toEqual(fingerprint(timeline.sim));

            // And the same action taken live, without any time travel.
            const live = newSim();
            live.runUntil(forkAt);
            live.command(action);
            live.runUntil(6000);
            expect(fingerprint(live)).toEqual(fingerprint(timeline.sim));
          },
        ),
        { numRuns: runs, seed },
      );
    },
    propertyTimeoutMs,
  );

  it('forgets commands after the fork point and keeps the ones before it', () => {
    const timeline = newTimeline();
    timeline.seek(1000);
    timeline.command({ at: 0, crash: 'n1' });
    timeline.seek(3000);
    timeline.command({ at: 0, restart: 'n1' });
    timeline.seek(2000);
    expect(timeline.sim.node('n1').status).toBe('crashed');
    timeline.command({ at: 0, crash: 'n2' });
    expect(timeline.commands).toEqual([
      { at: 1000, crash: 'n1' },
      { at: 2000, crash: 'n2' },
    ]);
    timeline.runUntil(4000);
    expect(timeline.sim.node('n1').status).toBe('crashed');
  });

  it('stepping goes one event at a time and applies logged commands at their time', () => {
    const timeline = newTimeline([{ at: 50, crash: 'n4' }]);
    let events = 0;
    while (timeline.now < 60 && timeline.step()) events = timeline.sim.world.counters.events;
    const direct = newSim();
    direct.runUntil(50);
    direct.command({ at: 0, crash: 'n4' });
    direct.runUntil(timeline.now);
    expect(events).toBeGreaterThan(0);
    expect(timeline.sim.node('n4').status).toBe('crashed');
    expect(timeline.sim.world.digest).toBe(direct.world.digest);
  });

  it('keeps the number of checkpoints bounded on a long run', () => {
    const timeline = newTimeline();
    timeline.runUntil(6000);
    expect(timeline.sim.world.counters.events).toBeGreaterThan(100 * 8 * 2);
    expect(timeline.checkpointCount).toBeLessThanOrEqual(8);
    expect(timeline.stats().spacing).toBeGreaterThan(100);
  });

  it('reset returns to time 0 with an empty log', () => {
    const timeline = newTimeline();
    timeline.runUntil(2000);
    timeline.command({ at: 0, crash: 'n1' });
    timeline.reset();
    expect(timeline.now).toBe(0);
    expect(timeline.commands).toEqual([]);
    timeline.runUntil(6000);
    expect(fingerprint(timeline.sim)).toEqual(fingerprint(straight));
  });
});
