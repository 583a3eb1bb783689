/**
 * The invariants must be able to fail: each test builds cluster states by hand that break one property
 * (some only across time, which is why the observer keeps memory) and expects exactly that violation.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../core/simulation';
import { Timeline } from '../../core/timeline';
import type { CheckResult, InvariantContext, NodeId, Protocol } from '../../core/types';
import { createSimulation, resolveScenario } from '../../catalog/resolve';
import { observeRaftCluster, type RaftInvariantName } from './invariants';
import { raftProtocol } from './protocol';
import { applyCommand, emptyStateMachine } from './stateMachine';
import {
  raftParamsSchema,
  type Command,
  type LogEntry,
  type RaftDurable,
  type RaftParams,
  type RaftVolatile,
  type Role,
} from './types';

type Cluster = InvariantContext<RaftDurable, RaftVolatile, RaftParams>;
interface NodeSetup {
  term?: number;
  role?: Role;
  log?: LogEntry[];
  commitIndex?: number;
  lastApplied?: number;
  down?: boolean;
}

const write = (value: number): Command => ({ op: 'write', key: 'x', value, client: 'c1', requestId: value });
const entry = (term: number, value?: number): LogEntry => ({
  term,
  command: value === undefined ? { op: 'noop' } : write(value),
});

/** A cluster whose node states tests mutate between observations, like events would. */
function cluster(setups: Record<NodeId, NodeSetup>) {
  const nodes = new Map<NodeId, { state: { durable: RaftDurable; volatile: RaftVolatile }; up: boolean }>();
  const context: Cluster = { nodes, params: raftParamsSchema.parse({}), now: 0, observations: {} };
  const set = (id: NodeId, setup: NodeSetup) => {
    const log = setup.log ?? [];
    const lastApplied = setup.lastApplied ?? 0;
    const machine = emptyStateMachine();
    for (const item of log.slice(0, lastApplied)) applyCommand(machine, item.command);
    const volatile: RaftVolatile = {
      role: setup.role ?? 'follower',
      leaderId: null,
      commitIndex: setup.commitIndex ?? lastApplied,
      machine,
      votes: [],
      leader: null,
    };
    const durable: RaftDurable = { currentTerm: setup.term ?? 1, votedFor: null, log };
    nodes.set(id, {
      state: { durable, volatile: setup.down ? (null as unknown as RaftVolatile) : volatile },
      up: !setup.down,
    });
  };
  for (const [id, setup] of Object.entries(setups)) set(id, setup);
  return {
    set,
    node: (id: NodeId) => nodes.get(id)!.state,
    violations: () => Object.keys(observeRaftCluster(context)),
    detail: (name: RaftInvariantName) => observeRaftCluster(context)[name],
  };
}

describe('Raft invariants catch violations', () => {
  it('election safety: two leaders of one term, even at different times', () => {
    const c = cluster({ n1: { term: 2, role: 'leader' }, n2: { term: 2 }, n3: { term: 2 } });
    expect(c.violations()).toEqual([]);
    c.set('n1', { term: 2 });
    c.set('n2', { term: 2, role: 'leader' });
    expect(c.violations()).toEqual(['Election safety']);
    expect(c.detail('Election safety')).toBe('n1 and n2 were both leader in term 2');
  });

  it('leader append-only: a leader dropping entries during its term', () => {
    const log = [entry(1), entry(2, 5)];
    const c = cluster({ n1: { term: 2, role: 'leader', log }, n2: {}, n3: {} });
    expect(c.violations()).toEqual([]);
    c.node('n1').durable.log = log.slice(0, 1);
    expect(c.violations()).toEqual(['Leader append-only']);
  });

  it('log matching: the same index and term with different commands, or different predecessors', () => {
    const c = cluster({ n1: { log: [entry(1, 1)] }, n2: { log: [entry(1, 2)] }, n3: {} });
    expect(c.violations()).toEqual(['Log matching']);

    const shared = entry(3, 7);
    const d = cluster({ n1: { log: [entry(1), shared] }, n2: { log: [entry(2), shared] }, n3: {} });
    expect(d.detail('Log matching')).toBe(
      'n1 and n2 share entry 2 of term 3 but not the entry before it (term 1 vs term 2)',
    );
  });

  it('leader completeness: a new leader missing a committed entry', () => {
    const c = cluster({
      n1: { term: 1, log: [entry(1, 1)], commitIndex: 1 },
      n2: { log: [entry(1, 1)] },
      n3: {},
    });
    expect(c.violations()).toEqual([]);
    c.set('n3', { term: 2, role: 'leader', log: [entry(2)] });
    expect(c.violations()).toContain('Leader completeness');
  });

  it('state machine safety: two nodes apply different commands at one index', () => {
    const c = cluster({
      n1: { term: 1, log: [entry(1, 1)], lastApplied: 1 },
      n2: { term: 2, log: [entry(2, 2)], lastApplied: 1 },
      n3: {},
    });
    expect(c.violations()).toContain('State machine safety');
  });

  it('state machine safety across a restart: a node re-applies a different command at an index it applied before', () => {
    const applied = [entry(1, 1)];
    const c = cluster({ n1: { log: applied, lastApplied: 1 }, n2: { log: [...applied] }, n3: {} });
    expect(c.violations()).toEqual([]);
    c.set('n1', { log: applied, down: true });
    expect(c.violations()).toEqual([]);
    c.set('n1', { term: 2, log: [entry(2, 9)], lastApplied: 1 });
    expect(c.violations()).toContain('State machine safety');
  });

  it('in-order apply: a store that is not the in-order result of the log, or applying past commitIndex', () => {
    const log = [entry(1, 1), entry(1, 2)];
    const c = cluster({ n1: { log, lastApplied: 2 }, n2: { log: [...log] }, n3: {} });
    expect(c.violations()).toEqual([]);
    c.node('n1').volatile.machine.kv.x = 1; // as if entry 2 had been skipped
    c.node('n1').volatile.machine.lastApplied = 3;
    c.node('n1').durable.log.push(entry(1, 3));
    c.node('n2').durable.log.push(c.node('n1').durable.log[2]!);
    c.node('n1').volatile.commitIndex = 3;
    expect(c.violations()).toEqual(['In-order apply']);

    const d = cluster({ n1: { log: [entry(1, 1)], lastApplied: 1, commitIndex: 0 }, n2: {}, n3: {} });
    expect(d.detail('In-order apply')).toBe('n1 applied up to entry 1 but has committed only up to 0');
  });

  it('committed entries persist: a committed entry falling below a majority of logs', () => {
    const committed = entry(1, 1);
    const c = cluster({ n1: { log: [committed], commitIndex: 1 }, n2: { log: [committed] }, n3: {} });
    expect(c.violations()).toEqual([]);
    c.node('n2').durable.log = [entry(2)];
    expect(c.violations()).toContain('Committed entries persist');
    expect(c.detail('Committed entries persist')).toBe(
      'committed entry 1 (term 1: x=1) is now held by only 1 of 3 nodes',
    );
  });

  it('and committing with only a minority of copies is caught at once', () => {
    const c = cluster({ n1: { log: [entry(1, 1)], commitIndex: 1 }, n2: {}, n3: {} });
    expect(c.detail('Committed entries persist')).toBe(
      'n1 committed entry 1 (term 1: x=1) while only 1 of 3 nodes held it',
    );
  });
});

describe('the observer and checkpoints', () => {
  it('a restored checkpoint continues without false alarms and ends exactly like a straight run', () => {
    const options = { checkInvariants: true };
    const overrides = {
      durationMs: 3000,
      faults: [
        { at: 1500, crash: 'n1' },
        { at: 2500, restart: 'n1' },
      ],
    };
    const straight = createSimulation('raft/normal-election', overrides, options).run();
    const sim = createSimulation('raft/normal-election', overrides, options);
    sim.runUntil(1000);
    const checkpoint = sim.snapshot();
    sim.runUntil(3000);
    sim.restore(checkpoint, 0);
    sim.run();
    expect(sim.world.violations).toEqual([]);
    expect(sim.world.digest).toBe(straight.world.digest);
  });

  it('raft/figure-8-unsafe: seeking back and forth around the violations reports each at the same time every way', () => {
    const options = { checkInvariants: true };
    const straight = createSimulation('raft/figure-8-unsafe', {}, options).run();
    const reported = (violations: readonly CheckResult[]) =>
      violations.map(({ name, at }) => `${name} at ${at}`);
    const expected = reported(straight.world.violations);
    expect(expected).toEqual([
      'Leader completeness at 520',
      'Committed entries persist at 545',
      'State machine safety at 550',
    ]);
    // A checkpoint every few events, so every seek restores one close before its target.
    const timeline = new Timeline(createSimulation('raft/figure-8-unsafe', {}, options), {
      checkpointEveryEvents: 3,
    });
    const paths = [
      [2000],
      [519, 2000],
      [546, 500, 2000],
      [2000, 530, 100, 560, 540, 2000],
      [2000, 0, 521, 2000],
    ];
    for (const path of paths) {
      for (const time of path) {
        timeline.seek(time);
        expect(reported(timeline.sim.world.violations), `path ${path.join(' → ')}, at ${time}`).toEqual(
          reported(straight.world.violations.filter((violation) => violation.at! <= time)),
        );
      }
    }
  });

  it('what the observer saw before a checkpoint survives a seek: two leaders of one term on either side of it are caught', () => {
    // A deliberately broken "Raft": n1 leads term 1 from 50 ms to 100 ms, then n2 claims term 1 at 300 ms.
    const leadership: Record<string, [number, number]> = { n1: [50, 100], n2: [300, Infinity] };
    const protocol: Protocol<
      RaftParams,
      RaftDurable,
      RaftVolatile,
      never,
      { kind: 'lead' } | { kind: 'step-down' }
    > = {
      ...raftProtocol,
      onStart(ctx) {
        const [from, to] = leadership[ctx.self] ?? [Infinity, Infinity];
        if (from < Infinity) ctx.setTimer({ kind: 'lead' }, from);
        if (to < Infinity) ctx.setTimer({ kind: 'step-down' }, to);
      },
      onTimer(_ctx, state, timer) {
        state.durable.currentTerm = 1;
        state.volatile.role = timer.kind === 'lead' ? 'leader' : 'follower';
      },
      onMessage() {},
      onClientRequest() {},
      onOperator() {},
    };
    const resolved = resolveScenario('raft/normal-election', { durationMs: 1000 });
    if (!resolved.ok) throw new Error(resolved.problems.join('\n'));
    const run = () =>
      new Simulation(resolved.scenario, protocol as never, resolved.params, { checkInvariants: true });
    const straight = run().run();
    expect(straight.world.violations.map(({ name, at }) => `${name} at ${at}`)).toEqual([
      'Election safety at 300',
    ]);

    const sim = run();
    sim.runUntil(200); // n1 has led term 1 and stepped down
    const checkpoint = sim.checkpoint();
    sim.run();
    sim.restoreCheckpoint(checkpoint);
    sim.run(); // replays n2's claim to term 1 from the checkpoint
    expect(sim.world.violations).toEqual(straight.world.violations);
  });
});
