// @vitest-environment jsdom
/**
 * Lesson 2 (lessons/02-replication.mdx): the statements about its simulations that the replication
 * tests do not already assert, run on the embeds' own overrides, and the quiz answer that comes from
 * running one. Where a compare side is exactly a registered scenario, the replication tests'
 * assertions for that scenario apply, and this file checks the identity.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { computeMeasures } from '../../engine/analysis/measures';
import { runChecks } from '../../engine/checkers';
import type { Simulation } from '../../engine/core/simulation';
import type { HistoryOperation } from '../../engine/core/types';
import { regionOneWayMs } from '../../engine/core/regions';
import {
  acknowledgedWritesMissingFrom,
  durableOf,
  latencies,
  mean,
  percentile,
  sampleGauges,
} from '../../engine/protocols/replication/testSupport';
import { expectSideIsScenario } from './compareSides';
import type { MeasureValue } from '../../engine/analysis/measures/types';
import { choiceFor } from '../../predict/spec.ts';
import { claimSeeds, expectRunBoundMeasures } from './runBound';
import { readLesson, type LessonContent } from './lessonContent';

vi.setConfig({ testTimeout: 60_000 });

let lesson: LessonContent;
/** Every prediction's and run-bound question's measure on the claim seeds, by id (computed once). */
let runBound: Map<string, MeasureValue[]>;
beforeAll(async () => {
  lesson = await readLesson('replication');
  runBound = expectRunBoundMeasures(lesson);
}, 240_000);

const checkOk = (sim: Simulation, name: string) => runChecks(sim, [name])[0]!.ok;
const gauges = (sim: Simulation) => sim.protocol.gauges!(sim.invariantContext());
const writes = (history: readonly HistoryOperation[]) => history.filter((op) => op.type === 'write');

describe('sync-vs-async', () => {
  it('sync-vs-async: the sides are the registered async and sync write scenarios', () => {
    expectSideIsScenario(lesson, 'sync-vs-async', 'left', 'replication/async-writes');
    expectSideIsScenario(lesson, 'sync-vs-async', 'right', 'replication/sync-writes');
  });

  it('sync-vs-async: async p50 under 15 ms, sync p50 at least a transatlantic round trip, fewer sync writes, London lags on the async side', () => {
    const asyncRun = lesson.simulate('sync-vs-async', { side: 'left' });
    const lag = sampleGauges(asyncRun, asyncRun.scenario.durationMs, 250);
    const asyncHistory = asyncRun.world.history;
    const syncHistory = lesson.simulate('sync-vs-async', { side: 'right' }).run().world.history;
    expect(percentile(latencies(asyncHistory, 'write'), 0.5)).toBeLessThan(15);
    expect(percentile(latencies(syncHistory, 'write'), 0.5)).toBeGreaterThanOrEqual(
      2 * regionOneWayMs('us-east', 'eu-west'),
    );
    expect(latencies(syncHistory, 'write').length).toBeLessThan(latencies(asyncHistory, 'write').length);
    // n3 is in London, n2 next to the leader.
    expect(mean(lag.map((sample) => sample['lag.ms.n3'] ?? 0))).toBeGreaterThan(
      2 * mean(lag.map((sample) => sample['lag.ms.n2'] ?? 0)),
    );
  });
});

describe('durability', () => {
  it('durability: on every seed the async side loses acknowledged writes (gone from every node after n1 rolls back at 7 s), the number the prediction, the quiz and “What you saw” read; sync loses none and confirms nothing while n1 is cut off', () => {
    expectSideIsScenario(lesson, 'durability', 'left', 'replication/promote-async-follower');
    const values = runBound;
    const lostBySeed = values.get('durability-lost-writes')!;
    // The quiz asks the same measure of the student's own run, exactly.
    const question = lesson.numericQuestion('lost-acknowledged-writes');
    expect(question.run).toMatchObject({
      for: 'durability',
      side: 'left',
      measure: 'acknowledged-writes-lost',
    });
    expect(values.get('lost-acknowledged-writes')).toEqual(lostBySeed);
    expect(question.tolerance).toBe(0);
    // The number depends on the seed: a student who explored is marked on their own run.
    expect(new Set(lostBySeed).size).toBeGreaterThan(1);

    claimSeeds.forEach((seed, index) => {
      const lost = lostBySeed[index] as number;
      const asyncRun = lesson.simulate('durability', { side: 'left', overrides: { seed } }).run();
      expect(
        acknowledgedWritesMissingFrom(asyncRun.world.history, durableOf(asyncRun, 'n2').log),
        `seed ${seed}`,
      ).toHaveLength(lost);
      // Gone everywhere, not just from n2: n1 rolled them back when it stepped down after 7 s.
      for (const node of asyncRun.nodeIds)
        expect(
          acknowledgedWritesMissingFrom(asyncRun.world.history, durableOf(asyncRun, node).log).length,
          `seed ${seed}, ${node}`,
        ).toBeGreaterThanOrEqual(lost);
      const rollback = asyncRun.world.notes.find(
        (note) => note.node === 'n1' && note.text.includes('rolled back'),
      )!;
      expect(rollback.at).toBeGreaterThanOrEqual(7000);
    });

    const syncRun = lesson.simulate('durability', { side: 'right' }).run();
    expect(acknowledgedWritesMissingFrom(syncRun.world.history, durableOf(syncRun, 'n2').log)).toEqual([]);
    const cutOff = writes(syncRun.world.history).filter(
      (op) => op.node === 'n1' && op.invoke > 3000 && op.invoke < 4000,
    );
    expect(cutOff.length).toBeGreaterThanOrEqual(3);
    expect(cutOff.filter((op) => op.ok === true)).toEqual([]);
    expect(syncRun.world.notes.some((note) => note.text.includes('acknowledged to clients'))).toBe(false);
  });
});

describe('lag', () => {
  it('lag: n3 lags far more than n2; the left fails both checks, the right passes read-your-writes and still fails no-stale-reads', () => {
    expectSideIsScenario(lesson, 'lag', 'left', 'replication/stale-follower-reads');
    expectSideIsScenario(lesson, 'lag', 'right', 'replication/read-your-writes');
    const left = lesson.simulate('lag', { side: 'left' });
    const samples = sampleGauges(left, left.scenario.durationMs, 250);
    expect(mean(samples.map((sample) => sample['lag.ms.n3'] ?? 0))).toBeGreaterThan(
      3 * mean(samples.map((sample) => sample['lag.ms.n2'] ?? 0)),
    );
    expect([checkOk(left, 'no-stale-reads'), checkOk(left, 'read-your-writes')]).toEqual([false, false]);
    const right = lesson.simulate('lag', { side: 'right' }).run();
    expect([checkOk(right, 'no-stale-reads'), checkOk(right, 'read-your-writes')]).toEqual([false, true]);
  });
});

describe('monotonic', () => {
  it('monotonic: reads go back in time on the left and never on the right', () => {
    expectSideIsScenario(lesson, 'monotonic', 'left', 'replication/monotonic-reads');
    expect(checkOk(lesson.simulate('monotonic', { side: 'left' }).run(), 'monotonic-reads')).toBe(false);
    expect(checkOk(lesson.simulate('monotonic', { side: 'right' }).run(), 'monotonic-reads')).toBe(true);
  });
});

describe('chain', () => {
  it('chain: n4 and n5 catch up after n3 returns', () => {
    const sim = lesson.simulate('chain');
    sim.runUntil(7900);
    expect(gauges(sim)['lag.entries.n5']).toBeGreaterThan(50);
    sim.run();
    // The workload keeps writing to the end, so "caught up" means within a handful of entries.
    expect(gauges(sim)['lag.entries.n4']).toBeLessThan(5);
    expect(gauges(sim)['lag.entries.n5']).toBeLessThan(5);
  });
});

describe('predictions', () => {
  const choiceOf = (id: string, value: MeasureValue) =>
    choiceFor(lesson.predictions.find((prediction) => prediction.id === id)!.choices, value);

  it('on 20 seeds: a synchronous write takes at least a transatlantic round trip and an asynchronous one a few ms; read-your-writes still fails no-stale-reads; reads go back in time without tokens; n5 is far behind just before n3 returns', () => {
    expect(lesson.predictions.map((prediction) => prediction.id)).toEqual([
      'sync-write-latency',
      'durability-lost-writes',
      'read-your-writes-stale',
      'reads-go-back',
      'chain-tail-lag',
    ]);
    for (const latency of runBound.get('sync-write-latency') as number[])
      expect(latency).toBeGreaterThanOrEqual(2 * regionOneWayMs('us-east', 'eu-west'));
    claimSeeds.forEach((seed) => {
      const [asyncLatency] = computeMeasures(lesson.runFor({ for: 'sync-vs-async' }, seed), [
        { measure: 'latency-percentile', args: { percentile: 50, type: 'write' }, at: 'end' },
      ]);
      expect((asyncLatency as { value: number }).value, `seed ${seed}`).toBeLessThan(15);
    });
    for (const verdict of runBound.get('read-your-writes-stale')!)
      expect(choiceOf('read-your-writes-stale', verdict)).toBe(1);
    for (const verdict of runBound.get('reads-go-back')!) expect(choiceOf('reads-go-back', verdict)).toBe(0);
    for (const lag of runBound.get('chain-tail-lag') as number[]) expect(lag).toBeGreaterThan(50);
  });
});
