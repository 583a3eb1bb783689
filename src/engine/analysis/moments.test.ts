import { describe, expect, it } from 'vitest';
import { Timeline } from '../core/timeline';
import { createSimulation } from '../catalog/resolve';
import { describeMoment, momentSchema, parseMoment, runToMoment, stepperOf, type Moment } from './moments';

function parsed(text: string): Moment {
  const result = parseMoment(text);
  if (!result.ok) throw new Error(result.problem);
  return result.moment;
}

/** Where a fresh run of the scenario first meets the moment, and the run's state there. */
function firstTime(scenario: string, text: string, seed = 3) {
  const sim = createSimulation(scenario, { seed });
  const at = runToMoment(stepperOf(sim), parsed(text), sim.scenario.durationMs);
  return { at, sim };
}

describe('moments written as text', () => {
  it('read times, node events, leaders, first messages, request outcomes and notes, with "after"', () => {
    expect(parsed('1.9 s')).toEqual({ atMs: 1900 });
    expect(parsed('250 ms')).toEqual({ atMs: 250 });
    expect(parsed('n1 crashes')).toEqual({ event: 'crash', node: 'n1' });
    expect(parsed('a node restarts')).toEqual({ event: 'restart' });
    expect(parsed('new leader')).toEqual({ event: 'leader' });
    expect(parsed('a new leader is elected')).toEqual({ event: 'leader' });
    expect(parsed('n2 becomes leader after 2 s')).toEqual({ event: 'leader', node: 'n2', afterMs: 2000 });
    expect(parsed('first PREPARE')).toEqual({ event: 'send', message: 'PREPARE' });
    expect(parsed('first RequestVote from n2 to n3')).toEqual({
      event: 'send',
      message: 'RequestVote',
      from: 'n2',
      to: 'n3',
    });
    expect(parsed('a request fails')).toEqual({ event: 'operation', outcome: 'failed' });
    expect(parsed('note: network healed')).toEqual({ event: 'note', text: 'network healed' });
  });

  it('names what is wrong with text that is not a moment, and describes moments in words', () => {
    const result = parseMoment('when it feels right');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toMatch(
      /"when it feels right" is not a moment: write a time \("1\.9 s"\)/,
    );
    expect(momentSchema.safeParse('soon').success).toBe(false);
    expect(momentSchema.safeParse({ event: 'crash', node: 'n1', colour: 'red' }).success).toBe(false);
    expect(momentSchema.parse('n1 crashes')).toEqual({ event: 'crash', node: 'n1' });
    expect(describeMoment(parsed('1.9 s'))).toBe('at 1.9 s');
    expect(describeMoment(parsed('n1 crashes'))).toBe('when n1 crashes');
    expect(describeMoment(parsed('new leader after 2 s'))).toBe('when a new leader is elected after 2.0 s');
    expect(describeMoment(parsed('first PREPARE'))).toBe('when the first PREPARE is sent');
  });
});

describe('finding a moment in a run', () => {
  it('Raft leader crash: n1 crashes at 2 s, RequestVote follows within an election timeout, then a new leader', () => {
    const crash = firstTime('raft/leader-crash', 'n1 crashes');
    expect(crash.at).toBe(2000);
    expect(crash.sim.world.nodes.find((node) => node.id === 'n1')!.status).toBe('crashed');

    const vote = firstTime('raft/leader-crash', 'first RequestVote after 2 s');
    expect(vote.at).toBeGreaterThan(2000 + 150 - 1);
    expect(vote.at).toBeLessThanOrEqual(2000 + 300);

    const leader = firstTime('raft/leader-crash', 'new leader after 2 s');
    expect(leader.at).toBeGreaterThan(vote.at!);
    const leaders = leader.sim.world.nodes.filter(
      (node) => node.status === 'up' && leader.sim.protocol.describeNode(node.state, true).role === 'leader',
    );
    expect(leaders).toHaveLength(1);
    expect(leaders[0]!.id).not.toBe('n1');
  });

  it('2PC: the first PREPARE leaves the coordinator at the start of the transaction', () => {
    const { at, sim } = firstTime('twophase/commit', 'first PREPARE', 1);
    expect(at).not.toBeNull();
    expect(at!).toBeLessThan(sim.scenario.durationMs);
    expect(sim.world.counters.messagesSent).toBeGreaterThan(0);
  });

  it('a moment that never happens leaves the run at the end and answers null', () => {
    const { at, sim } = firstTime('raft/leader-crash', 'n5 crashes');
    expect(at).toBeNull();
    expect(sim.now).toBe(sim.scenario.durationMs);
  });

  it('watching for moments never changes the run: same digest with and without, across seeds', () => {
    for (const seed of [1, 2, 3, 7, 11]) {
      const plain = createSimulation('raft/leader-crash', { seed }).run();
      const timeline = new Timeline(createSimulation('raft/leader-crash', { seed }));
      for (const text of [
        'first RequestVote',
        'n1 crashes',
        'new leader after 2 s',
        'a request succeeds',
        'note: started an election',
      ]) {
        runToMoment(timeline, parsed(text), plain.scenario.durationMs);
      }
      timeline.runUntil(plain.scenario.durationMs);
      expect(
        timeline.sim.world.digest,
        `seed ${seed}: npx vitest run src/engine/analysis/moments.test.ts`,
      ).toBe(plain.world.digest);
    }
  });

  it('a student command counts: crashing n3 by hand at 1 s is found at 1 s on a Timeline', () => {
    const timeline = new Timeline(createSimulation('raft/leader-crash', { seed: 3 }), {
      commands: [{ at: 1000, crash: 'n3' }],
    });
    expect(runToMoment(timeline, parsed('n3 crashes'), 6000)).toBe(1000);
  });
});
