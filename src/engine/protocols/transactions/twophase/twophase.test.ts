import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../testing/context';
import type { NodeState } from '../../../core/types';
import { createSimulation } from '../../../catalog/resolve';
import type { ScenarioInput } from '../../../core/schema';
import { outageScheduleArbitrary, settleActions, transferArbitrary } from '../../../testing/arbitraries';
import { assertProperty, randomizedTestTimeoutMs } from '../../../testing/properties';
import {
  locksHeld,
  twoPhaseParams,
  twoPhaseProtocol,
  type TwoPhaseDurable,
  type TwoPhaseMessage,
  type TwoPhaseParams,
  type TwoPhaseVolatile,
} from './protocol';

const file = 'src/engine/protocols/transactions/twophase/twophase.test.ts';

type Sim = ReturnType<typeof createSimulation>;
const durableOf = (sim: Sim, node: string) => sim.node(node).state.durable as TwoPhaseDurable;
const gaugesOf = (sim: Sim) => sim.protocol.gauges!(sim.invariantContext() as never);

describe('two-phase commit scenarios', () => {
  it('commits a transfer on both participants and releases every lock', () => {
    const sim = createSimulation('twophase/commit', {}, { checkInvariants: true }).run();
    expect(durableOf(sim, 'n2').kv).toEqual({ alice: 80 });
    expect(durableOf(sim, 'n3').kv).toEqual({ bob: 120 });
    expect(sim.world.history.map((op) => op.ok)).toEqual([true, true]);
    expect(gaugesOf(sim)['locks held']).toBe(0);
    expect(sim.world.violations).toEqual([]);
  });

  it('a NO vote aborts the transaction everywhere and changes no balance', () => {
    const sim = createSimulation('twophase/vote-no', {}, { checkInvariants: true }).run();
    expect(durableOf(sim, 'n2').kv).toEqual({ alice: 100 });
    expect(durableOf(sim, 'n3').kv).toEqual({ bob: 100 });
    expect(durableOf(sim, 'n2').outcomes).toEqual({ t1: 'aborted' });
    expect(durableOf(sim, 'n3').outcomes).toEqual({ t1: 'aborted' });
    expect(sim.world.history[0]).toMatchObject({ ok: false, error: expect.stringContaining('n3 voted no') });
  });

  it('a participant that crashes before voting only causes an abort: the other participant is not blocked', () => {
    const sim = createSimulation('twophase/participant-crash', {}, { checkInvariants: true });
    sim.runUntil(650);
    expect(durableOf(sim, 'n1').log.t1!.decision).toBe('abort');
    expect(gaugesOf(sim)['locks held']).toBe(0);
    sim.run();
    expect(durableOf(sim, 'n3').outcomes.t1).toBe('aborted');
  });

  it('a coordinator crash between the phases blocks the participants, holding their locks, until it restarts', () => {
    const sim = createSimulation('twophase/coordinator-crash', {}, { checkInvariants: true });
    // Both voted yes at 111; n1 crashed at 115 and comes back at 6000.
    for (let t = 112; t < 6000; t += 50) {
      sim.runUntil(t);
      for (const node of ['n2', 'n3']) expect(Object.keys(durableOf(sim, node).prepared)).toEqual(['t1']);
      expect(gaugesOf(sim)['locks held']).toBe(2);
    }
    expect(gaugesOf(sim)['blocked ms.n2']).toBeGreaterThan(5800);
    sim.runUntil(6050);
    expect(gaugesOf(sim)['locks held']).toBe(0);
    for (const node of ['n2', 'n3']) expect(durableOf(sim, node).outcomes.t1).toBe('aborted');
    sim.run();

    const reads = sim.world.history.filter((op) => op.type === 'read');
    const duringOutage = reads.filter((op) => op.invoke < 6000);
    expect(duringOutage.length).toBeGreaterThan(0);
    for (const read of duringOutage)
      expect(read).toMatchObject({ ok: false, error: expect.stringContaining('locked') });
    expect(reads.at(-1)).toMatchObject({ ok: true, value: 100 });
    const notes = sim.world.notes.map((note) => note.text);
    expect(notes).toContainEqual(expect.stringMatching(/^n2 is blocked on t1/));
    expect(notes).toContainEqual(expect.stringMatching(/no decision logged for .*, so it aborts it/));
    expect(sim.world.violations).toEqual([]);
  });

  it('a coordinator that logged COMMIT before crashing resends it after restart, and the participants commit', () => {
    const sim = createSimulation('twophase/decision-lost', {}, { checkInvariants: true });
    sim.runUntil(4990);
    expect(durableOf(sim, 'n1').log.t1!.decision).toBe('commit');
    expect(gaugesOf(sim)['locks held']).toBe(2);
    sim.run();
    expect(durableOf(sim, 'n2').kv.alice).toBe(70);
    expect(durableOf(sim, 'n3').kv.bob).toBe(130);
    expect(gaugesOf(sim)['locks held']).toBe(0);
  });
});

describe('two-phase commit participant', () => {
  const params: TwoPhaseParams = twoPhaseParams.parse({ lockWaitMs: 300 });
  const freshState = (): NodeState<TwoPhaseDurable, TwoPhaseVolatile> => {
    const init = { self: 'n2', nodes: ['n1', 'n2', 'n3'], params };
    const durable = twoPhaseProtocol.initDurable(init);
    return { durable, volatile: twoPhaseProtocol.initVolatile(init, durable) };
  };
  const context = () =>
    createTestContext<TwoPhaseParams, TwoPhaseMessage>({ self: 'n2', nodes: ['n1', 'n2', 'n3'], params });
  const debitAlice = (txn: string, amount: number): TwoPhaseMessage => ({
    type: 'prepare',
    txn,
    writes: [{ key: 'alice', kind: 'add', amount: -amount, floor: 0 }],
  });

  it('logs the prepared state and holds the lock when it votes yes', () => {
    const state = freshState();
    const ctx = context();
    twoPhaseProtocol.onMessage(ctx, state, 'n1', debitAlice('t1', 30));
    expect(ctx.sent()).toEqual([{ to: 'n1', message: { type: 'vote', txn: 't1', yes: true } }]);
    expect(locksHeld(state.durable)).toEqual({ alice: 't1' });
    expect(state.durable.prepared.t1).toBeDefined();
  });

  it('makes a conflicting PREPARE wait for the lock, then aborts it on its own when the wait times out', () => {
    const state = freshState();
    twoPhaseProtocol.onMessage(context(), state, 'n1', debitAlice('t1', 30));
    const ctx = context();
    twoPhaseProtocol.onMessage(ctx, state, 'n1', debitAlice('t2', 10));
    expect(ctx.sent()).toEqual([]);
    expect(ctx.effects).toContainEqual({
      kind: 'setTimer',
      timer: { kind: 'lock-wait', id: 't2' },
      afterMs: 300,
    });
    const timeout = context();
    twoPhaseProtocol.onTimer(timeout, state, { kind: 'lock-wait', id: 't2' });
    expect(timeout.sent()).toEqual([
      { to: 'n1', message: expect.objectContaining({ type: 'vote', txn: 't2', yes: false }) },
    ]);
    expect(state.durable.outcomes.t2).toBe('aborted');
    expect(locksHeld(state.durable)).toEqual({ alice: 't1' });
  });

  it('gives a freed lock to the waiting PREPARE when the holder commits', () => {
    const state = freshState();
    twoPhaseProtocol.onMessage(context(), state, 'n1', debitAlice('t1', 30));
    twoPhaseProtocol.onMessage(context(), state, 'n1', debitAlice('t2', 10));
    const ctx = context();
    twoPhaseProtocol.onMessage(ctx, state, 'n1', { type: 'decision', txn: 't1', decision: 'commit' });
    expect(state.durable.kv.alice).toBe(70);
    expect(ctx.sent().map((sent) => sent.message)).toEqual([
      { type: 'vote', txn: 't2', yes: true },
      { type: 'ack', txn: 't1' },
    ]);
    expect(locksHeld(state.durable)).toEqual({ alice: 't2' });
  });

  it('votes no when the debit would overdraw the account', () => {
    const state = freshState();
    const ctx = context();
    twoPhaseProtocol.onMessage(ctx, state, 'n1', debitAlice('t1', 130));
    expect(ctx.sent()[0]!.message).toMatchObject({
      type: 'vote',
      yes: false,
      reason: expect.stringContaining('insufficient funds'),
    });
    expect(locksHeld(state.durable)).toEqual({});
  });
});

describe('two-phase commit atomicity under random faults', () => {
  const nodes = ['n1', 'n2', 'n3', 'n4'];
  const placement = { a: 'n2', b: 'n2', c: 'n3', d: 'n4' };
  const accounts = Object.keys(placement);
  const faultWindowMs = 3000;
  const settleAtMs = 3500;

  const transfer = transferArbitrary(accounts, faultWindowMs);
  const runArbitrary = fc.record({
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
    voteNoRate: fc.constantFrom(0, 0.1),
    transfers: fc.array(transfer, { minLength: 1, maxLength: 25 }),
    faults: outageScheduleArbitrary(nodes, faultWindowMs),
  });
  type Run = typeof runArbitrary extends fc.Arbitrary<infer T> ? T : never;

  function scenarioFor(run: Run): ScenarioInput {
    return {
      id: 'twophase/property',
      title: 'random faults',
      description: 'random transfers under random faults',
      protocol: 'twophase',
      seed: run.seed,
      params: { placement, initial: { a: 100, b: 100, c: 100, d: 100 }, voteNoRate: run.voteNoRate },
      nodes: nodes.length,
      script: run.transfers.map(({ at, client, from, to, amount }) => ({
        at,
        client,
        node: 'n1',
        op: 'transfer',
        key: from,
        options: { from, to, amount },
      })),
      faults: [...run.faults, ...settleActions(nodes, settleAtMs)],
      durationMs: 9000,
    };
  }

  it('every participant commits or none does, in every run', { timeout: randomizedTestTimeoutMs }, () => {
    const totals = { runs: 0, commits: 0, aborts: 0, blockedRuns: 0 };
    assertProperty({
      testName: 'every participant commits or none does, in every run',
      file,
      defaultRuns: 150,
      arbitrary: runArbitrary,
      check(run) {
        const sim = createSimulation(scenarioFor(run), {}, { checkInvariants: true }).run();
        expect(sim.world.violations).toEqual([]);
        const log = durableOf(sim, 'n1').log;
        const expected: Record<string, number> = { a: 100, b: 100, c: 100, d: 100 };
        for (const [txn, record] of Object.entries(log)) {
          expect(record.decision, `${txn} decided`).not.toBeNull();
          expect(record.acked.sort(), `${txn} acknowledged by all`).toEqual([...record.participants].sort());
          for (const participant of record.participants) {
            expect(durableOf(sim, participant).outcomes[txn], `${txn} on ${participant}`).toBe(
              record.decision === 'commit' ? 'committed' : 'aborted',
            );
          }
          if (record.decision === 'commit') {
            for (const write of Object.values(record.writes).flat())
              if (write.kind === 'add') expected[write.key]! += write.amount;
          }
          const reply = sim.world.history.find((op) => op.id === record.requestId)!;
          if (reply.ok !== null)
            expect(reply.ok, `client told ${txn} ${reply.ok ? 'committed' : 'aborted'}`).toBe(
              record.decision === 'commit',
            );
        }
        const balances = Object.fromEntries(
          accounts.map((key) => [key, durableOf(sim, placement[key as 'a'])!.kv[key]]),
        );
        expect(balances).toEqual(expected);
        for (const node of nodes) expect(durableOf(sim, node).prepared).toEqual({});

        totals.runs++;
        const decisions = Object.values(log).map((record) => record.decision);
        totals.commits += decisions.filter((decision) => decision === 'commit').length;
        totals.aborts += decisions.filter((decision) => decision === 'abort').length;
        if (sim.world.notes.some((note) => note.text.includes('is blocked on'))) totals.blockedRuns++;
      },
    });
    console.info(
      `2PC atomicity: ${totals.runs} runs (incl. shrinking), ${totals.commits} commits, ${totals.aborts} aborts, ${totals.blockedRuns} runs with a blocked participant`,
    );
    expect(totals.commits).toBeGreaterThan(0);
    expect(totals.aborts).toBeGreaterThan(0);
    expect(totals.blockedRuns).toBeGreaterThan(0);
  });
});
