// @vitest-environment jsdom
/**
 * Lesson 5 (lessons/05-failover-and-consensus.mdx): the statements about its simulations that the
 * protocol tests do not already assert, run on the embeds' own overrides, and the quiz answers that
 * come from running them.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { runChecks } from '../../engine/checkers';
import type { Simulation } from '../../engine/core/simulation';
import {
  agreedLeader,
  leadersNow,
  raftNode,
  runUntilAgreedLeader,
} from '../../engine/protocols/raft/inspect';
import type { FailoverDurable } from '../../engine/protocols/failover/state';
import { invokedBetween, successRate } from './history';
import { claimSeeds, expectRunBoundMeasures, measureEmbed } from './runBound';
import { readLesson, type LessonContent } from './lessonContent';

vi.setConfig({ testTimeout: 120_000 });

let lesson: LessonContent;
beforeAll(async () => {
  lesson = await readLesson('failover-and-consensus');
});

const run = (embedId: string, side: 'left' | 'right' = 'left') => lesson.simulate(embedId, { side });

const notes = (sim: Simulation, pattern: RegExp) => sim.world.notes.filter((note) => pattern.test(note.text));
const durable = (sim: Simulation, node: string) => sim.node(node).state.durable as FailoverDurable;
const leaders = (sim: Simulation) =>
  sim.nodeIds.filter((node) => sim.node(node).status === 'up' && durable(sim, node).role === 'leader');
const writesTo = (sim: Simulation, nodes: readonly string[], fromMs: number, toMs: number) =>
  invokedBetween(sim.world.history, fromMs, toMs).filter(
    (op) => op.type === 'write' && nodes.includes(op.node),
  );
const gauge = (sim: Simulation, name: string) => sim.protocol.gauges!(sim.invariantContext() as never)[name]!;

describe('timeout trade-off', () => {
  it('200 ms (lesson seed): the healthy n1 is suspected and steps down, elections fail until n5 wins epoch 6 after 5 s, and no write succeeds in between; 1000 ms: n1 leads throughout', () => {
    const short = run('timeout-trade-off').run();
    expect(short.nodeIds.every((node) => short.node(node).status === 'up')).toBe(true);
    const [firstSuspicion] = notes(short, /suspects n1/);
    expect(firstSuspicion!.at).toBeGreaterThan(3000);
    expect(firstSuspicion!.at).toBeLessThan(3300);
    expect(notes(short, /^n1 stepped down: fenced/)).toHaveLength(1);
    expect(notes(short, /withdraws from the election/).length).toBeGreaterThan(3);
    const promotions = notes(short, /promoted to leader/);
    expect(promotions.map((note) => note.text)).toEqual([
      expect.stringMatching(/^n5 promoted to leader \(epoch 6\)/),
    ]);
    expect(promotions[0]!.at).toBeGreaterThan(5000);
    expect(leaders(short)).toEqual(['n5']);
    expect(durable(short, 'n5').epoch).toBe(6);
    expect(successRate(writesTo(short, short.nodeIds, 3000, 5000))).toBe(0);
    expect(short.world.violations).toEqual([]);

    const long = run('timeout-trade-off', 'right').run();
    expect(notes(long, /suspects|stands for election|promoted/)).toEqual([]);
    expect(leaders(long)).toEqual(['n1']);
    expect(durable(long, 'n1').epoch).toBe(1);
    expect(successRate(writesTo(long, long.nodeIds, 3000, 5000))).toBeGreaterThan(0);
  });
});

describe('split brain', () => {
  it('n3 wins within half a second of the partition; at 5 s n1 and n3 both lead and both acknowledge writes; after the heal both still lead', () => {
    const sim = run('split-brain');
    sim.runUntil(5000);
    const [promoted] = notes(sim, /promoted to leader/);
    expect(promoted!.text).toMatch(/^n3 promoted to leader \(epoch 2\)/);
    expect(promoted!.at - 3000).toBeLessThan(500);
    expect(leaders(sim).sort()).toEqual(['n1', 'n3']);
    expect(gauge(sim, 'leaders')).toBe(2);
    expect(gauge(sim, 'acknowledged.notOnNewestLeader')).toBeGreaterThan(0);
    sim.run();
    for (const side of [
      ['n1', 'n2'],
      ['n3', 'n4', 'n5'],
    ]) {
      expect(
        writesTo(sim, side, 3500, 7000).filter((op) => op.ok === true).length,
        side.join(),
      ).toBeGreaterThan(10);
    }
    expect(leaders(sim).sort()).toEqual(['n1', 'n3']);
    expect(gauge(sim, 'acknowledged.notOnNewestLeader')).toBeGreaterThan(0);
  });
});

describe('fencing with epochs', () => {
  it('no write sent to n1 or n2 during the partition succeeds while n1 holds unacknowledged writes; n1 still answers reads; after the heal it steps down on epoch 2 and rolls back', () => {
    const sim = run('fencing-epochs');
    sim.runUntil(5000);
    expect(durable(sim, 'n1').role).toBe('leader');
    const n1Details = sim.protocol.describeNode(sim.node('n1').state as never, true).details!;
    expect(n1Details['writes awaiting acks']).toBeGreaterThan(0);
    sim.run();
    const cutOff = invokedBetween(sim.world.history, 3000, 7000).filter((op) =>
      ['n1', 'n2'].includes(op.node),
    );
    expect(cutOff.filter((op) => op.type === 'write').length).toBeGreaterThan(5);
    expect(cutOff.filter((op) => op.type === 'write' && op.ok !== null)).toEqual([]);
    expect(cutOff.filter((op) => op.type === 'read' && op.ok === true).length).toBeGreaterThan(0);
    const [stepDown] = notes(sim, /^n1 stepped down: fenced: saw epoch 2/);
    expect(stepDown!.at).toBeGreaterThanOrEqual(7000);
    expect(stepDown!.at).toBeLessThan(7100);
    expect(notes(sim, /^n1 rolled back \d+ entries/)).toHaveLength(1);
    expect(durable(sim, 'n1')).toMatchObject({ role: 'follower', leader: 'n3', epoch: 2 });
  });
});

describe('STONITH', () => {
  it('n3 powers n1 off as it wins; n2, alone, stands for election again and again and never wins; afterwards both follow n3', () => {
    const sim = run('stonith');
    sim.runUntil(3500);
    const [poweredOff] = notes(sim, /^n3 powered off n1/);
    const [promoted] = notes(sim, /^n3 promoted to leader/);
    expect(poweredOff!.at).toBeLessThanOrEqual(promoted!.at);
    expect(sim.node('n1').status).toBe('crashed');
    sim.runUntil(7000);
    expect(durable(sim, 'n2').elections).toBeGreaterThan(2);
    expect(notes(sim, /^n2 promoted/)).toEqual([]);
    sim.run();
    for (const node of ['n1', 'n2'])
      expect(durable(sim, node)).toMatchObject({ role: 'follower', leader: 'n3' });
  });
});

describe('Raft leader crash', () => {
  it('n2 times out first, wins term 2 with the votes of n3, n4 and n5 a little over 200 ms after the crash, and n1 rejoins as a follower', () => {
    const sim = run('raft-leader-crash');
    sim.runUntil(1900);
    expect(leadersNow(sim)).toEqual(['n1']);
    expect(raftNode(sim, 'n1').durable.currentTerm).toBe(1);
    sim.run();
    const afterCrash = sim.world.notes
      .filter((note) => note.at > 2000 && note.at < 4000)
      .map((note) => note.text);
    expect(afterCrash[0]).toBe('n2 started an election for term 2');
    expect(
      afterCrash
        .filter((text) => /voted for n2 in term 2$/.test(text))
        .map((text) => text.split(' ')[0])
        .sort(),
    ).toEqual(['n3', 'n4', 'n5']);
    const [elected] = notes(sim, /^n2 became leader in term 2$/);
    expect(elected!.at - 2000).toBeGreaterThan(200);
    expect(elected!.at - 2000).toBeLessThan(300);
    expect(raftNode(sim, 'n1').volatile!.role).toBe('follower');
    expect(raftNode(sim, 'n1').durable.currentTerm).toBe(2);
    expect(sim.world.violations).toEqual([]);
  });

  it('crashing the new leader as well (before or after n1 is back) leaves a majority, which elects another leader and keeps every acknowledged write', () => {
    for (const crashAt of [3000, 4500]) {
      const sim = run('raft-leader-crash');
      sim.runUntil(crashAt);
      expect(leadersNow(sim)).toEqual(['n2']);
      sim.command({ at: 0, crash: 'n2' });
      const electedAt = runUntilAgreedLeader(sim, crashAt + 1000);
      expect(electedAt, `crash of n2 at ${crashAt}`).not.toBeNull();
      expect(agreedLeader(sim)).not.toBe('n2');
      expect(raftNode(sim, agreedLeader(sim)!).durable.currentTerm).toBeGreaterThanOrEqual(3);
      sim.run();
      expect(
        runChecks(sim).filter((result) => !result.ok),
        `crash of n2 at ${crashAt}`,
      ).toEqual([]);
    }
  });
});

describe('Raft minority partition', () => {
  it('lesson seed: n3 and n4 split the votes of term 2, and n3 wins term 3', () => {
    const sim = run('raft-minority-partition').run();
    const termTwoCandidates = notes(sim, /started an election for term 2$/)
      .map((note) => note.node)
      .sort();
    expect(termTwoCandidates).toEqual(['n3', 'n4']);
    expect(notes(sim, /became leader in term 2$/)).toEqual([]);
    const winners = notes(sim, /became leader in term \d+$/).filter((note) => note.at > 2000);
    expect(winners.map((note) => note.text)).toEqual(['n3 became leader in term 3']);
    expect(agreedLeaderTerm(sim, 4000)).toBe(3);
    expect(sim.world.violations).toEqual([]);
  });
});

describe('Raft Figure 8 compare', () => {
  it('at 0.46 s both n1s lead term 4 with entry 3 (term 2) on a majority; only the unsafe one has committed it', () => {
    const safe = run('raft-figure-8');
    const unsafe = run('raft-figure-8', 'right');
    for (const sim of [safe, unsafe]) {
      sim.runUntil(460);
      expect(raftNode(sim, 'n1').volatile!.role).toBe('leader');
      expect(raftNode(sim, 'n1').durable.currentTerm).toBe(4);
    }
    expect(raftNode(safe, 'n1').volatile!.commitIndex).toBeLessThan(3);
    expect(raftNode(unsafe, 'n1').volatile!.commitIndex).toBe(3);
  });
});

/** The leader term the lesson's run shows at a time (the majority side's leader has the highest). */
function agreedLeaderTerm(finished: Simulation, atMs: number): number {
  const sim = lesson.simulate('raft-minority-partition', { overrides: { seed: finished.scenario.seed } });
  sim.runUntil(atMs);
  return Math.max(
    ...sim.nodeIds
      .filter((node) => sim.node(node).status === 'up' && raftNode(sim, node).volatile?.role === 'leader')
      .map((node) => raftNode(sim, node).durable.currentTerm),
  );
}

describe('predictions and run-bound questions on 20 seeds', () => {
  let values: Map<string, unknown[]>;
  beforeAll(() => {
    values = expectRunBoundMeasures(lesson);
  }, 300_000);
  const at = (id: string, seedIndex: number) => values.get(id)![seedIndex];

  it('every lesson ends with at least two predictions per converted callout embed, each bound to an embed of the lesson', () => {
    const byEmbed = new Map<string, number>();
    for (const prediction of lesson.predictions)
      byEmbed.set(prediction.for, (byEmbed.get(prediction.for) ?? 0) + 1);
    expect(lesson.predictions.length).toBeGreaterThanOrEqual(2);
    for (const id of byEmbed.keys()) expect(() => lesson.embed(id)).not.toThrow();
    expect(lesson.runBoundQuestions.map((question) => question.id).sort()).toEqual([
      'false-failover-epoch',
      'majority-term',
    ]);
  });

  it('timeout trade-off: the left cluster holds elections on almost every seed and its epoch is the one its leader holds (the quiz answer); the right one never promotes anyone', () => {
    const leftEpochs = claimSeeds.map((_, index) => at('timeout-left-epoch', index) as number);
    expect(leftEpochs.filter((epoch) => epoch >= 2).length).toBeGreaterThanOrEqual(18);
    expect(values.get('false-failover-epoch')).toEqual(leftEpochs);
    claimSeeds.forEach((seed, index) => {
      const short = lesson.simulate('timeout-trade-off', { overrides: { seed } }).run();
      expect(leaders(short), `seed ${seed}`).toHaveLength(1);
      expect(durable(short, leaders(short)[0]!).epoch, `seed ${seed}`).toBe(leftEpochs[index]);
      expect(at('timeout-right-promotions', index), `seed ${seed}`).toBe(0);
      const long = lesson.simulate('timeout-trade-off', { side: 'right', overrides: { seed } }).run();
      expect(leaders(long), `seed ${seed}`).toEqual(['n1']);
      expect(durable(long, 'n1').epoch).toBe(1);
    });
  });

  it('split brain: on every seed two nodes lead at 5 s and at the end, the majority elects its leader before the heal, and acknowledged writes are missing from the newest leader', () => {
    claimSeeds.forEach((seed, index) => {
      expect(at('split-brain-leaders-5s', index), `seed ${seed}`).toBe(2);
      expect(at('split-brain-leaders-end', index), `seed ${seed}`).toBe(2);
      const elapsed = measureEmbed(lesson, 'split-brain', seed, {
        measure: 'time-since',
        args: { from: 3000 },
        at: 'new leader after 3 s',
      }) as number;
      expect(elapsed, `seed ${seed}`).toBeGreaterThan(0);
      expect(elapsed, `seed ${seed}`).toBeLessThan(4000);
      const missing = measureEmbed(lesson, 'split-brain', seed, {
        measure: 'gauge',
        args: { name: 'acknowledged.notOnNewestLeader' },
        at: 'end',
      });
      expect(missing, `seed ${seed}`).toBeGreaterThan(0);
    });
  });

  it('fencing: on every seed n1 confirms none of its partition writes and ends a follower of a newer epoch', () => {
    claimSeeds.forEach((seed, index) => {
      expect(at('fencing-writes-confirmed', index), `seed ${seed}`).toBe(0);
      expect(at('fencing-n1-role', index), `seed ${seed}`).toBe('follower');
      expect(
        measureEmbed(lesson, 'fencing-epochs', seed, {
          measure: 'node-term',
          args: { node: 'n1' },
          at: 'end',
        }),
        `seed ${seed}`,
      ).toBeGreaterThanOrEqual(2);
      expect(measureEmbed(lesson, 'stonith', seed, { measure: 'leaders', at: 'end' }), `seed ${seed}`).toBe(
        1,
      );
    });
  });

  it('Raft leader crash: when n1 led at 2 s, a new leader of a newer term leads at 3 s; when it did not, the term-1 leader goes on; every seed stays linearizable and n1 ends a follower', () => {
    let crashedLeader = 0;
    claimSeeds.forEach((seed, index) => {
      const n1Led = measureEmbed(lesson, 'raft-leader-crash', seed, { measure: 'leader', at: 1999 }) === 'n1';
      const term = at('raft-crash-term', index);
      if (n1Led) {
        crashedLeader += 1;
        expect(term, `seed ${seed}`).toBeGreaterThanOrEqual(2);
      } else expect(term, `seed ${seed}`).toBe(1);
      expect(at('raft-crash-writes-kept', index), `seed ${seed}`).toBe('passes');
      expect(
        measureEmbed(lesson, 'raft-leader-crash', seed, {
          measure: 'node-role',
          args: { node: 'n1' },
          at: 'end',
        }),
        `seed ${seed}`,
      ).toBe('follower');
    });
    // The lesson's own seed is one where n1 leads, and so are several of the others.
    expect(crashedLeader).toBeGreaterThan(2);
  });

  it('Raft minority partition: on every seed n1 commits none of its partition writes and the majority side leads at 4 s in the term the prediction and the quiz read', () => {
    claimSeeds.forEach((seed, index) => {
      expect(at('raft-minority-n1-writes', index), `seed ${seed}`).toBe(0);
      const sim = lesson.simulate('raft-minority-partition', { overrides: { seed } });
      sim.runUntil(4000);
      const majorityLeader = ['n3', 'n4', 'n5'].find(
        (node) => raftNode(sim, node).volatile?.role === 'leader',
      );
      expect(majorityLeader, `seed ${seed}`).toBeDefined();
      expect(raftNode(sim, majorityLeader!).durable.currentTerm, `seed ${seed}`).toBe(
        at('raft-majority-term', index),
      );
      expect(at('majority-term', index)).toBe(at('raft-majority-term', index));
      sim.run();
      expect(raftNode(sim, 'n1').volatile?.role, `seed ${seed}`).toBe('follower');
    });
  });
});
