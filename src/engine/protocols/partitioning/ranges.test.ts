import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../core/simulation';
import { createSimulation } from '../../catalog/resolve';
import type { ScenarioOverrides } from '../../core/schema';
import { findStaleReads } from '../../checkers';
import { formatShowRanges, inRange, rangesProtocol, showRanges, type RangesDurable } from './ranges';

const run = (id: string, seed = 1, overrides: ScenarioOverrides = {}) =>
  createSimulation(id, { seed, ...overrides }, { checkInvariants: true }).run();
const cluster = (sim: Simulation) =>
  sim.invariantContext().nodes as ReadonlyMap<string, { state: { durable: RangesDurable }; up: boolean }>;
const gauges = (sim: Simulation) => rangesProtocol.gauges!(sim.invariantContext() as never);
const durable = (sim: Simulation, node: string) => sim.node(node).state.durable as RangesDurable;
const view = (sim: Simulation, node: string) => sim.describeNode(node);
const seeds = [1, 2, 3];

/** Every replica of every range holds exactly the leaseholder's rows for that range. */
function expectReplicasAgree(sim: Simulation): void {
  for (const range of showRanges(cluster(sim))) {
    const descriptor = durable(sim, range.leaseholder).descriptors[range.rangeId]!;
    const rowsOn = (node: string) =>
      Object.fromEntries(
        Object.entries(durable(sim, node).rows)
          .filter(([key]) => inRange(descriptor, key))
          .map(([key, row]) => [key, row.version]),
      );
    for (const replica of range.replicas)
      expect(rowsOn(replica), `${range.rangeId} on ${replica}`).toEqual(rowsOn(range.leaseholder));
  }
}

describe('automatic splitting', () => {
  it('splits every range that outgrows the threshold, keeping three replicas and a leaseholder on each, ranges tiling the key space', () => {
    for (const seed of seeds) {
      const sim = createSimulation('partitioning/auto-split', { seed }, { checkInvariants: true });
      for (let at = 1000; at <= 8000; at += 1000) {
        sim.runUntil(at);
        expect(gauges(sim)['range.maxBytes'], `seed ${seed} at ${at} ms`).toBeLessThanOrEqual(16_384);
      }
      const table = showRanges(cluster(sim));
      expect(table.length, `seed ${seed}`).toBeGreaterThanOrEqual(5);
      for (const range of table) {
        expect(range.replicas).toHaveLength(3);
        expect(range.replicas).toContain(range.leaseholder);
      }
      expect(sim.world.violations, `seed ${seed}`).toEqual([]);
      expect(
        sim.world.notes.some((note) =>
          /^range r1 \[−∞, \+∞\) split at k\d+: r1 \[−∞, k\d+\) and r1\.1 \[k\d+, \+∞\)$/.test(note.text),
        ),
      ).toBe(true);
    }
  });

  it('loses nothing and serves no stale read while ranges split and leases move (3 seeds)', () => {
    for (const seed of seeds) {
      const sim = run('partitioning/auto-split', seed, {
        workload: {
          clients: 4,
          ratePerClient: 40,
          mix: { read: 0.2, write: 0.8, cas: 0 },
          keys: { count: 500 },
          target: 'random',
          stopMs: 7000,
        },
      });
      expect(findStaleReads(sim.world.history), `seed ${seed}`).toEqual([]);
      expect(sim.world.history.filter((op) => op.complete !== null && op.ok !== true)).toEqual([]);
      expectReplicasAgree(sim);
      // Each key's leaseholder holds a write that no other acknowledged write followed (concurrent last writes may tie).
      const writes = sim.world.history.filter((op) => op.type === 'write' && op.ok);
      const lastWrites = (key: string) =>
        writes
          .filter(
            (op) =>
              op.key === key && !writes.some((later) => later.key === key && op.complete! < later.invoke),
          )
          .map((op) => op.value);
      for (const range of showRanges(cluster(sim))) {
        for (const [key, row] of Object.entries(durable(sim, range.leaseholder).rows)) {
          if (range.startKey <= key && (range.endKey === '+∞' || key < range.endKey))
            expect(lastWrites(key)).toContain(row.value);
        }
      }
    }
  });
});

describe('rebalancing', () => {
  it('moves replicas and leases onto nodes that join until replicas per node are within 25% of the mean', () => {
    for (const seed of seeds) {
      const sim = createSimulation('partitioning/auto-rebalance', { seed }, { checkInvariants: true });
      sim.runUntil(2900);
      expect(view(sim, 'n4').role).toBe('spare');
      expect(gauges(sim)['replicas.n4']).toBe(0);
      sim.run();
      const end = gauges(sim);
      expect(end['replicas.n4'], `seed ${seed}`).toBeGreaterThan(0);
      expect(end['replicas.n5'], `seed ${seed}`).toBeGreaterThan(0);
      expect(end['leases.n4']! + end['leases.n5']!, `seed ${seed}`).toBeGreaterThan(0);
      expect(end['imbalance.replicas'], `seed ${seed}`).toBeLessThanOrEqual(1.25);
      expect(end['moved.bytes']).toBeGreaterThan(0);
      expect(sim.world.violations).toEqual([]);
      expect(
        sim.world.notes.some((note) =>
          /^replica of r[\d.]+ moved n\d → n[45] \(\d+\.\d KB\)$/.test(note.text),
        ),
      ).toBe(true);
      // All 400 preloaded rows stay readable throughout.
      expect(
        sim.world.history.filter((op) => op.type === 'read' && op.ok === true && op.value === null),
      ).toEqual([]);
      expect(findStaleReads(sim.world.history)).toEqual([]);
    }
  });

  it('empties a decommissioned node: its leases and replicas go to the others, and no read fails', () => {
    for (const seed of seeds) {
      const sim = run('partitioning/decommission', seed);
      expect(gauges(sim)['replicas.n2'], `seed ${seed}`).toBe(0);
      expect(Object.keys(durable(sim, 'n2').rows)).toHaveLength(0);
      expect(view(sim, 'n2').role).toBe('decommissioned');
      for (const range of showRanges(cluster(sim))) expect(range.replicas).toHaveLength(3);
      expect(sim.world.history.filter((op) => op.complete !== null && op.ok !== true)).toEqual([]);
      expect(sim.world.violations).toEqual([]);
    }
  });
});

describe('SHOW RANGES and the node view', () => {
  it('lists each range with its keys, replicas, leaseholder and size', () => {
    const sim = run('partitioning/auto-rebalance');
    const table = showRanges(cluster(sim));
    const text = formatShowRanges(table).split('\n');
    expect(text[0]).toMatch(/^range_id +\| start_key \| end_key +\| replicas +\| lease_holder \| size$/);
    expect(text).toHaveLength(table.length + 2);
    expect(text[2]).toContain(`{${table[0]!.replicas.join(',')}}`);
    expect(table.reduce((sum, range) => sum + range.rows, 0)).toBe(400);
  });

  it('shows which ranges a node holds and whether it leads them', () => {
    const sim = run('partitioning/auto-split');
    const details = view(sim, 'n1').details ?? {};
    const lines = Object.entries(details).filter(([label]) => label.startsWith('range '));
    expect(lines.length).toBe(showRanges(cluster(sim)).length);
    expect(lines.filter(([, text]) => String(text).includes('· leaseholder ·'))).toHaveLength(
      Number(details.leases),
    );
  });
});

describe('the invariants', () => {
  it('catch two nodes holding the same lease and a gap between ranges', () => {
    const sim = createSimulation('partitioning/auto-split', {});
    sim.runUntil(100);
    const [oneLease, twoRanges] = [rangesProtocol.invariants![1]!, rangesProtocol.invariants![0]!];
    expect(oneLease.check(sim.invariantContext() as never)).toBeNull();
    durable(sim, 'n2').leases.r1 = true;
    expect(oneLease.check(sim.invariantContext() as never)).toBe('both n1 and n2 hold the lease for r1');
    for (const node of sim.nodeIds) durable(sim, node).descriptors.r1!.start = 'a';
    expect(twoRanges.check(sim.invariantContext() as never)).toMatch(
      /does not start where the range before it ends/,
    );
  });
});
