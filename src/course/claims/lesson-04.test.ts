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
import { claimSeeds, expectRunBoundMeasures, measureOnSeeds } from './runBound';

vi.setConfig({ testTimeout: 60_000 });

let lesson: LessonContent;
beforeAll(async () => {
  lesson = await readLesson('consistency-and-cap');
});

const staleReads = (history: readonly HistoryOperation[]) =>
  findStaleReads(history, { initialValue: unknownInitialValue });
const seeds = Array.from({ length: 20 }, (_, i) => i + 1);

describe('cap', () => {
  const cut = { from: 1000, to: 3500 };
  const alice = (history: readonly HistoryOperation[]) => history.filter((op) => op.process === 'alice');

  it('cap: the right-hand side runs quorum/partition-one', () => {
    expectSideIsScenario(lesson, 'cap', 'left', 'quorum/partition-quorum');
    expectSideIsScenario(lesson, 'cap', 'right', 'quorum/partition-one');
  });

  it("cap: during the cut QUORUM fails Alice's reads and ONE returns 4 every time; after the heal both return Bob's latest value", () => {
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

  it('pacelc: before the cut a typical LOCAL_QUORUM operation takes about 8 ms, QUORUM about 80 (10 seeds)', () => {
    const medianMs = (history: readonly HistoryOperation[]) => {
      const latencies = history
        .filter((op) => op.ok === true && op.complete != null && op.complete < 2500)
        .map((op) => op.complete! - op.invoke)
        .sort((a, b) => a - b);
      return latencies[Math.floor(latencies.length / 2)]!;
    };
    for (const seed of seeds.slice(0, 10)) {
      const local = medianMs(
        lesson.simulate('pacelc', { side: 'right', overrides: { seed } }).run().world.history,
      );
      const global = medianMs(
        lesson.simulate('pacelc', { side: 'left', overrides: { seed } }).run().world.history,
      );
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
  it('quorums: 4 stale reads with W = R = 1 in the lesson’s run; none with W = R = 2 over 20 seeds', () => {
    expectSideIsScenario(lesson, 'quorums', 'left', 'quorum/partial-quorums');
    const sim = lesson.simulate('quorums', { side: 'left' }).run();
    expect(staleReads(sim.world.history)).toHaveLength(4);
    expect(runChecks(sim).find((check) => check.name === 'no-stale-reads')?.detail).toMatch(
      /^4 stale reads;/,
    );
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
  it('clock-skew: every replica keeps t=1001 n1#1, no replica ever holds x = 2, and both reads are flagged stale', () => {
    const sim = lesson.simulate('clock-skew');
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
  });
});

describe('counter', () => {
  it('counter: 113 increments succeed on both sides; every region ends at 55 with last-writer-wins and 113 with the G-Counter', () => {
    expectSideIsScenario(lesson, 'counter', 'left', 'multileader/lww-counter');
    expectSideIsScenario(lesson, 'counter', 'right', 'multileader/g-counter');
    for (const [side, expected] of [
      ['left', 55],
      ['right', 113],
    ] as const) {
      const sim = lesson.simulate('counter', { side }).run();
      const increments = sim.world.history.filter((op) => op.type === 'increment');
      expect(increments).toHaveLength(113);
      expect(increments.every((op) => op.ok === true)).toBe(true);
      expect(sim.world.history).toHaveLength(113);
      for (const node of sim.nodeIds)
        expect(
          sim.protocol.describeNode(sim.node(node).state as never, true).kv?.likes,
          `${side} ${node}`,
        ).toBe(expected);
    }
  });
});

describe('predictions and run-bound questions', () => {
  it('on 20 seeds each computes: QUORUM fails every read Alice makes during the cut, ONE serves stale reads, and the frozen value the quiz asks for is a number', () => {
    const values = expectRunBoundMeasures(lesson);
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
