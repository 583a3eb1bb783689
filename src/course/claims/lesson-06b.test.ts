// @vitest-environment jsdom
/**
 * The isolation lesson (lessons/06b-isolation-and-serializability.mdx): its statements about its embeds,
 * run on the embeds' own scenarios, and the quiz answer and predictions that come from those runs.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { runChecks } from '../../engine/checkers';
import type { Simulation } from '../../engine/core/simulation';
import { claimSeeds, expectRunBoundMeasures, measureEmbed } from './runBound';
import { readLesson, type LessonContent } from './lessonContent';

vi.setConfig({ testTimeout: 120_000 });
let lesson: LessonContent;
beforeAll(async () => {
  lesson = await readLesson('isolation-and-serializability');
});

const finished = (embedId: string, isolation?: string) =>
  lesson.simulate(embedId, isolation ? { overrides: { params: { isolation } } } : {}).run();
const failingChecks = (sim: Simulation) =>
  runChecks(sim)
    .filter((check) => !check.ok)
    .map((check) => check.name);
const latest = (sim: Simulation, node: string, key: string) => {
  const view = sim.protocol.describeNode(sim.node(node).state, true);
  return view.kv?.[key];
};
const succeeded = (sim: Simulation, type: string) =>
  sim.world.history.filter((op) => op.type === type && op.ok === true).length;

describe('write skew', () => {
  it('write skew: both requests succeed, both doctors end off call, and only the serializable check fails', () => {
    const sim = finished('write-skew');
    expect(succeeded(sim, 'go-off-call')).toBe(2);
    expect([latest(sim, 'n2', 'alice'), latest(sim, 'n3', 'bob')]).toEqual(['off', 'off']);
    expect(failingChecks(sim)).toEqual(['serializable']);
    const serializable = runChecks(sim).find((check) => check.name === 'serializable')!;
    // "Alice's transaction read Bob as on call before Bob's overwrote that, and Bob's read Alice as on call…"
    expect(serializable.detail).toMatch(
      /^write skew \(G2\): T\d read (alice|bob) = on \(its initial value\) before T\d overwrote it with off \(rw\); T\d read (alice|bob) = on/,
    );
  });

  it('under two-phase locking (lesson seed) one request succeeds, one doctor stays on call, both first attempts abort as read-locked', () => {
    const sim = finished('write-skew-2pl');
    expect(succeeded(sim, 'go-off-call')).toBe(1);
    expect(
      [latest(sim, 'n2', 'alice'), latest(sim, 'n3', 'bob')].filter((state) => state === 'on'),
    ).toHaveLength(1);
    const firstAborts = sim.world.notes.slice(0, 2).map((note) => note.text);
    for (const text of firstAborts)
      expect(text).toMatch(/aborted: (alice|bob) is read-locked by #\d; retrying/);
    expect(sim.world.history.find((op) => op.ok === false)!.error).toMatch(
      /refused: only 1 doctor is on call/,
    );
    expect(failingChecks(sim)).toEqual([]);
  });
});

describe('read committed', () => {
  it('read skew: the audit reports 230 under read committed and 200 under snapshot isolation', () => {
    const audit = (sim: Simulation) => sim.world.history.find((op) => op.type === 'audit')!.value;
    const readCommitted = finished('read-skew');
    expect(audit(readCommitted)).toBe(230);
    expect(failingChecks(readCommitted)).toEqual(['snapshot-isolation', 'serializable']);
    expect(runChecks(readCommitted).find((check) => check.name === 'serializable')!.detail).toMatch(
      /^read skew \(G-single\)/,
    );
    expect(audit(finished('read-skew', 'snapshot-isolation'))).toBe(200);
  });

  it('lost update: the deposits commit 150 then 130; under snapshot isolation the retry commits 180', () => {
    const readCommitted = finished('lost-update');
    const { versions } = readCommitted.node('n2').state.durable as {
      versions: Record<string, { value: unknown }[]>;
    };
    expect(versions.alice!.map((version) => version.value)).toEqual([100, 150, 130]);
    expect(succeeded(readCommitted, 'deposit')).toBe(2);
    const snapshot = finished('lost-update', 'snapshot-isolation');
    expect(latest(snapshot, 'n2', 'alice')).toBe(180);
    expect(succeeded(snapshot, 'deposit')).toBe(2);
  });
});

describe('predictions and run-bound questions on 20 seeds', () => {
  let values: Map<string, unknown[]>;
  beforeAll(() => {
    values = expectRunBoundMeasures(lesson);
  }, 300_000);
  const on = (id: string) => values.get(id)!;

  it('binds the audit and deposit questions to the runs they ask about', () => {
    expect(lesson.runBoundQuestions.map((question) => question.id).sort()).toEqual([
      'audit-total',
      'lost-deposit',
    ]);
  });

  it('write skew: on every seed both requests succeed, both doctors end off call and only serializable fails', () => {
    claimSeeds.forEach((seed, index) => {
      expect(on('write-skew-succeeded')[index], `seed ${seed}`).toBe(2);
      const sim = lesson.simulate('write-skew', { overrides: { seed } }).run();
      expect([latest(sim, 'n2', 'alice'), latest(sim, 'n3', 'bob')]).toEqual(['off', 'off']);
      expect(measureEmbed(lesson, 'write-skew', seed, { measure: 'failing-checks', at: 'end' })).toBe(
        'serializable',
      );
    });
  });

  it('two-phase locking: on every seed at most one request succeeds, at least one doctor stays on call, nothing is flagged; one succeeds on most seeds and none when both give up', () => {
    const succeededBySeed = on('write-skew-2pl-succeeded') as number[];
    claimSeeds.forEach((seed, index) => {
      const sim = lesson.simulate('write-skew-2pl', { overrides: { seed } }).run();
      const onCall = [latest(sim, 'n2', 'alice'), latest(sim, 'n3', 'bob')].filter((state) => state === 'on');
      expect(onCall.length, `seed ${seed}`).toBe(2 - succeededBySeed[index]!);
      expect(failingChecks(sim), `seed ${seed}`).toEqual([]);
      expect(sim.world.notes[0]!.text, `seed ${seed}`).toMatch(/read-locked/);
      if (succeededBySeed[index] === 0)
        expect(
          sim.world.history.every((op) => /aborted \d+ times/.test(op.error ?? '')),
          `seed ${seed}`,
        ).toBe(true);
    });
    expect(succeededBySeed.filter((count) => count === 1).length).toBeGreaterThan(10);
    expect(succeededBySeed.every((count) => count <= 1)).toBe(true);
  });

  it('read committed: on every seed the audit reports 230 and fails snapshot isolation and serializable; the deposits end at 130', () => {
    claimSeeds.forEach((seed, index) => {
      expect(on('read-skew-total')[index], `seed ${seed}`).toBe(230);
      expect(on('audit-total')[index]).toBe(230);
      expect(on('read-skew-checks')[index]).toBe('snapshot-isolation, serializable');
      expect(on('lost-deposit')[index], `seed ${seed}`).toBe(130);
    });
  });
});
