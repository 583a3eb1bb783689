import { describe, expect, it } from 'vitest';
import { buildFrame } from '../../engine/core/frame';
import { buildRing, ringOwner } from '../../engine/protocols/shared/hashing';
import { createSimulation } from '../../engine/catalog/resolve';
import { loadMeasures, parseRangeDetail, readKeySpace, ringArcs } from './keyspaceData';

function keySpaceAt(scenario: string, time: number) {
  const sim = createSimulation(scenario);
  sim.runUntil(time);
  const frame = buildFrame(sim, { simulationId: 's', horizon: time, playing: false, speed: 1, commands: [] });
  const gauges = frame.metrics.samples.at(-1)?.gauges ?? {};
  return {
    space: readKeySpace({
      protocol: sim.scenario.protocol,
      params: sim.params as Record<string, unknown>,
      nodes: frame.nodes,
      gauges,
    }),
    frame,
  };
}

describe('consistent hashing', () => {
  it('draws the ring the nodes use: every member’s virtual nodes, and each shown key on the node that owns its position', () => {
    const { space } = keySpaceAt('partitioning/consistent-hashing-remove-node', 1500);
    expect(space!.strategy).toBe('consistent-hashing');
    expect(space!.members).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
    expect(space!.tokens).toHaveLength(5 * 64);
    const ring = buildRing(space!.members, 64);
    expect(space!.keys.length).toBeGreaterThan(50);
    for (const key of space!.keys) {
      expect(key.node).toBe(ringOwner(ring, key.key));
      expect(key.moved).toBe(false);
    }
  });

  it('after n3 leaves, highlights exactly the shown keys that used to be on n3, now on the others', () => {
    const { space } = keySpaceAt('partitioning/consistent-hashing-remove-node', 4900);
    expect(space!.members).toEqual(['n1', 'n2', 'n4', 'n5']);
    const before = buildRing(['n1', 'n2', 'n3', 'n4', 'n5'], 64);
    const moved = space!.keys.filter((key) => key.moved);
    expect(moved.length).toBeGreaterThan(0);
    for (const key of space!.keys) expect(key.moved).toBe(ringOwner(before, key.key) === 'n3');
    expect(moved.every((key) => key.node !== 'n3')).toBe(true);
  });

  it('reads load per node from the protocol’s gauges', () => {
    const { space } = keySpaceAt('partitioning/consistent-hashing-remove-node', 1500);
    const rows = space!.load.find((measure) => measure.name === 'rows')!;
    expect(rows.values.map((value) => value.node)).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
    expect(rows.values.reduce((sum, value) => sum + value.value, 0)).toBeGreaterThanOrEqual(1000);
  });
});

describe('ranges', () => {
  it('reads ranges that tile the key space from −∞ to +∞ under range partitioning', () => {
    const { space } = keySpaceAt('partitioning/range-scans', 500);
    expect(space!.strategy).toBe('range');
    expect(space!.ranges.map((range) => [range.start, range.end])).toEqual([
      ['', space!.ranges[1]!.start],
      [space!.ranges[1]!.start, space!.ranges[2]!.start],
      [space!.ranges[2]!.start, space!.ranges[3]!.start],
      [space!.ranges[3]!.start, null],
    ]);
  });

  it('follows auto-splitting ranges from the nodes’ details: more ranges over time, still tiling', () => {
    const early = keySpaceAt('partitioning/auto-split', 100).space!;
    const late = keySpaceAt('partitioning/auto-split', 6000).space!;
    expect(late.ranges.length).toBeGreaterThan(early.ranges.length);
    late.ranges.forEach((range, index) =>
      expect(range.start).toBe(index === 0 ? '' : late.ranges[index - 1]!.end),
    );
    expect(late.ranges.at(-1)!.end).toBeNull();
    for (const range of late.ranges) expect(range.replicas).toContain(range.node);
  });

  it('parses the ranges protocol’s detail lines', () => {
    expect(parseRangeDetail('r2', '[k3, k7) · 12.0 KB · leaseholder · on n1 n2 n3', 'n2')).toEqual({
      id: 'r2',
      start: 'k3',
      end: 'k7',
      node: 'n2',
      replicas: ['n1', 'n2', 'n3'],
      leaseholder: true,
    });
    expect(parseRangeDetail('r1', '[−∞, +∞) · 0 B · replica · on n1', 'n1')).toMatchObject({
      start: '',
      end: null,
      leaseholder: false,
    });
    expect(parseRangeDetail('r1', 'something else', 'n1')).toBeNull();
  });
});

describe('helpers', () => {
  it('groups per-node gauges by measure and ignores cluster-wide ones', () => {
    expect(
      loadMeasures({ 'rows.n2': 4, 'rows.n1': 3, 'load.n1': 9, 'imbalance.rows': 1.2 }, ['n1', 'n2']),
    ).toEqual([
      {
        name: 'rows',
        values: [
          { node: 'n1', value: 3 },
          { node: 'n2', value: 4 },
        ],
      },
      { name: 'load', values: [{ node: 'n1', value: 9 }] },
    ]);
  });

  it('gives each token the arc since the previous one, the first wrapping round', () => {
    const arcs = ringArcs([
      { node: 'n1', at: 0.25 },
      { node: 'n2', at: 0.5 },
      { node: 'n3', at: 0.9 },
    ]);
    expect(arcs[0]!.from).toBeCloseTo(-0.1);
    expect(arcs.slice(1)).toEqual([
      { node: 'n2', from: 0.25, to: 0.5 },
      { node: 'n3', from: 0.5, to: 0.9 },
    ]);
  });

  it('has nothing to show for protocols that do not partition', () => {
    expect(keySpaceAt('broadcast/basic', 100).space).toBeNull();
  });
});
