// @vitest-environment jsdom
/**
 * Lesson 4 (lessons/04-consistency-and-cap.mdx): the statements about its simulations that the quorum
 * tests do not already assert, run on the embeds' own overrides, and the quiz answer that comes from
 * running one. Where a compare side is exactly a registered scenario, the quorum tests' assertions for
 * that scenario apply, and this file checks the identity.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { HistoryOperation } from '../../engine/core/types';
import { findStaleReads, runChecks, unknownInitialValue } from '../../engine/checkers';
import type { QuorumDurable } from '../../engine/protocols/quorum/protocol';
import { expectSideIsScenario } from './compareSides';
import { readLesson, type LessonContent } from './lessonContent';
import { choiceFor } from '../../predict/spec.ts';
import type { MeasureValue } from '../../engine/analysis/measures/types';
import { claimSeeds, expectRunBoundMeasures, measureOnSeeds } from './runBound';

vi.setConfig({ testTimeout: 60_000 });

let lesson: LessonContent;
/** Every prediction's and run-bound question's measure on the claim seeds, by id (computed once). */
let runBound: Map<string, MeasureValue[]>;
beforeAll(async () => {
  lesson = await readLesson('consistency-and-cap');
  runBound = expectRunBoundMeasures(lesson);
}, 240_000);

const staleReads = (history: readonly HistoryOperation[]) =>
  findStaleReads(history, { initialValue: unknownInitialValue });
const seeds = claimSeeds;

describe('cap', () => {
  const cut = { from: 1000, to: 3500 };
  const alice = (history: readonly HistoryOperation[]) => history.filter((op) => op.process === 'alice');

  it('cap: the right-hand side runs quorum/partition-one', () => {
    expectSideIsScenario(lesson, 'cap', 'left', 'quorum/partition-quorum');
    expectSideIsScenario(lesson, 'cap', 'right', 'quorum/partition-one');
  });

  it("cap: during the cut QUORUM fails Alice's reads and ONE returns the same frozen value every time; after the heal both return Bob's latest value", () => {
    const question = lesson.numericQuestion('stale-value-during-cut');
    // The quiz's answer is the value the student's own run shows (the same measure, on each seed).
    const frozenBySeed = measureOnSeeds(lesson, question.run!, [1, 2, 3, 4, 5]);
    for (const [index, seed] of [1, 2, 3, 4, 5].entries()) {
      const quorum = lesson.simulate('cap', { side: 'left', overrides: { seed } }).run().world.history;
      const one = lesson.simulate('cap', { side: 'right', overrides: { seed } }).run().world.history;
      const duringCut = (op: HistoryOperation) => op.invoke > cut.from && op.invoke < cut.to;
      expect(
        alice(quorum)
          .filter(duringCut)
          .every((op) => op.ok === false),
        `seed ${seed}`,
      ).toBe(true);
      const oneDuringCut = alice(one).filter(duringCut);
      expect(oneDuringCut.length).toBeGreaterThan(10);
      expect(
        oneDuringCut.every((op) => op.ok === true && op.value === frozenBySeed[index]),
        `seed ${seed}`,
      ).toBe(true);
      expect(question.tolerance).toBe(0);

      for (const history of [quorum, one]) {
        const writes = history.filter((op) => op.process === 'bob' && op.ok === true);
        const afterHeal = alice(history).filter((op) => op.invoke >= cut.to + 200);
        expect(afterHeal.length).toBeGreaterThan(5);
        for (const read of afterHeal) {
          const latest = writes.filter((write) => write.complete! < read.invoke).at(-1)!;
          expect(read.value, `seed ${seed}, read at ${read.invoke}`).toBe(latest.value);
        }
      }
    }
  });
});

describe('pacelc', () => {
  it('pacelc: the right-hand side runs quorum/local-quorum', () => {
    expectSideIsScenario(lesson, 'pacelc', 'left', 'quorum/global-quorum');
    expectSideIsScenario(lesson, 'pacelc', 'right', 'quorum/local-quorum');
  });

  it('pacelc: before the cut a typical LOCAL_QUORUM operation takes 6 to 11 ms, QUORUM 74 to 90; during the cut QUORUM fails everything and LOCAL_QUORUM nothing, and its reads go stale (20 seeds)', () => {
    const medianMs = (history: readonly HistoryOperation[]) => {
      const latencies = history
        .filter((op) => op.ok === true && op.complete != null && op.complete < 2500)
        .map((op) => op.complete! - op.invoke)
        .sort((a, b) => a - b);
      return latencies[Math.floor(latencies.length / 2)]!;
    };
    const duringCut = (history: readonly HistoryOperation[]) =>
      history.filter((op) => op.invoke >= 3000 && op.invoke < 4500);
    for (const seed of seeds) {
      const localRun = lesson.simulate('pacelc', { side: 'right', overrides: { seed } }).run();
      const globalRun = lesson.simulate('pacelc', { side: 'left', overrides: { seed } }).run();
      const local = medianMs(localRun.world.history);
      const global = medianMs(globalRun.world.history);
      expect(duringCut(globalRun.world.history).length, `seed ${seed}`).toBeGreaterThan(5);
      expect(
        duringCut(globalRun.world.history).filter((op) => op.ok === true),
        `seed ${seed}`,
      ).toEqual([]);
      expect(duringCut(localRun.world.history).length, `seed ${seed}`).toBeGreaterThan(5);
      expect(
        duringCut(localRun.world.history).every((op) => op.ok === true),
        `seed ${seed}`,
      ).toBe(true);
      expect(staleReads(localRun.world.history).length, `seed ${seed}`).toBeGreaterThan(0);
      expect(local, `seed ${seed}: npm run sim -- quorum/local-quorum --seed ${seed}`).toBeGreaterThanOrEqual(
        6,
      );
      expect(local, `seed ${seed}: npm run sim -- quorum/local-quorum --seed ${seed}`).toBeLessThanOrEqual(
        11,
      );
      expect(
        global,
        `seed ${seed}: npm run sim -- quorum/global-quorum --seed ${seed}`,
      ).toBeGreaterThanOrEqual(74);
      expect(global, `seed ${seed}: npm run sim -- quorum/global-quorum --seed ${seed}`).toBeLessThanOrEqual(
        90,
      );
    }
  });
});

describe('quorums', () => {
  it('quorums: with W = R = 1 the checker finds 0 to 5 stale reads per seed, some on 14 of the first 20; none with W = R = 2 (20 seeds)', () => {
    expectSideIsScenario(lesson, 'quorums', 'left', 'quorum/partial-quorums');
    // The lesson's own seed shows some; the measure counts what the checker reports.
    const sim = lesson.simulate('quorums', { side: 'left' }).run();
    expect(staleReads(sim.world.history)).toHaveLength(4);
    expect(runChecks(sim).find((check) => check.name === 'no-stale-reads')?.detail).toMatch(
      /^4 stale reads;/,
    );
    const staleBySeed = runBound.get('w1-r1-stale') as number[];
    // Measured on seeds 1–20: 0 4 0 0 0 2 0 5 5 3 1 3 1 3 0 4 1 1 1 3. The explanation states the range and the share.
    expect(Math.min(...staleBySeed)).toBe(0);
    expect(Math.max(...staleBySeed)).toBe(5);
    expect(staleBySeed.filter((count) => count > 0)).toHaveLength(14);
    // The quiz asks the same measure of the student's own run.
    expect(runBound.get('stale-reads-w1-r1')).toEqual(staleBySeed);
    expect(lesson.numericQuestion('stale-reads-w1-r1').tolerance).toBe(0);
    for (const seed of seeds) {
      const left = lesson.simulate('quorums', { side: 'left', overrides: { seed } }).run();
      expect(staleReads(left.world.history), `seed ${seed}`).toHaveLength(staleBySeed[seed - 1]!);
    }
    for (const seed of seeds) {
      const history = lesson.simulate('quorums', { side: 'right', overrides: { seed } }).run().world.history;
      expect(staleReads(history), `seed ${seed}`).toEqual([]);
      expect(
        history.filter((op) => op.type === 'read' && op.ok === true).length,
        `seed ${seed}`,
      ).toBeGreaterThan(70);
    }
  });
});

describe('clock-skew', () => {
  it.each(seeds)(
    'clock-skew: every replica keeps t=1001 n1#1, no replica ever holds x = 2, and both reads are flagged stale (20 seeds): seed %i',
    (seed) => {
      const sim = lesson.simulate('clock-skew', { overrides: { seed } });
      const nodes = sim.scenario.nodes;
      expect(typeof nodes !== 'number' && nodes.find((node) => node.id === 'n3')?.clock?.offsetMs).toBe(-500);
      const holdsTwo = () =>
        sim.nodeIds.some((node) => (sim.node(node).state.durable as QuorumDurable).kv.x?.value === 2);
      while (sim.step()) expect(holdsTwo(), `at ${sim.now} ms`).toBe(false);
      for (const node of ['n1', 'n2', 'n3']) {
        const view = sim.protocol.describeNode(sim.node(node).state as never, true);
        expect(view.kv?.x).toBe(1);
        expect(view.details?.['x version']).toBe('t=1001 n1#1');
      }
      const [first, second, ...reads] = sim.world.history;
      expect([first!.ok, second!.ok, second!.value]).toEqual([true, true, 2]);
      expect(reads.map((read) => read.value)).toEqual([1, 1]);
      expect(staleReads(sim.world.history).map((anomaly) => anomaly.readId)).toEqual(
        reads.map((read) => read.id),
      );
    },
  );
});

describe('counter', () => {
  it('counter: 113 increments succeed on both sides; every region ends at 55 with last-writer-wins and 113 with the G-Counter (20 seeds)', () => {
    expectSideIsScenario(lesson, 'counter', 'left', 'multileader/lww-counter');
    expectSideIsScenario(lesson, 'counter', 'right', 'multileader/g-counter');
    for (const [side, expected, seed] of seeds.flatMap(
      (seed) =>
        [
          ['left', 55, seed],
          ['right', 113, seed],
        ] as const,
    )) {
      const sim = lesson.simulate('counter', { side, overrides: { seed } }).run();
      const increments = sim.world.history.filter((op) => op.type === 'increment');
      expect(increments).toHaveLength(113);
      expect(increments.every((op) => op.ok === true)).toBe(true);
      expect(sim.world.history).toHaveLength(113);
      for (const node of sim.nodeIds)
        expect(
          sim.protocol.describeNode(sim.node(node).state as never, true).kv?.likes,
          `${side} ${node}, seed ${seed}`,
        ).toBe(expected);
    }
  });
});

describe('predictions and run-bound questions', () => {
  it('lists the lesson’s predictions', () => {
    expect(
      lesson.predictions.map(({ id, for: embed, side, measure }) => [id, embed, side ?? 'left', measure]),
    ).toEqual([
      ['quorum-reads-during-cut', 'cap', 'left', 'failed-share'],
      ['one-reads-stale', 'cap', 'right', 'check-verdict'],
      ['quorum-typical-latency', 'pacelc', 'left', 'latency-percentile'],
      ['local-quorum-during-cut', 'pacelc', 'right', 'failed-share'],
      ['w1-r1-stale', 'quorums', 'left', 'read-anomalies'],
      ['w2-r2-stale', 'quorums', 'right', 'check-verdict'],
      ['skewed-write-read', 'clock-skew', 'left', 'read-value'],
      ['lww-counter-final', 'counter', 'left', 'node-value'],
    ]);
  });

  it('on 20 seeds: QUORUM across regions takes one Atlantic round trip and LOCAL_QUORUM keeps working through the cut; W = R = 2 never reads stale; the skewed write is lost; last-writer-wins loses far more than a few likes', () => {
    claimSeeds.forEach((seed, index) => {
      const choiceOf = (id: string) =>
        choiceFor(
          lesson.predictions.find((prediction) => prediction.id === id)!.choices,
          runBound.get(id)![index]!,
        );
      expect(choiceOf('quorum-typical-latency'), `seed ${seed}`).toBe(1);
      expect(choiceOf('local-quorum-during-cut'), `seed ${seed}`).toBe(0);
      expect(choiceOf('w2-r2-stale'), `seed ${seed}`).toBe(1);
      expect(choiceOf('skewed-write-read'), `seed ${seed}`).toBe(1);
      expect(choiceOf('lww-counter-final'), `seed ${seed}`).toBe(2);
    });
  });

  it('on 20 seeds each computes: QUORUM fails every read Alice makes during the cut, ONE serves stale reads, and the frozen value the quiz asks for is a number', () => {
    const values = runBound;
    const choiceOf = (id: string, index: number) =>
      choiceFor(
        lesson.predictions.find((prediction) => prediction.id === id)!.choices,
        values.get(id)![index]!,
      );
    claimSeeds.forEach((seed, index) => {
      expect(choiceOf('quorum-reads-during-cut', index), `seed ${seed}`).toBe(2);
      expect(choiceOf('one-reads-stale', index), `seed ${seed}`).toBe(1);
    });
  });
});
