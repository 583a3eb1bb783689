/**
 * Every action kind, walked through validation, description and application. The tables are typed by
 * ActionKind, so adding a kind to the schema without a sample, a description and an observable effect
 * here fails to compile.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, validateAction } from '../catalog/resolve';
import { describeAction } from './faults';
import { actionKinds, type ActionKind, type ActionOf } from './schema';
import type { Simulation } from './simulation';

const nodes = ['n1', 'n2', 'n3'];

const samples: { [Kind in ActionKind]: ActionOf<Kind> } = {
  crash: { at: 0, crash: 'n2' },
  restart: { at: 0, restart: 'n2' },
  pause: { at: 0, pause: 'n2', durationMs: 500 },
  resume: { at: 0, resume: 'n2' },
  slow: { at: 0, slow: 'n2', factor: 4, durationMs: 1000 },
  partition: { at: 0, partition: [['n1'], ['n2', 'n3']] },
  isolate: { at: 0, isolate: 'n3' },
  cut: { at: 0, cut: { from: 'n1', to: 'n2' } },
  heal: { at: 0, heal: true },
  dropMessage: { at: 0, dropMessage: 0 },
  setLatency: { at: 0, setLatency: { minMs: 2, meanMs: 7, distribution: 'uniform' } },
  setLossRate: { at: 0, setLossRate: 0.25 },
  client: { at: 0, client: { client: 'alice', node: 'n1', op: 'write', key: 'x', value: 9 } },
  operator: { at: 0, operator: { node: 'n1', command: 'compact' } },
  keepRunning: { at: 0, keepRunning: 1500 },
};

const descriptions: Record<ActionKind, string> = {
  crash: 'crash n2',
  restart: 'restart n2',
  pause: 'pause n2 for 500 ms',
  resume: 'resume n2',
  slow: 'slow n2 4×',
  partition: 'partition {n1} | {n2, n3}',
  isolate: 'isolate n3',
  cut: 'cut n1 → n2',
  heal: 'heal',
  dropMessage: 'drop message 0',
  setLatency: 'latency 2+7 ms uniform',
  setLossRate: 'loss rate 0.25',
  client: 'alice: write x at n1',
  operator: 'operator compact on n1',
  keepRunning: 'keep running 1.5 s',
};

/** What to do first so the action has something to act on (resume needs a pause, heal a cut…). */
const before: Partial<Record<ActionKind, (sim: Simulation) => void>> = {
  restart: (sim) => sim.command({ at: 0, crash: 'n2' }),
  resume: (sim) => sim.command({ at: 0, pause: 'n2', durationMs: 5000 }),
  heal: (sim) => sim.command({ at: 0, cut: { from: 'n1', to: 'n2' } }),
  dropMessage: (sim) => {
    sim.command({ at: 0, client: { client: 'bob', node: 'n1', op: 'write', key: 'y', value: 1 } });
    sim.runUntil(sim.now + 1); // the request reaches n1, which sends the write to its peers
  },
};

/** The effect each kind has on the world, as a reader of the world would see it. */
const effects: { [Kind in ActionKind]: (sim: Simulation, action: ActionOf<Kind>) => void } = {
  crash: (sim) => expect(sim.node('n2').status).toBe('crashed'),
  restart: (sim) => expect(sim.node('n2').status).toBe('up'),
  pause: (sim) => expect(sim.node('n2').status).toBe('paused'),
  resume: (sim) => expect(sim.node('n2').status).toBe('up'),
  slow: (sim) => expect(sim.node('n2').slowFactor).toBe(4),
  partition: (sim) =>
    expect([sim.isLinkCut('n1', 'n2'), sim.isLinkCut('n3', 'n1'), sim.isLinkCut('n2', 'n3')]).toEqual([
      true,
      true,
      false,
    ]),
  isolate: (sim) =>
    expect([sim.isLinkCut('n3', 'n1'), sim.isLinkCut('n2', 'n3'), sim.isLinkCut('n1', 'n2')]).toEqual([
      true,
      true,
      false,
    ]),
  cut: (sim) => expect([sim.isLinkCut('n1', 'n2'), sim.isLinkCut('n2', 'n1')]).toEqual([true, false]),
  heal: (sim) => expect(sim.isLinkCut('n1', 'n2')).toBe(false),
  dropMessage: (sim, action) =>
    expect(
      sim.pendingEvents().some((event) => event.kind === 'deliver' && event.messageId === action.dropMessage),
    ).toBe(false),
  setLatency: (sim) => expect(sim.world.latency).toEqual({ minMs: 2, meanMs: 7, distribution: 'uniform' }),
  setLossRate: (sim) => expect(sim.world.lossRate).toBe(0.25),
  client: (sim) =>
    expect(sim.world.history.at(-1)).toMatchObject({ process: 'alice', type: 'write', key: 'x', value: 9 }),
  operator: (sim) => expect(sim.world.notes.at(-1)?.text).toBe('operator: compact on n1'),
  keepRunning: (sim) => expect(sim.world.notes.at(-1)?.text).toBe('the run goes on 1.5 s past its end'),
};

describe('every action kind', () => {
  it('has a sample in this test (the tables above cover the schema)', () => {
    expect(Object.keys(samples).sort()).toEqual([...actionKinds].sort());
  });

  it.each(actionKinds)('%s: validates, describes itself and changes the world', (kind) => {
    const sim = createSimulation('broadcast/basic', { nodes: 3, workload: undefined });
    sim.runUntil(100);
    before[kind]?.(sim);
    let action: ActionOf<ActionKind> = samples[kind];
    if (kind === 'dropMessage') {
      const inFlight = sim.pendingEvents().find((event) => event.kind === 'deliver');
      expect(inFlight, 'a message in flight to drop').toBeDefined();
      action = { at: 0, dropMessage: inFlight!.kind === 'deliver' ? inFlight!.messageId : -1 };
    }
    expect(validateAction(action, nodes)).toEqual({ ok: true, action });
    if (kind !== 'dropMessage') expect(describeAction(action)).toBe(descriptions[kind]);
    const digest = sim.world.digest;
    sim.command(action);
    expect(sim.world.digest, 'the action is folded into the digest').not.toBe(digest);
    (effects[kind] as (sim: Simulation, action: ActionOf<ActionKind>) => void)(sim, action);
  });

  it.each(actionKinds.filter((kind) => JSON.stringify(samples[kind]).includes('"n')))(
    '%s: naming a node the scenario does not have is refused with the field named',
    (kind) => {
      const wrong = JSON.parse(
        JSON.stringify(samples[kind])
          .replaceAll('"n2"', '"n9"')
          .replaceAll('"n1"', '"n9"')
          .replaceAll('"n3"', '"n9"'),
      );
      const result = validateAction(wrong, nodes);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.problems[0]).toMatch(
        new RegExp(`^action\\.${kind}.*there is no node "n9"`),
      );
    },
  );
});
