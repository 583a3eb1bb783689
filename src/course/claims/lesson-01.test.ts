// @vitest-environment jsdom
/**
 * Lesson 1 (lessons/01-introduction.mdx): every statement the lesson makes about its two simulations,
 * checked on the embeds' own overrides. The lesson runs seed 1; the other seeds show the behaviour is
 * not a lucky draw.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Simulation } from '../../engine/core/simulation';
import { computeMeasures } from '../../engine/analysis/measures';
import { choiceFor } from '../../predict/spec.ts';
import { invokedBetween, latencies, successRate } from './history';
import { claimSeeds, expectRunBoundMeasures } from './runBound';
import { readLesson, type LessonContent } from './lessonContent';

vi.setConfig({ testTimeout: 30_000 });

const seeds = [1, 2, 3, 4, 5];
let lesson: LessonContent;
beforeAll(async () => {
  lesson = await readLesson('introduction');
});

const run = (embedId: string, seed: number) => lesson.simulate(embedId, { overrides: { seed } });

type ServerDetails = { queue: number; served: number; 'turned away': number };
const detailsOf = (sim: Simulation, node: string) =>
  sim.describeNode(node).details as unknown as ServerDetails;
const noteTimes = (sim: Simulation, pattern: RegExp) =>
  sim.world.notes.filter((note) => pattern.test(note.text)).map((note) => note.at);

describe('experiment 1: one server, 40 busy clients', () => {
  it('the server finishes at most 100 requests a second, its queue stays 5–20 long, a typical request takes about 150 ms, and some are turned away', () => {
    for (const seed of seeds) {
      const sim = run('one-server-overloaded', seed);
      const queueLengths: number[] = [];
      for (let t = 1000; t <= sim.scenario.durationMs; t += 100) {
        sim.runUntil(t);
        queueLengths.push(detailsOf(sim, 's1').queue);
      }
      const details = detailsOf(sim, 's1');
      expect(details.served, `seed ${seed}`).toBeLessThanOrEqual(sim.scenario.durationMs / 10);
      expect(details.served, `seed ${seed}: it is busy all the time`).toBeGreaterThan(
        0.95 * (sim.scenario.durationMs / 10),
      );
      expect(Math.min(...queueLengths), `seed ${seed}`).toBeGreaterThanOrEqual(5);
      expect(Math.max(...queueLengths), `seed ${seed}`).toBeLessThanOrEqual(20);
      expect(details['turned away'], `seed ${seed}`).toBeGreaterThan(0);
      const { p50 } = latencies(sim.world.history);
      expect(p50, `seed ${seed}`).toBeGreaterThanOrEqual(120);
      expect(p50, `seed ${seed}`).toBeLessThanOrEqual(180);
      expect(sim.world.violations).toEqual([]);
    }
  });

  it('crashing the only server fails every request until it restarts', () => {
    for (const seed of seeds) {
      const sim = run('one-server-overloaded', seed);
      sim.runUntil(4000);
      sim.command({ at: 0, crash: 's1' });
      sim.runUntil(7000);
      sim.command({ at: 0, restart: 's1' });
      sim.run();
      const history = sim.world.history;
      // Requests waiting in s1's queue when it died get no answer at all; only replies already on the wire arrive.
      const sentBefore = history.filter((op) => op.invoke < 4000);
      expect(sentBefore.filter((op) => op.ok === null).length, `seed ${seed}`).toBeGreaterThan(5);
      for (const op of sentBefore.filter((op) => op.ok === true))
        expect(op.complete!, `seed ${seed}`).toBeLessThan(4030);
      const duringOutage = invokedBetween(history, 4000, 7000);
      expect(
        duringOutage.filter((op) => op.ok === true),
        `seed ${seed}`,
      ).toEqual([]);
      // Once the health check has noticed, the balancer refuses new requests at once.
      const refused = invokedBetween(history, 4500, 7000);
      expect(refused.length).toBeGreaterThan(0);
      for (const op of refused) {
        expect(op, `seed ${seed}`).toMatchObject({
          ok: false,
          error: 'no healthy server to take the request',
        });
        expect(op.complete! - op.invoke, `seed ${seed}: refused at once, not left to time out`).toBeLessThan(
          100,
        );
      }
      expect(
        successRate(invokedBetween(history, 7500, 11_000)),
        `seed ${seed}: it serves again`,
      ).toBeGreaterThan(0.95);
    }
  });
});

describe('experiment 2: three servers, s1 crashes at 5 s and restarts at 8 s', () => {
  it('the same load is easy for three servers: each about half busy, short queues and about 25 ms per request, against about 150 ms on one', () => {
    for (const seed of seeds) {
      const cluster = run('three-servers-one-crash', seed);
      let longestQueue = 0;
      for (let t = 500; t < 5000; t += 100) {
        cluster.runUntil(t);
        for (const server of ['s1', 's2', 's3'])
          longestQueue = Math.max(longestQueue, detailsOf(cluster, server).queue);
      }
      cluster.runUntil(4999);
      // Each server can serve 100 requests a second; over the first 5 s they served about half of what they could.
      const served = ['s1', 's2', 's3'].reduce((sum, server) => sum + detailsOf(cluster, server).served, 0);
      expect(served / (3 * 500), `seed ${seed}: share of capacity used`).toBeGreaterThan(0.4);
      expect(served / (3 * 500), `seed ${seed}: share of capacity used`).toBeLessThan(0.6);
      cluster.run();
      expect(longestQueue, `seed ${seed}`).toBeLessThanOrEqual(5);
      const clusterP50 = latencies(cluster.world.history).p50!;
      expect(clusterP50, `seed ${seed}`).toBeGreaterThanOrEqual(20);
      expect(clusterP50, `seed ${seed}`).toBeLessThanOrEqual(35);
      const single = run('one-server-overloaded', seed).run();
      expect(latencies(single.world.history).p50!, `seed ${seed}`).toBeGreaterThan(4 * clusterP50);
      for (const server of ['s1', 's2', 's3']) expect(detailsOf(cluster, server)['turned away']).toBe(0);
    }
  });

  it('the crash costs fewer than 1 in 100 requests, all left unanswered around 5 s; s1 is routed around 300 ms after it dies and back in 100 ms after it restarts', () => {
    for (const seed of seeds) {
      const sim = run('three-servers-one-crash', seed).run();
      const history = sim.world.history;
      const around = invokedBetween(history, 4000, 8000);
      expect(successRate(around), `seed ${seed}`).toBeGreaterThan(0.99);
      const lost = around.filter((op) => op.ok !== true);
      expect(lost.length, `seed ${seed}`).toBeGreaterThan(0);
      for (const op of lost) {
        expect(op, `seed ${seed}: no answer, the client gave up`).toMatchObject({
          ok: null,
          complete: null,
          error: 'timed out',
        });
        expect(op.invoke).toBeGreaterThan(4900);
        expect(op.invoke).toBeLessThan(5300);
      }
      expect(
        lost.some((op) => op.invoke > 5000),
        `seed ${seed}: some were sent to s1 after it died`,
      ).toBe(true);
      expect(successRate(invokedBetween(history, 5300, 8000)), `seed ${seed}`).toBe(1);
      expect(noteTimes(sim, /s1 missed its health checks/), `seed ${seed}`).toEqual([5300]);
      expect(noteTimes(sim, /s1 is healthy again/), `seed ${seed}`).toEqual([8100]);
      // A restarted server starts counting afresh, so this counts only work done after 8 s.
      expect(detailsOf(sim, 's1').served, `seed ${seed}: s1 gets work again`).toBeGreaterThan(100);
      expect(sim.world.violations).toEqual([]);
    }
  });

  it('the quiz answer for "how long until the load balancer noticed" is the run\'s own gap between the crash and the load balancer\'s note', () => {
    const question = lesson.numericQuestion('time-to-notice-crash');
    const gaps = expectRunBoundMeasures(lesson).get('time-to-notice-crash')!;
    claimSeeds.forEach((seed, index) => {
      const sim = run('three-servers-one-crash', seed).run();
      const [crashedAt] = noteTimes(sim, /^s1 crashed$/);
      const [noticedAt] = noteTimes(sim, /s1 missed its health checks/);
      expect(gaps[index], `seed ${seed}`).toBe(noticedAt! - crashedAt!);
    });
    expect(question.tolerance).toBeLessThan(Math.min(...(gaps as number[])));
  });
});

describe('predictions and “What you saw”', () => {
  it('on 20 seeds each prediction computes, the typical latency lands near 150 ms on one server, and the crash costs only a few requests, the numbers the explanations and “What you saw” show', () => {
    const values = expectRunBoundMeasures(lesson);
    for (const latency of values.get('overloaded-typical-latency') as number[]) {
      expect(latency).toBeGreaterThan(100);
      expect(latency).toBeLessThan(200);
    }
    const choice = lesson.predictions.find((prediction) => prediction.id === 'crash-failed-share')!;
    claimSeeds.forEach((seed, index) => {
      const share = values.get('crash-failed-share')![index] as number;
      expect(choiceFor(choice.choices, share), `seed ${seed}`).toBe(2);
      const [lost] = computeMeasures(lesson.runFor({ for: 'three-servers-one-crash' }, seed), [
        { measure: 'operations-failed', args: { from: 4000, to: 8000 }, at: 'end' },
      ]);
      expect(lost, `seed ${seed}: some requests are lost, a handful`).toMatchObject({ ok: true });
      expect((lost as { value: number }).value).toBeGreaterThan(0);
      expect((lost as { value: number }).value).toBeLessThan(10);
    });
  });
});
