/**
 * The broadcast register: unit tests of its handlers, and its one promise as a property over random
 * fault schedules: with anti-entropy on, once the network heals and writes stop, every node holds the
 * same values, and only values some client wrote.
 * Reproduce a failure with the seed fast-check prints: SEED=<seed> npx vitest run src/engine/protocols/broadcast
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { faultScheduleArbitrary, recoverAll } from '../../testing/arbitraries';
import { createTestContext } from '../../testing/context';
import { createSimulation } from '../../catalog/resolve';
import { broadcastProtocol, type Versioned } from './protocol';

const runs = Number(process.env.PROPERTY_RUNS ?? 20);
const seed = process.env.SEED === undefined ? undefined : Number(process.env.SEED);
/** Generous: the machine is shared, and PROPERTY_RUNS can be large. */
const propertyTimeoutMs = Math.max(60_000, runs * 200);
const nodes = ['n1', 'n2', 'n3', 'n4'];

function context(self = 'n1', antiEntropyMs = 0) {
  return createTestContext<{ antiEntropyMs: number }, unknown>({ self, nodes, params: { antiEntropyMs } });
}
const fresh = () => ({
  durable: broadcastProtocol.initDurable({ self: 'n1', nodes, params: { antiEntropyMs: 0 } }),
  volatile: null,
});

describe('broadcast handlers', () => {
  it('applies a write locally, acknowledges it and tells every other node', () => {
    const ctx = context();
    const state = fresh();
    broadcastProtocol.onClientRequest(ctx, state, { id: 7, client: 'c1', op: 'write', key: 'x', value: 42 });
    expect(state.durable.kv.x).toEqual({ value: 42, counter: 1, node: 'n1' });
    expect(ctx.replies()).toEqual([{ requestId: 7, reply: { ok: true } }]);
    expect(ctx.sent().map((sent) => sent.to)).toEqual(['n2', 'n3', 'n4']);
  });

  it('keeps the newer version, breaking counter ties by node id', () => {
    const state = fresh();
    const update = (entry: Versioned) =>
      broadcastProtocol.onMessage(context(), state, entry.node, { type: 'update', key: 'x', entry });
    update({ value: 1, counter: 2, node: 'n2' });
    update({ value: 2, counter: 1, node: 'n3' });
    expect(state.durable.kv.x?.value).toBe(1);
    update({ value: 3, counter: 2, node: 'n3' });
    expect(state.durable.kv.x?.value).toBe(3);
    expect(state.durable.counter).toBe(2);
  });

  it('with anti-entropy on, sends its register to one random peer each period', () => {
    const ctx = context('n2', 100);
    const state = fresh();
    state.durable.kv.x = { value: 5, counter: 1, node: 'n2' };
    broadcastProtocol.onTimer(ctx, state, { kind: 'anti-entropy' });
    const [sent] = ctx.sent();
    expect(sent?.to).not.toBe('n2');
    expect(sent?.message).toEqual({ type: 'sync', kv: { x: { value: 5, counter: 1, node: 'n2' } } });
    expect(ctx.effects).toContainEqual({ kind: 'setTimer', timer: { kind: 'anti-entropy' }, afterMs: 100 });
  });

  it('rejects operations it does not support', () => {
    const ctx = context();
    broadcastProtocol.onClientRequest(ctx, fresh(), {
      id: 1,
      client: 'c1',
      op: 'cas',
      key: 'x',
      value: 1,
      expected: 0,
    });
    expect(ctx.replies()[0]?.reply).toMatchObject({ ok: false });
  });
});

describe('broadcast under faults', () => {
  it('without anti-entropy, an update lost in a partition stays lost after heal', () => {
    const sim = createSimulation('broadcast/basic', {
      nodes: 2,
      workload: { clients: 0 },
      faults: [
        { at: 0, isolate: 'n2' },
        { at: 100, heal: true },
      ],
      script: [{ at: 10, node: 'n1', op: 'write', key: 'x', value: 1 }],
      durationMs: 5000,
    }).run();
    expect((sim.node('n2').state.durable as { kv: object }).kv).toEqual({});
  });

  it(
    'with anti-entropy on, converges after any faults once healed and quiet',
    () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 2 ** 31 }),
          faultScheduleArbitrary(nodes, 5000),
          (runSeed, faults) => {
            const sim = createSimulation('broadcast/basic', {
              seed: runSeed,
              nodes: nodes.length,
              params: { antiEntropyMs: 100 },
              network: { lossRate: 0.05 },
              workload: { clients: 4, ratePerClient: 20, keys: { count: 3 }, stopMs: 5000, timeoutMs: 300 },
              faults: [...faults, ...recoverAll(nodes, 6000)],
              durationMs: 20_000,
            }).run();
            const registers = nodes.map(
              (id) => (sim.node(id).state.durable as { kv: Record<string, Versioned> }).kv,
            );
            for (const register of registers) expect(register).toEqual(registers[0]);
            const written = new Set(
              sim.world.history.filter((op) => op.type === 'write').map((op) => op.value),
            );
            for (const entry of Object.values(registers[0]!)) expect(written.has(entry.value)).toBe(true);
          },
        ),
        { numRuns: runs, seed },
      );
    },
    propertyTimeoutMs,
  );
});
