// @vitest-environment jsdom
/**
 * Lesson 5 (lessons/05-failover-and-consensus.mdx): the statements about its simulations that the
 * protocol tests do not already assert, run on the embeds' own overrides, and the quiz answers that
 * come from running them.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { runChecks } from '../../engine/checkers';
import type { Simulation } from '../../engine/core/simulation';
import { agreedLeader, leadersNow, raftNode, runUntilAgreedLeader } from '../../engine/protocols/raft/inspect';
import { createSimulation } from '../../engine/scenarios/resolve';
import { readLesson, type LessonContent } from './lessonContent';

vi.setConfig({ testTimeout: 30_000 });

let lesson: LessonContent;
beforeAll(async () => {
  lesson = await readLesson('failover-and-consensus');
});

/** The embed's run, or with `side: 'compare'` the right-hand run of a compare embed (params merge key by key). */
function run(embedId: string, side: 'main' | 'compare' = 'main'): Simulation {
  const { scenario, overrides, compare } = lesson.embed(embedId);
  const sideOverrides = side === 'compare' ? { ...overrides, ...compare, params: { ...overrides.params, ...compare?.params } } : overrides;
  return createSimulation(scenario, sideOverrides, { checkInvariants: true });
}

const notes = (sim: Simulation, pattern: RegExp) => sim.world.notes.filter((note) => pattern.test(note.text));

describe('Raft leader crash', () => {
  it('n2 times out first, wins term 2 with the votes of n3, n4 and n5 a little over 200 ms after the crash, and n1 rejoins as a follower', () => {
    const sim = run('raft-leader-crash');
    sim.runUntil(1900);
    expect(leadersNow(sim)).toEqual(['n1']);
    expect(raftNode(sim, 'n1').durable.currentTerm).toBe(1);
    sim.run();
    const afterCrash = sim.world.notes.filter((note) => note.at > 2000 && note.at < 4000).map((note) => note.text);
    expect(afterCrash[0]).toBe('n2 started an election for term 2');
    expect(afterCrash.filter((text) => /voted for n2 in term 2$/.test(text)).map((text) => text.split(' ')[0]).sort()).toEqual(['n3', 'n4', 'n5']);
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
      expect(runChecks(sim).filter((result) => !result.ok), `crash of n2 at ${crashAt}`).toEqual([]);
    }
  });
});

describe('Raft minority partition', () => {
  it('n3 and n4 split the votes of term 2, and n3 wins term 3, the answer the quiz expects', () => {
    const sim = run('raft-minority-partition').run();
    const termTwoCandidates = notes(sim, /started an election for term 2$/).map((note) => note.node).sort();
    expect(termTwoCandidates).toEqual(['n3', 'n4']);
    expect(notes(sim, /became leader in term 2$/)).toEqual([]);
    const winners = notes(sim, /became leader in term \d+$/).filter((note) => note.at > 2000);
    expect(winners.map((note) => note.text)).toEqual(['n3 became leader in term 3']);
    expect(lesson.numericQuestion('majority-term').answer).toBe(3);
    expect(sim.world.violations).toEqual([]);
  });
});

describe('Raft Figure 8 compare', () => {
  it('at 0.46 s both n1s lead term 4 with entry 3 (term 2) on a majority; only the unsafe one has committed it', () => {
    const safe = run('raft-figure-8');
    const unsafe = run('raft-figure-8', 'compare');
    for (const sim of [safe, unsafe]) {
      sim.runUntil(460);
      expect(raftNode(sim, 'n1').volatile!.role).toBe('leader');
      expect(raftNode(sim, 'n1').durable.currentTerm).toBe(4);
    }
    expect(raftNode(safe, 'n1').volatile!.commitIndex).toBeLessThan(3);
    expect(raftNode(unsafe, 'n1').volatile!.commitIndex).toBe(3);
  });
});
