/** Each Raft scenario demonstrates its lesson because the protocol produces it; these tests hold them to it. */
import { describe, expect, it, vi } from 'vitest';
import type { Simulation } from '../../core/simulation';
import { runChecks } from '../../checkers';
import { createSimulation } from '../../catalog/resolve';
import { agreedLeader, leadersNow, raftNode, runUntilAgreedLeader } from './inspect';
import { commandText } from './log';
import { raftScenarios } from './scenarios';
import type { LogEntry } from './types';

// Whole simulations: generous timeouts so a busy shared machine does not fail them.
vi.setConfig({ testTimeout: 30_000 });

const run = (id: string, overrides = {}) => createSimulation(id, overrides, { checkInvariants: true });
const notesMatching = (sim: Simulation, pattern: RegExp) =>
  sim.world.notes.filter((note) => pattern.test(note.text));
const logText = (log: LogEntry[]) => log.map((entry) => `${entry.term}:${commandText(entry.command)}`);

function expectAllLogsEqual(sim: Simulation) {
  const logs = sim.nodeIds.map((id) => logText(raftNode(sim, id).durable.log));
  for (const log of logs) expect(log).toEqual(logs[0]);
}

describe('every Raft scenario', () => {
  it.each(raftScenarios.map((scenario) => scenario.id).filter((id) => id !== 'raft/figure-8-unsafe'))(
    '%s keeps every invariant and passes the checks it names',
    (id) => {
      const sim = run(id).run();
      expect(runChecks(sim).filter((result) => !result.ok)).toEqual([]);
    },
  );
});

describe('raft/normal-election', () => {
  it('elects one leader in term 1 within one max election timeout plus a round trip, and heartbeats prevent further elections', () => {
    const sim = run('raft/normal-election');
    const electedAt = runUntilAgreedLeader(sim, 400);
    expect(electedAt).not.toBeNull();
    sim.run();
    expect(notesMatching(sim, /became leader/).map((note) => note.text)).toEqual([
      expect.stringMatching(/in term 1$/),
    ]);
    expect(notesMatching(sim, /started an election/).every((note) => note.at < electedAt!)).toBe(true);
    expect(sim.nodeIds.map((id) => raftNode(sim, id).durable.currentTerm)).toEqual([1, 1, 1, 1, 1]);
    expect(sim.world.history.filter((op) => op.ok === true).length).toBeGreaterThan(40);
    expect(sim.world.violations).toEqual([]);
  });
});

describe('raft/split-vote', () => {
  it('two candidates split term 1 and term 2; randomized timeouts let a single candidate win term 3', () => {
    const sim = run('raft/split-vote').run();
    for (const term of [1, 2]) {
      const candidates = notesMatching(sim, new RegExp(`started an election for term ${term}$`)).map(
        (note) => note.node!,
      );
      expect(candidates).toHaveLength(2);
      // Each candidate votes for itself and gets one other vote: 2 of 4, short of the 3 needed.
      const votes = notesMatching(sim, new RegExp(`voted for .* in term ${term}$`)).map(
        (note) => note.text.split(' ')[3],
      );
      expect(votes.sort()).toEqual([...candidates].sort());
      expect(notesMatching(sim, new RegExp(`became leader in term ${term}$`))).toEqual([]);
    }
    expect(notesMatching(sim, /became leader/).map((note) => note.text)).toEqual([
      expect.stringMatching(/in term 3$/),
    ]);
    expect(agreedLeader(sim)).not.toBeNull();
    expect(sim.world.violations).toEqual([]);
  });
});

describe('raft/no-randomness', () => {
  it('identical timeouts make every node a candidate at once, forever; the same cluster with random timeouts elects a leader', () => {
    const sim = run('raft/no-randomness').run();
    expect(notesMatching(sim, /became leader/)).toEqual([]);
    expect(notesMatching(sim, /started an election for term 19$/)).toHaveLength(5); // every 150 ms, all five at once
    const randomized = run('raft/no-randomness', { params: { electionTimeoutMaxMs: 300 } });
    expect(runUntilAgreedLeader(randomized, 3000)).not.toBeNull();
  });
});

describe('raft/leader-crash', () => {
  it('a new leader takes over within two max election timeouts, and every acknowledged write survives', () => {
    const sim = run('raft/leader-crash');
    sim.runUntil(1999);
    expect(leadersNow(sim)).toEqual(['n1']);
    sim.runUntil(2000);
    const electedAt = runUntilAgreedLeader(sim, 2600);
    expect(electedAt).not.toBeNull();
    expect(electedAt! - 2000).toBeGreaterThanOrEqual(150); // nobody notices before an election timeout
    const newLeader = agreedLeader(sim)!;
    expect(newLeader).not.toBe('n1');

    const acknowledgedWrites = sim.world.history.filter(
      (op) => op.type === 'write' && op.ok === true && op.complete! < 2000,
    );
    expect(acknowledgedWrites.length).toBeGreaterThan(5);
    const leaderLog = raftNode(sim, newLeader).durable.log;
    for (const op of acknowledgedWrites) {
      expect(
        leaderLog.some((entry) => entry.command.op === 'write' && entry.command.requestId === op.id),
      ).toBe(true);
    }
    sim.run();
    expect(raftNode(sim, 'n1').volatile!.role).toBe('follower'); // it came back and follows
    expectAllLogsEqual(sim);
    expect(sim.world.violations).toEqual([]);
  });
});

describe('leader crash across seeds', () => {
  it('after the leader crashes, the survivors agree on a new leader within 3 × the max election timeout in every one of 200 seeds', () => {
    const boundMs = 3 * 300;
    const delays: number[] = [];
    for (let seed = 1; seed <= 200; seed++) {
      const sim = run('raft/leader-crash', {
        seed,
        faults: [],
        durationMs: 1000 + boundMs,
        workload: { clients: 2, ratePerClient: 10, keys: { count: 2 } },
      });
      sim.runUntil(1000);
      const [leader] = leadersNow(sim);
      sim.command({ at: 0, crash: leader! });
      const electedAt = runUntilAgreedLeader(sim, 1000 + boundMs);
      expect(electedAt, `SEED=${seed}: no leader within ${boundMs} ms of crashing ${leader}`).not.toBeNull();
      expect(sim.world.violations).toEqual([]);
      delays.push(electedAt! - 1000);
    }
    delays.sort((a, b) => a - b);
    expect(delays[100]).toBeLessThan(300); // the median is within one max election timeout
  });
});

describe('raft/minority-partition', () => {
  it('the cut-off leader commits nothing and answers no client; the majority elects a leader and commits; on heal the old leader steps down', () => {
    const sim = run('raft/minority-partition');
    sim.runUntil(2000);
    expect(leadersNow(sim)).toEqual(['n1']);
    const n1 = () => raftNode(sim, 'n1');
    const commitAtCut = n1().volatile!.commitIndex;
    const logAtCut = n1().durable.log.length;

    sim.runUntil(4999);
    expect(n1().volatile!.role).toBe('leader');
    expect(n1().volatile!.commitIndex).toBe(commitAtCut);
    expect(n1().durable.log.length).toBeGreaterThan(logAtCut); // it kept accepting writes it can never commit
    const majorityLeader = leadersNow(sim).find((id) => id !== 'n1')!;
    expect(['n3', 'n4', 'n5']).toContain(majorityLeader);
    expect(raftNode(sim, majorityLeader).volatile!.commitIndex).toBeGreaterThan(commitAtCut + 5);
    expect(sim.protocol.gauges!(sim.invariantContext()).leaders).toBe(2);

    const minorityOps = sim.world.history.filter(
      (op) => ['c1', 'c2'].includes(op.process) && op.invoke >= 2000 && op.invoke < 5000,
    );
    expect(minorityOps.length).toBeGreaterThan(2);
    expect(minorityOps.filter((op) => op.ok === true && op.complete! < 5000)).toEqual([]);

    sim.run();
    expect(notesMatching(sim, /n1 stepped down: saw term/)).toHaveLength(1);
    // Writes n1 was still holding when it stepped down are reported as indeterminate, not as failed.
    const abandoned = sim.world.history.filter((op) => op.error?.includes('lost leadership before entry'));
    expect(abandoned.every((op) => op.ok === null)).toBe(true);
    expectAllLogsEqual(sim);
    expect(sim.world.violations).toEqual([]);
  });

  it('with ReadIndex reads, the deposed leader cannot serve a read: it never hears from a majority', () => {
    const sim = run('raft/minority-partition', { params: { reads: 'readIndex' } }).run();
    const readsInMinority = sim.world.history.filter(
      (op) => op.type === 'read' && ['c1', 'c2'].includes(op.process) && op.invoke > 2000 && op.invoke < 5000,
    );
    expect(readsInMinority.length).toBeGreaterThan(0);
    expect(readsInMinority.filter((op) => op.ok === true)).toEqual([]);
    expect(sim.world.history.filter((op) => op.type === 'read' && op.ok === true).length).toBeGreaterThan(10);
    expect(sim.world.violations).toEqual([]);
  });
});

describe('raft/majority-partition', () => {
  it('the leader keeps committing with its majority; the cut-off pair raises its term and forces a new election on heal', () => {
    const sim = run('raft/majority-partition');
    sim.runUntil(2000);
    expect(leadersNow(sim)).toEqual(['n1']);
    const commitAtCut = raftNode(sim, 'n1').volatile!.commitIndex;
    sim.runUntil(4999);
    expect(leadersNow(sim)).toEqual(['n1']);
    expect(raftNode(sim, 'n1').durable.currentTerm).toBe(1);
    expect(raftNode(sim, 'n1').volatile!.commitIndex).toBeGreaterThan(commitAtCut + 5);
    const isolatedTerm = Math.max(
      raftNode(sim, 'n4').durable.currentTerm,
      raftNode(sim, 'n5').durable.currentTerm,
    );
    expect(isolatedTerm).toBeGreaterThan(3);

    sim.run();
    expect(notesMatching(sim, /n1 stepped down: saw term/)).toHaveLength(1);
    const leader = agreedLeader(sim)!;
    expect(['n1', 'n2', 'n3']).toContain(leader); // n4 and n5 miss the committed entries, so they cannot win
    expect(raftNode(sim, leader).durable.currentTerm).toBeGreaterThan(isolatedTerm);
    expectAllLogsEqual(sim);
    expect(sim.world.violations).toEqual([]);
  });
});

describe('raft/figure-8', () => {
  const entry3 = (sim: Simulation, id: string) => {
    const entry = raftNode(sim, id).durable.log[2];
    return entry && `${entry.term}:${commandText(entry.command)}`;
  };

  it('an entry of term 2 stored on four of five nodes is not committed by the term-4 leader, and is later overwritten safely', () => {
    const sim = run('raft/figure-8');
    sim.runUntil(460);
    const n1 = raftNode(sim, 'n1');
    expect(n1.volatile!.role).toBe('leader');
    expect(n1.durable.currentTerm).toBe(4);
    expect(n1.volatile!.leader!.matchIndex).toMatchObject({ n3: 3, n4: 3 });
    expect(['n1', 'n2', 'n3', 'n4'].map((id) => entry3(sim, id))).toEqual([
      '2:x=1',
      '2:x=1',
      '2:x=1',
      '2:x=1',
    ]);
    expect(n1.volatile!.commitIndex).toBeLessThan(3);

    sim.run();
    expect(notesMatching(sim, /became leader in term 5$/).map((note) => note.node)).toEqual(['n5']);
    expect(sim.nodeIds.map((id) => entry3(sim, id))).toEqual(Array(5).fill('3:no-op'));
    expectAllLogsEqual(sim);
    const [alice, bob, carol] = sim.world.history;
    expect(alice).toMatchObject({ value: 1, ok: null }); // never acknowledged, and indeed lost
    expect(bob).toMatchObject({ value: 2, ok: null }); // never acknowledged, yet committed later
    expect(carol).toMatchObject({ type: 'read', ok: true, value: 2 });
    expect(sim.world.violations).toEqual([]);
  });

  it('with unsafeCommitOldTerms the same schedule commits that entry and then loses it, and the invariants catch it', () => {
    const sim = run('raft/figure-8-unsafe');
    sim.runUntil(460);
    expect(raftNode(sim, 'n1').volatile!.commitIndex).toBe(3);
    expect(raftNode(sim, 'n1').volatile!.machine.kv).toEqual({ x: 1 });
    sim.run();
    expect(sim.nodeIds.map((id) => entry3(sim, id))).toEqual(Array(5).fill('3:no-op'));
    const violated = sim.world.violations.map((violation) => violation.name);
    expect(violated).toEqual(
      expect.arrayContaining(['Leader completeness', 'Committed entries persist', 'State machine safety']),
    );
    // No client was ever told x=1 succeeded, so the history alone looks fine: only the invariants see the loss.
    expect(runChecks(sim, ['linearizable'])[0]).toMatchObject({ name: 'linearizable', ok: true });
    expect(sim.world.violations.find((violation) => violation.name === 'Leader completeness')).toMatchObject({
      at: 520,
      detail: 'n5 became leader of term 5 without entry 3 (term 2: x=1), committed in term 4',
    });
  });
});
