// @vitest-environment jsdom
/**
 * Lesson 7 (lessons/07-real-world-design.mdx): what the student measures by sending their own requests
 * in the multi-region simulations, including the quiz answer, and the table of measured latencies. The
 * student may send at any moment, so each measurement is repeated at several send times.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Simulation } from '../../engine/core/simulation';
import type { HistoryOperation } from '../../engine/core/types';
import { runChecks } from '../../engine/checkers';
import { compareMultiRegionPatterns } from '../../engine/analysis/multiregion';
import { expectSideIsScenario } from './compareSides';
import { readLesson, type LessonContent } from './lessonContent';
import { measureOf } from '../../engine/analysis/measures';
import { claimSeeds, expectRunBoundMeasures, studentRequestsFor } from './runBound';

vi.setConfig({ testTimeout: 120_000 });

let lesson: LessonContent;
beforeAll(async () => {
  lesson = await readLesson('real-world-design');
});

const sendTimes = [1500, 2500, 4000, 5500, 7000, 8500];

/** Sends one request as the student ("you") at `atMs`, and returns it once answered. */
function studentRequest(sim: Simulation, atMs: number, node: string, op: 'read' | 'write'): HistoryOperation {
  sim.runUntil(atMs);
  sim.command({ at: 0, client: { client: 'you', node, op, key: 'k0' } });
  sim.runUntil(atMs + 1000);
  const mine = sim.world.history.filter((operation) => operation.process === 'you').at(-1)!;
  expect(mine.ok, `${op} to ${node} at ${atMs} ms`).toBe(true);
  return mine;
}

const took = (operation: HistoryOperation) => operation.complete! - operation.invoke;

function latenciesOf(embedId: string, node: string, op: 'read' | 'write'): number[] {
  return sendTimes.map((atMs) => took(studentRequest(lesson.simulate(embedId), atMs, node, op)));
}

describe('the embeds are the registered patterns', () => {
  it.each([
    ['primary-replicas', 'multiregion/primary-with-read-replicas'],
    ['regional-primaries', 'multiregion/regional-primaries'],
    ['global-consensus', 'multiregion/global-consensus'],
  ])('%s runs %s unchanged', (embedId, scenario) => {
    expectSideIsScenario(lesson, embedId, 'left', scenario);
  });
});

describe('the student’s own requests', () => {
  it('primary-replicas: a write sent to ap-northeast takes 142–165 ms whenever it is sent; a read takes under 10 ms', () => {
    for (const latency of latenciesOf('primary-replicas', 'ap-northeast', 'write')) {
      expect(latency).toBeGreaterThanOrEqual(142);
      expect(latency).toBeLessThanOrEqual(165);
    }
    for (const latency of latenciesOf('primary-replicas', 'ap-northeast', 'read'))
      expect(latency).toBeLessThan(10);
    for (const latency of latenciesOf('primary-replicas', 'us-east', 'write'))
      expect(latency).toBeLessThan(10);
  });

  it('regional-primaries: a write sent to ap-northeast is answered locally, in under 10 ms', () => {
    for (const latency of latenciesOf('regional-primaries', 'ap-northeast', 'write'))
      expect(latency).toBeLessThan(10);
  });

  it('regional-primaries: the history check the embed runs finds stale reads', () => {
    const sim = lesson.simulate('regional-primaries').run();
    expect(runChecks(sim).find((check) => check.name === 'no-stale-reads')?.ok).toBe(false);
  });

  it('global-consensus: us-east leads within half a second; a write takes about 80 ms in New York and over 230 ms from Tokyo', () => {
    const sim = lesson.simulate('global-consensus');
    sim.runUntil(500);
    expect(sim.protocol.describeNode(sim.node('us-east').state as never, true).role).toBe('leader');
    for (const latency of latenciesOf('global-consensus', 'us-east', 'write')) {
      expect(latency).toBeGreaterThanOrEqual(74);
      expect(latency).toBeLessThanOrEqual(95);
    }
    for (const latency of latenciesOf('global-consensus', 'ap-northeast', 'write'))
      expect(latency).toBeGreaterThan(230);
  });
});

describe('the table of medians', () => {
  it('matches the lesson within 3 ms for each region and pattern (median over seeds 1–4)', () => {
    const table: Record<string, Record<string, [number, number]>> = {
      'primary-with-read-replicas': { 'us-east': [2, 2], 'eu-west': [2, 87], 'ap-northeast': [2, 154] },
      'regional-primaries': { 'us-east': [2, 2], 'eu-west': [2, 2], 'ap-northeast': [2, 2] },
      'global-consensus': { 'us-east': [84, 83], 'eu-west': [172, 168], 'ap-northeast': [237, 237] },
    };
    const reports = [1, 2, 3, 4].map((seed) => compareMultiRegionPatterns({ seed }));
    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return (sorted[1]! + sorted[2]!) / 2;
    };
    for (const [pattern, regions] of Object.entries(table)) {
      for (const [region, [read, write]] of Object.entries(regions)) {
        const cells = reports.map((report) => report[pattern as keyof typeof report].byRegion[region]!);
        expect(
          Math.abs(median(cells.map((cell) => cell.readP50!)) - read),
          `${pattern} ${region} read`,
        ).toBeLessThanOrEqual(3);
        expect(
          Math.abs(median(cells.map((cell) => cell.writeP50!)) - write),
          `${pattern} ${region} write`,
        ).toBeLessThanOrEqual(3);
      }
    }
  });
});

describe('predictions and run-bound questions on 20 seeds', () => {
  let values: Map<string, unknown[]>;
  // The student sends the requests a question asks for at a time that depends on the seed.
  const sendAtMs = (seed: number) => 1000 + 397 * seed;
  beforeAll(() => {
    values = expectRunBoundMeasures(lesson, (binding, seed) =>
      studentRequestsFor(lesson, binding, [sendAtMs(seed)]),
    );
  }, 300_000);
  const on = (id: string) => values.get(id)! as number[];

  it('the medians the predictions read: Tokyo reads local and writes a transatlantic-and-back round trip; regional primaries answer locally but serve stale reads; consensus pays London even in New York', () => {
    claimSeeds.forEach((seed, index) => {
      expect(on('tokyo-read-ms')[index], `seed ${seed}`).toBeLessThan(10);
      expect(on('tokyo-write-ms')[index], `seed ${seed}`).toBeGreaterThanOrEqual(142);
      expect(on('tokyo-write-ms')[index], `seed ${seed}`).toBeLessThan(170);
      expect(on('regional-tokyo-write-ms')[index], `seed ${seed}`).toBeLessThan(10);
      expect(values.get('regional-stale-reads')![index], `seed ${seed}`).toBe('fails');
      expect(on('consensus-new-york-write-ms')[index], `seed ${seed}`).toBeGreaterThanOrEqual(74);
      expect(on('consensus-new-york-write-ms')[index], `seed ${seed}`).toBeLessThanOrEqual(95);
      expect(on('consensus-tokyo-write-ms')[index], `seed ${seed}`).toBeGreaterThan(230);
    });
  });

  it('the Tokyo write question asks the student to send a write to ap-northeast, and its answer on each of 20 seeds is that write’s latency, 145–190 ms as its explanation says', () => {
    const question = lesson.numericQuestion('tokyo-write-latency');
    expect(question.run?.actions).toEqual([{ send: 'write', to: 'ap-northeast' }]);
    claimSeeds.forEach((seed, index) => {
      const sim = lesson.simulate('primary-replicas', { overrides: { seed } });
      const mine = studentRequest(sim, sendAtMs(seed), 'ap-northeast', 'write');
      expect(on('tokyo-write-latency')[index], `seed ${seed}`).toBe(took(mine));
      expect(took(mine), `seed ${seed}`).toBeGreaterThanOrEqual(145);
      expect(took(mine), `seed ${seed}`).toBeLessThanOrEqual(190);
    });
  });

  it('without the student’s write the Tokyo question has no answer yet (the quiz asks for the write first)', () => {
    const question = lesson.numericQuestion('tokyo-write-latency');
    expect(measureOf(lesson.runFor(question.run!, 1), question.run!).value).toBeNull();
  });

  it('the Tokyo write question’s answer is the write the student sent, as the client panel reports it, whatever its send time (81 send times on 3 seeds)', () => {
    const question = lesson.numericQuestion('tokyo-write-latency');
    for (const seed of claimSeeds.slice(0, 3))
      for (let atMs = 1000; atMs <= 9000; atMs += 100) {
        const sim = lesson.simulate('primary-replicas', { overrides: { seed } });
        const mine = studentRequest(sim, atMs, 'ap-northeast', 'write');
        const commands = studentRequestsFor(lesson, question.run!, [atMs]);
        const measured = measureOf({ ...lesson.runFor(question.run!, seed), commands }, question.run!).value;
        expect(measured, `seed ${seed}, sent at ${atMs} ms`).toBe(took(mine));
      }
  });
});
