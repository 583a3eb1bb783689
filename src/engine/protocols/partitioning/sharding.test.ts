import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../core/simulation';
import { createSimulation } from '../../catalog/resolve';
import type { ScenarioOverrides } from '../../core/schema';
import { findStaleReads } from '../../checkers';
import { fourEvenRanges } from './scenarios';
import { preloadedRowBytes, shardingProtocol, type ShardingDurable } from './sharding';
import { consistentHashing, hashModulo, movement, type PlacementStrategy } from './strategies';

const run = (id: string, overrides: ScenarioOverrides = {}) =>
  createSimulation(id, { seed: 1, ...overrides }, { checkInvariants: true }).run();
const gauges = (sim: Simulation) => shardingProtocol.gauges!(sim.invariantContext() as never);
const durable = (sim: Simulation, node: string) => sim.node(node).state.durable as ShardingDurable;
const view = (sim: Simulation, node: string) => sim.describeNode(node);
const keys = Array.from({ length: 2000 }, (_, i) => `k${i}`);
const fourNodes = ['n1', 'n2', 'n3', 'n4'];
const fiveNodes = [...fourNodes, 'n5'];

/** Where every row is at the end of a run; fails if a row is on two nodes. */
function placement(sim: Simulation): Map<string, string> {
  const where = new Map<string, string>();
  for (const node of sim.nodeIds) {
    for (const key of Object.keys(durable(sim, node).rows)) {
      expect(where.has(key), `${key} is on ${where.get(key)} and ${node}`).toBe(false);
      where.set(key, node);
    }
  }
  return where;
}

describe('adding a fifth node in the simulation', () => {
  const predicted = (strategy: PlacementStrategy) => {
    const before = strategy.place(keys, fourNodes);
    return movement(before, strategy.place(keys, fiveNodes, before), preloadedRowBytes);
  };

  it('moves exactly the rows hash modulo N predicts, about 80% of them, and reports their bytes', () => {
    const sim = run('partitioning/hash-modulo-add-node', { workload: { clients: 0 } });
    const expected = predicted(hashModulo);
    expect(expected.fractionMoved).toBeGreaterThan(0.75);
    expect(expected.fractionMoved).toBeLessThan(0.85);
    expect(gauges(sim)['moved.rows']).toBe(expected.keysMoved);
    expect(gauges(sim)['moved.bytes']).toBe(expected.bytesMoved);
    expect(placement(sim)).toEqual(hashModulo.place(keys, fiveNodes));
  });

  it('moves exactly the rows consistent hashing predicts, about 20% of them, all to n5', () => {
    const sim = run('partitioning/consistent-hashing-add-node', { workload: { clients: 0 } });
    const expected = predicted(consistentHashing(64));
    expect(expected.fractionMoved).toBeGreaterThan(0.15);
    expect(expected.fractionMoved).toBeLessThan(0.25);
    expect(gauges(sim)['moved.rows']).toBe(expected.keysMoved);
    expect(Object.keys(durable(sim, 'n5').rows)).toHaveLength(expected.keysMoved);
    expect(
      sim.world.notes
        .filter((note) => / moved \d+ rows/.test(note.text))
        .every((note) => note.text.endsWith('to n5')),
    ).toBe(true);
  });

  it('keeps serving while rows move: no row is lost or doubled, and no read misses a row (5 seeds, with traffic)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      for (const id of ['partitioning/hash-modulo-add-node', 'partitioning/consistent-hashing-add-node']) {
        const sim = run(id, { seed });
        expect(placement(sim).size).toBe(2000);
        const answered = sim.world.history.filter((op) => op.type === 'read' && op.ok === true);
        expect(answered.length).toBeGreaterThan(100);
        expect(
          answered.filter((op) => op.value === null),
          `${id} seed ${seed}`,
        ).toEqual([]);
      }
    }
  });

  it('spreads a join that missed the broadcast by gossip', () => {
    const sim = run('partitioning/consistent-hashing-add-node', {
      workload: { clients: 0 },
      faults: [
        { at: 1900, partition: [['n5'], fourNodes] },
        { at: 2000, operator: { node: 'n5', command: 'join' } },
        { at: 2500, heal: true },
      ],
    });
    for (const node of fiveNodes) expect(durable(sim, node).membership.joined).toEqual(fiveNodes);
    expect(gauges(sim)['moved.rows']).toBe(predicted(consistentHashing(64)).keysMoved);
  });
});

describe('removing a node', () => {
  it('moves only the leaving node’s rows, to the nodes that remain', () => {
    const before = createSimulation('partitioning/consistent-hashing-remove-node', {
      workload: { clients: 0 },
    });
    before.runUntil(1000);
    const n3Rows = Object.keys(durable(before, 'n3').rows).length;
    const sim = run('partitioning/consistent-hashing-remove-node', { workload: { clients: 0 } });
    expect(gauges(sim)['moved.rows']).toBe(n3Rows);
    expect(durable(sim, 'n3').moved.keys).toBe(n3Rows);
    expect(view(sim, 'n3').role).toBe('departed');
    expect(placement(sim)).toEqual(consistentHashing(64).place(keys, ['n1', 'n2', 'n4', 'n5']));
  });
});

describe('virtual nodes in the simulation', () => {
  it('one token per node leaves rows per node far apart (max ÷ mean over 1.5); 256 brings it under 1.2', () => {
    expect(gauges(run('partitioning/one-token-per-node'))['imbalance.rows']).toBeGreaterThan(1.5);
    expect(gauges(run('partitioning/many-virtual-nodes'))['imbalance.rows']).toBeLessThan(1.2);
  });
});

describe('sequential keys', () => {
  it('under range partitioning send every insert to one node; under hashing they spread', () => {
    const ranged = run('partitioning/sequential-keys-range');
    expect(fourNodes.map((node) => Object.keys(durable(ranged, node).rows).length)).toEqual([0, 0, 0, 600]);
    expect(gauges(ranged)['imbalance.rows']).toBe(4);
    const hashed = run('partitioning/sequential-keys-hashed');
    expect(gauges(hashed)['imbalance.rows']).toBeLessThan(1.3);
  });

  it('show the hot range in the live load gauge while inserts run', () => {
    const sim = createSimulation('partitioning/sequential-keys-range', {});
    sim.runUntil(3500);
    expect(gauges(sim)['load.n4']).toBeGreaterThan(50);
    expect(gauges(sim)['imbalance.load']).toBe(4);
  });
});

describe('a hot key', () => {
  const loadImbalance = (id: string, seed: number) => {
    const sim = createSimulation(id, { seed });
    const samples: number[] = [];
    for (let at = 1500; at <= 4500; at += 1000) {
      sim.runUntil(at);
      samples.push(gauges(sim)['imbalance.load']!);
    }
    return { samples, fanOut: gauges(sim)['fanout.mean']! };
  };

  it('overloads its node (max ÷ mean load over 2 every second); salting it 16 ways brings that under 1.4, at the cost of read fan-out (5 seeds)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const plain = loadImbalance('partitioning/hot-key', seed);
      const salted = loadImbalance('partitioning/salted-hot-key', seed);
      for (const sample of plain.samples) expect(sample, `seed ${seed}`).toBeGreaterThan(2);
      for (const sample of salted.samples) expect(sample, `seed ${seed}`).toBeLessThan(1.4);
      expect(salted.fanOut).toBeGreaterThan(plain.fanOut + 0.2);
    }
  });

  it('salted reads still return the latest write (one client, writes and reads through every node)', () => {
    const script = Array.from({ length: 30 }, (_, i) => [
      { at: 100 + i * 50, client: 'alice', node: fourNodes[i % 4]!, op: 'write', key: 'k0', value: i + 1 },
      { at: 101 + i * 50, client: 'alice', node: fourNodes[(i + 1) % 4]!, op: 'read', key: 'k0' },
    ]).flat();
    const sim = run('partitioning/salted-hot-key', { workload: { clients: 0 }, script, durationMs: 3000 });
    const answered = sim.world.history.filter((op) => op.type === 'read' && op.ok === true);
    expect(answered).toHaveLength(30);
    expect(findStaleReads(sim.world.history)).toEqual([]);
  });
});

describe('range scans', () => {
  const expectedCounts = [
    ['k10', 'k11'],
    ['k5', 'k6'],
    ['k1234', 'k1235'],
    ['k18', 'k19'],
    ['k3', 'k6'],
  ].map(([from, to]) => keys.filter((key) => key >= from! && key < to!).length);
  const fanOuts = (sim: Simulation) =>
    sim.world.notes.flatMap((note) => {
      const match = / asks (\d+) of 4 nodes/.exec(note.text);
      return match ? [Number(match[1])] : [];
    });

  it('ask only the one or two nodes whose ranges overlap under range partitioning, and every node under hashing, for the same rows', () => {
    const ranged = run('partitioning/range-scans');
    const hashed = run('partitioning/hash-scans');
    for (const sim of [ranged, hashed])
      expect(sim.world.history.map((op) => op.value)).toEqual(expectedCounts);
    expect(fanOuts(ranged).every((count) => count <= 2)).toBe(true);
    expect(fanOuts(ranged)).toContain(1);
    expect(fanOuts(hashed)).toEqual([4, 4, 4, 4, 4]);
    expect(fourEvenRanges).toHaveLength(3);
  });
});

describe('parameters and the node view', () => {
  it('explains bad range settings and unknown members', () => {
    expect(() => createSimulation('partitioning/range-scans', { params: { rangeBoundaries: [] } })).toThrow(
      /params.rangeBoundaries: the range strategy needs split points/,
    );
    expect(() =>
      createSimulation('partitioning/range-scans', { params: { rangeBoundaries: ['k5', 'k2'] } }),
    ).toThrow(/must be in increasing order/);
    expect(() => createSimulation('partitioning/range-scans', { params: { members: ['n9'] } })).toThrow(
      /params.members: there is no node "n9"/,
    );
  });

  it('shows spare, member and departed roles, rows held and what moved', () => {
    const sim = createSimulation('partitioning/consistent-hashing-add-node', { workload: { clients: 0 } });
    sim.runUntil(1000);
    expect(view(sim, 'n5').role).toBe('spare');
    sim.run();
    const n5 = view(sim, 'n5');
    expect(n5.role).toBe('shard');
    expect(n5.details?.rows).toBe(Object.keys(durable(sim, 'n5').rows).length);
    expect(n5.details?.members).toBe('n1 n2 n3 n4 n5');
    expect(Object.keys(n5.kv ?? {})).toHaveLength(40);
    expect(view(sim, 'n1').details?.['rows moved out']).toBeGreaterThan(0);
  });
});
