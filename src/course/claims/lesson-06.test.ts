// @vitest-environment jsdom
/**
 * Lesson 6 (lessons/06-distributed-transactions.mdx): the statements about its simulations that the
 * protocol tests do not already assert, run on the embeds' own overrides, and the quiz answers that
 * come from running them.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Simulation } from '../../engine/core/simulation';
import type { TraceEntry } from '../../engine/core/trace';
import type { OccDurable } from '../../engine/protocols/transactions/occ/protocol';
import type { SagaDurable } from '../../engine/protocols/transactions/saga/protocol';
import {
  committedTransactions,
  externalConsistencyViolations,
  findLostUpdates,
  runChecks,
} from '../../engine/checkers';
import type { TwoPhaseDurable } from '../../engine/protocols/transactions/twophase/protocol';
import type { ScenarioOverrides } from '../../engine/core/schema';
import { readLesson, type LessonContent } from './lessonContent';
import { measureOf } from '../../engine/analysis/measures';
import { claimSeeds, expectRunBoundMeasures, measureEmbed } from './runBound';

vi.setConfig({ testTimeout: 120_000 });

let lesson: LessonContent;
beforeAll(async () => {
  lesson = await readLesson('distributed-transactions');
});

const run = (embedId: string, side: 'left' | 'right' = 'left', overrides: ScenarioOverrides = {}) =>
  lesson.simulate(embedId, { side, overrides });

const durable = <T>(sim: Simulation, node: string) => sim.node(node).state.durable as T;
const gauge = (sim: Simulation, name: string) => sim.protocol.gauges!(sim.invariantContext() as never)[name]!;
const latency = (op: { invoke: number; complete: number | null }) => op.complete! - op.invoke;

describe('coordinator crash', () => {
  it('with 10 ms messages and no crash, a transfer sent at 100 ms is prepared at 111, decided at 121 and applied at 131', () => {
    const sim = run('coordinator-crash', 'left', { faults: [] });
    sim.runUntil(110);
    expect(durable<TwoPhaseDurable>(sim, 'n2').prepared).toEqual({});
    sim.runUntil(111);
    for (const node of ['n2', 'n3'])
      expect(Object.keys(durable<TwoPhaseDurable>(sim, node).prepared)).toEqual(['t1']);
    expect(gauge(sim, 'locks held')).toBe(2);
    sim.runUntil(120);
    expect(durable<TwoPhaseDurable>(sim, 'n1').log.t1!.decision).toBeNull();
    sim.runUntil(121);
    expect(durable<TwoPhaseDurable>(sim, 'n1').log.t1!.decision).toBe('commit');
    sim.runUntil(130);
    expect(gauge(sim, 'locks held')).toBe(2);
    sim.runUntil(131);
    expect(gauge(sim, 'locks held')).toBe(0);
    expect(durable<TwoPhaseDurable>(sim, 'n2').kv.alice).toBe(70);
    expect(durable<TwoPhaseDurable>(sim, 'n3').kv.bob).toBe(130);
  });

  it('n2 is in doubt from 111 ms to 6010 ms, as the in-doubt measure (the quiz answer) says; every read of alice is refused until then and the next one returns 100', () => {
    const question = lesson.numericQuestion('blocked-ms');
    const inDoubtMs = measureOf(lesson.runFor(question.run!, run('coordinator-crash').scenario.seed), {
      measure: 'in-doubt-ms',
      args: { node: 'n2' },
      at: 'end',
    }).value as number;
    const sim = run('coordinator-crash');
    let highest = 0;
    while (sim.nextEventTime() <= 6010 && sim.step())
      highest = Math.max(highest, gauge(sim, 'blocked ms.n2'));
    expect(gauge(sim, 'locks held')).toBe(0);
    // The chart's highest reading comes from the last event before the ABORT lands at 6010.
    expect(highest).toBeGreaterThan(5800);
    const released = sim.world.notes.find((note) => note.text.startsWith('n2 unblocked'))!;
    expect(released.at).toBe(6010);
    expect(released.text).toContain(`after ${inDoubtMs} ms in doubt`);
    expect(inDoubtMs).toBe(6010 - 111);
    expect(Math.abs(highest - inDoubtMs)).toBeLessThanOrEqual(question.tolerance);
    sim.run();
    const reads = sim.world.history.filter((op) => op.type === 'read');
    expect(reads.filter((op) => op.invoke <= 6000).map((op) => op.error)).toEqual(
      Array(6).fill('alice is locked by prepared transaction t1'),
    );
    expect(reads.at(-1)).toMatchObject({ invoke: 7000, ok: true, value: 100 });
  });

  it('while n1 is down, n2 and n3 keep sending it INQUIRY messages, once a second, that nobody handles', () => {
    const inquiries: TraceEntry[] = [];
    lesson
      .simulate('coordinator-crash', {
        onTrace: (entry) =>
          entry.kind === 'deliver' && entry.label.startsWith('INQUIRY') && inquiries.push(entry),
      })
      .run();
    const duringOutage = inquiries.filter((entry) => entry.at > 115 && entry.at < 6000);
    expect(new Set(duringOutage.map((entry) => entry.from))).toEqual(new Set(['n2', 'n3']));
    expect(duringOutage.every((entry) => entry.node === 'n1' && !entry.handled)).toBe(true);
    const fromN2 = duringOutage.filter((entry) => entry.from === 'n2').map((entry) => entry.at);
    expect(fromN2.slice(1).map((at, i) => at - fromN2[i]!)).toEqual(Array(fromN2.length - 1).fill(1000)); // once a second
  });
});

describe('saga dirty read', () => {
  it('the reader sees alice at 70 with bob still at 100 (a total of 170), and 200 again once the saga completes', () => {
    const sim = run('saga-dirty-read').run();
    const reads = sim.world.history.filter((op) => op.process === 'reader');
    const totals = reads.flatMap((alice, i) =>
      alice.key === 'alice' && reads[i + 1]?.key === 'bob'
        ? [Number(alice.value) + Number(reads[i + 1]!.value)]
        : [],
    );
    expect(totals).toContain(170);
    expect(totals.at(-1)).toBe(200);
    expect(
      Number(durable<SagaDurable>(sim, 'n2').kv.alice) + Number(durable<SagaDurable>(sim, 'n3').kv.bob),
    ).toBe(200);
  });
});

describe('optimistic concurrency compare', () => {
  it('both sides acknowledge all 15 increments; with the version check the counter is 15 after retries, without it fewer', () => {
    const checked = run('occ-compare').run();
    const blind = run('occ-compare', 'right').run();
    for (const sim of [checked, blind]) {
      expect(sim.world.history.filter((op) => op.type === 'increment' && op.ok === true)).toHaveLength(15);
    }
    expect(durable<OccDurable>(checked, 'n1').rows.counter!.value).toBe(15);
    expect(gauge(checked, 'version conflicts')).toBeGreaterThan(0);
    expect(durable<OccDurable>(blind, 'n1').rows.counter!.value).toBeLessThan(15);
  });

  it('the no-lost-updates check passes on the left and fails on the right, where the counter is short', () => {
    const [checked] = runChecks(run('occ-compare').run(), ['no-lost-updates']);
    expect(checked).toMatchObject({ name: 'no-lost-updates', ok: true });
    const blind = run('occ-compare', 'right').run();
    const [verdict] = runChecks(blind, ['no-lost-updates']);
    expect(verdict).toMatchObject({ name: 'no-lost-updates', ok: false });
    const missing = 15 - Number(durable<OccDurable>(blind, 'n1').rows.counter!.value);
    expect(findLostUpdates(blind.world.history).length).toBeGreaterThan(0);
    expect(findLostUpdates(blind.world.history).length).toBeLessThanOrEqual(missing);
  });
});

describe('commit wait compare', () => {
  it('with commit wait every commit waits 15 ms and timestamps follow the client; without it n2 gets 106 after n1 got 113, within a few ms', () => {
    const waiting = run('commit-wait-compare').run();
    const committed = committedTransactions(waiting.world.history);
    expect(committed.map((op) => op.node)).toEqual(['n1', 'n2', 'n3', 'n1', 'n2']);
    const timestamps = committed.map((op) => Number(op.value));
    expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));
    expect(waiting.world.notes.map((note) => note.text.replace(/.* after /, ''))).toEqual(
      Array(5).fill('a 15 ms commit wait'),
    );

    const hasty = run('commit-wait-compare', 'right').run();
    const [first, second] = committedTransactions(hasty.world.history);
    expect(first).toMatchObject({ node: 'n1', value: 113 });
    expect(second).toMatchObject({ node: 'n2', value: 106 });
    expect(second!.invoke).toBeGreaterThanOrEqual(first!.complete!);
    for (const op of committedTransactions(hasty.world.history)) expect(latency(op)).toBeLessThan(10);

    expect(runChecks(waiting, ['external-consistency'])[0]).toMatchObject({ ok: true });
    const [verdict] = runChecks(hasty, ['external-consistency']);
    expect(verdict).toMatchObject({ name: 'external-consistency', ok: false });
    expect(verdict!.detail).toContain('timestamp 113');
    expect(verdict!.detail).toContain('timestamp 106');
  });
});

describe('commit wait grows with ε', () => {
  it('ε = 7 ms waits 15 ms (about 20 ms per transaction); ε = 20 ms waits 41 ms (about 45 ms), and both keep the order', () => {
    const narrow = run('commit-wait-epsilon').run();
    const wide = run('commit-wait-epsilon', 'right').run();
    const waits = (sim: Simulation) =>
      sim.world.notes.map((note) => Number(/after a (\d+) ms commit wait/.exec(note.text)![1]));
    expect(waits(narrow)).toEqual(Array(5).fill(15));
    expect(waits(wide)).toEqual(Array(5).fill(41));
    const latencies = (sim: Simulation) => committedTransactions(sim.world.history).map(latency);
    expect(Math.min(...latencies(narrow))).toBeGreaterThanOrEqual(15);
    expect(Math.max(...latencies(narrow))).toBeLessThanOrEqual(25);
    expect(Math.min(...latencies(wide))).toBeGreaterThanOrEqual(40);
    expect(Math.max(...latencies(wide))).toBeLessThanOrEqual(50);
    expect(externalConsistencyViolations(wide.world.history)).toEqual([]);
  });
});

describe('predictions and run-bound questions on 20 seeds', () => {
  let values: Map<string, unknown[]>;
  beforeAll(() => {
    values = expectRunBoundMeasures(lesson);
  }, 300_000);
  const on = (id: string) => values.get(id)!;

  it('binds the blocked-time and lost-updates questions to the runs they ask about', () => {
    expect(lesson.runBoundQuestions.map((question) => question.id).sort()).toEqual([
      'blocked-ms',
      'lost-updates',
    ]);
    expect(lesson.predictions.length).toBeGreaterThanOrEqual(2);
  });

  it('coordinator crash: on every seed no read is answered before 6 s, n2 is in doubt about 5.9 s (its note and its chart agree), and the read after returns 100', () => {
    claimSeeds.forEach((seed, index) => {
      expect(on('coordinator-crash-reads')[index], `seed ${seed}`).toBe(0);
      const inDoubt = on('coordinator-crash-in-doubt')[index] as number;
      expect(on('blocked-ms')[index]).toBe(inDoubt);
      const sim = run('coordinator-crash', 'left', { seed });
      let highest = 0;
      while (sim.nextEventTime() <= 6100 && sim.step())
        highest = Math.max(highest, gauge(sim, 'blocked ms.n2'));
      expect(Math.abs(highest - inDoubt), `seed ${seed}`).toBeLessThanOrEqual(100);
      expect(inDoubt, `seed ${seed}`).toBeGreaterThan(5800);
      const unblocked = measureEmbed(lesson, 'coordinator-crash', seed, {
        measure: 'time',
        at: 'note: n2 unblocked',
      });
      expect(unblocked, `seed ${seed}`).toBeGreaterThanOrEqual(6000);
      expect(
        measureEmbed(lesson, 'coordinator-crash', seed, {
          measure: 'read-value',
          args: { node: 'n2' },
          at: 'end',
        }),
      ).toBe(100);
    });
  });

  it('sagas: on every seed the compensations restore 100 and 100, and the reader sees a total below 200 and then 200 again', () => {
    claimSeeds.forEach((seed, index) => {
      expect(on('saga-alice-balance')[index], `seed ${seed}`).toBe(100);
      expect(
        measureEmbed(lesson, 'saga-compensation', seed, {
          measure: 'node-value',
          args: { node: 'n3', key: 'bob' },
          at: 'end',
        }),
      ).toBe(100);
      expect(on('saga-reader-total')[index], `seed ${seed}`).toBeLessThan(200);
      const sim = run('saga-dirty-read', 'left', { seed }).run();
      expect(
        Number(durable<SagaDurable>(sim, 'n2').kv.alice) + Number(durable<SagaDurable>(sim, 'n3').kv.bob),
      ).toBe(200);
      expect(
        measureEmbed(lesson, 'saga-dirty-read', seed, {
          measure: 'paired-read-total',
          args: { process: 'reader', which: 'highest' },
          at: 'end',
        }),
      ).toBe(200);
    });
  });

  it('optimistic concurrency: on every seed the version check reaches 15 and the blind side loses updates, by a count that changes with the seed (the quiz reads the student’s own)', () => {
    const blind = on('occ-counter-right') as number[];
    claimSeeds.forEach((seed, index) => {
      expect(on('occ-counter-left')[index], `seed ${seed}`).toBe(15);
      expect(blind[index], `seed ${seed}`).toBeLessThan(15);
      expect(blind[index], `seed ${seed}`).toBeGreaterThan(0);
      const sim = run('occ-compare', 'right', { seed }).run();
      expect(durable<OccDurable>(sim, 'n1').rows.counter!.value).toBe(blind[index]);
    });
    expect(on('lost-updates')).toEqual(blind);
    expect(new Set(blind).size).toBeGreaterThan(1);
  });

  it('commit wait: on every seed the left waits 2ε + 1 ms and keeps the order, the right breaks it with a second timestamp below the first; ε = 20 ms waits 41 ms and transactions take longer', () => {
    claimSeeds.forEach((seed, index) => {
      expect(on('commit-wait-order')[index], `seed ${seed}`).toBe('fails');
      expect(on('commit-wait-ms')[index], `seed ${seed}`).toBe(2 * 7 + 1);
      const timestamp = (nth: number) =>
        measureEmbed(
          lesson,
          'commit-wait-compare',
          seed,
          { measure: 'operation-value', args: { type: 'txn', nth }, at: 'end' },
          'right',
        ) as number;
      expect(timestamp(2), `seed ${seed}`).toBeLessThan(timestamp(1));
      expect(
        measureEmbed(lesson, 'commit-wait-compare', seed, {
          measure: 'check-verdict',
          args: { check: 'external-consistency' },
          at: 'end',
        }),
      ).toBe('passes');
      expect(
        measureEmbed(lesson, 'commit-wait-epsilon', seed, { measure: 'commit-wait-ms', at: 'end' }, 'right'),
      ).toBe(2 * 20 + 1);
      const median = (side: 'left' | 'right') =>
        measureEmbed(
          lesson,
          'commit-wait-epsilon',
          seed,
          { measure: 'latency-percentile', args: { type: 'txn' }, at: 'end' },
          side,
        ) as number;
      expect(median('right') - median('left'), `seed ${seed}`).toBeGreaterThanOrEqual(2 * (20 - 7));
    });
  });
});
