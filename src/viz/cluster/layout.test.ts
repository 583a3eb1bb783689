import { describe, expect, it } from 'vitest';
import {
  circleLayout,
  clusterLayout,
  dividingLine,
  isMultiRegion,
  rowLayout,
  partitionGroups,
  worldMapLayout,
} from './layout';

describe('circleLayout', () => {
  it('places every node inside the view, the first at the top', () => {
    const ids = ['n1', 'n2', 'n3', 'n4', 'n5'];
    const layout = circleLayout(ids, 400, 300);
    expect([...layout.positions.keys()]).toEqual(ids);
    for (const point of layout.positions.values()) {
      expect(point.x).toBeGreaterThanOrEqual(layout.nodeRadius);
      expect(point.x).toBeLessThanOrEqual(400 - layout.nodeRadius);
      expect(point.y).toBeGreaterThanOrEqual(layout.nodeRadius);
      expect(point.y).toBeLessThanOrEqual(300 - layout.nodeRadius);
    }
    const first = layout.positions.get('n1')!;
    expect(Math.min(...[...layout.positions.values()].map((point) => point.y))).toBe(first.y);
  });

  it('centres a single node', () => {
    expect(circleLayout(['solo'], 200, 200).positions.get('solo')!.x).toBe(100);
  });

  it('keeps 50 nodes apart', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `n${i + 1}`);
    const layout = circleLayout(ids, 640, 480);
    const points = [...layout.positions.values()];
    const closest = Math.min(
      ...points.map((a, i) => Math.hypot(a.x - points[(i + 1) % 50]!.x, a.y - points[(i + 1) % 50]!.y)),
    );
    expect(closest).toBeGreaterThan(layout.nodeRadius * 2);
  });
});

describe('worldMapLayout', () => {
  const nodes = [
    { id: 'a', region: 'us-east' },
    { id: 'b', region: 'eu-west' },
    { id: 'c', region: 'eu-central' },
    { id: 'd', region: 'ap-northeast' },
    { id: 'e', region: 'eu-west' },
  ];

  it('is chosen when nodes span several known regions', () => {
    expect(isMultiRegion(nodes)).toBe(true);
    expect(
      isMultiRegion([
        { id: 'a', region: 'us-east' },
        { id: 'b', region: 'us-east' },
      ]),
    ).toBe(false);
    expect(clusterLayout(nodes, 600).map).not.toBeNull();
  });

  it('puts west of east and north of south, from the regions’ coordinates', () => {
    const layout = worldMapLayout(nodes, 600);
    const at = (id: string) => layout.positions.get(id)!;
    expect(at('a').x).toBeLessThan(at('b').x);
    expect(at('b').x).toBeLessThan(at('d').x);
    const saoPaulo = worldMapLayout([...nodes, { id: 'f', region: 'sa-east' }], 600).positions.get('f')!;
    expect(saoPaulo.y).toBeGreaterThan(at('a').y);
  });

  it('frames the regions in use, so two regions an ocean apart sit far apart', () => {
    const atlantic = [
      { id: 'n1', region: 'us-east' },
      { id: 'n2', region: 'us-east' },
      { id: 'n3', region: 'eu-west' },
      { id: 'n4', region: 'eu-west' },
    ];
    const layout = worldMapLayout(atlantic, 600);
    const [a, , b] = ['n1', 'n2', 'n3'].map((id) => layout.positions.get(id)!);
    expect(b!.x - a!.x).toBeGreaterThan(600 / 3);
    for (const region of layout.map!.regions) expect(region.labelY).toBeLessThan(region.y);
  });

  it('keeps nodes of nearby regions from overlapping, and is deterministic', () => {
    const layout = worldMapLayout(nodes, 600);
    const points = [...layout.positions.values()];
    for (let i = 0; i < points.length; i++)
      for (let j = i + 1; j < points.length; j++)
        expect(Math.hypot(points[i]!.x - points[j]!.x, points[i]!.y - points[j]!.y)).toBeGreaterThan(
          layout.nodeRadius * 1.9,
        );
    expect(worldMapLayout(nodes, 600).positions).toEqual(layout.positions);
  });
});

describe('partitionGroups', () => {
  const ids = ['n1', 'n2', 'n3', 'n4', 'n5'];
  const cutBetween = (a: string[], b: string[]) =>
    a.flatMap((x) => b.flatMap((y) => [[x, y] as [string, string], [y, x] as [string, string]]));

  it('is one group when nothing is cut', () => {
    expect(partitionGroups(ids, [])).toEqual([ids]);
  });

  it('finds the two sides of a partition', () => {
    expect(partitionGroups(ids, cutBetween(['n1', 'n2'], ['n3', 'n4', 'n5']))).toEqual([
      ['n1', 'n2'],
      ['n3', 'n4', 'n5'],
    ]);
  });

  it('sees an isolated node as its own group', () => {
    expect(partitionGroups(ids, cutBetween(['n3'], ['n1', 'n2', 'n4', 'n5']))).toEqual([
      ['n1', 'n2', 'n4', 'n5'],
      ['n3'],
    ]);
  });

  it('does not call a single one-way cut a partition', () => {
    expect(partitionGroups(ids, [['n1', 'n2']])).toHaveLength(1);
  });
});

describe('dividingLine', () => {
  it('crosses the view between the two groups', () => {
    const line = dividingLine([{ x: 10, y: 50 }], [{ x: 90, y: 50 }], 100, 100)!;
    expect(line[0].x).toBeCloseTo(50);
    expect(line[1].x).toBeCloseTo(50);
    expect([line[0].y, line[1].y].sort((a, b) => a - b)).toEqual([0, 100]);
  });
});

describe('rowLayout and flowLayout', () => {
  it('puts a chain in a row, in chain order, folding into a second row only when the row is too tight', () => {
    const order = ['n3', 'n1', 'n2', 'n4', 'n5'];
    const wide = rowLayout(order, 800);
    const xs = order.map((id) => wide.positions.get(id)!.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(new Set(order.map((id) => wide.positions.get(id)!.y)).size).toBe(1);
    const narrow = rowLayout(order, 300);
    const ys = new Set(order.map((id) => narrow.positions.get(id)!.y));
    expect(ys.size).toBe(2);
    // Neighbours in the chain stay at most two node diameters and a bit apart, even across the fold.
    for (let i = 0; i + 1 < order.length; i++) {
      const a = narrow.positions.get(order[i]!)!;
      const b = narrow.positions.get(order[i + 1]!)!;
      expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeLessThan(narrow.height);
    }
  });

  it('reads left to right: clients, the node they call, then the nodes behind it', () => {
    const layout = clusterLayout(
      [
        { id: 'lb', region: null },
        { id: 's1', region: null },
        { id: 's2', region: null },
      ],
      600,
      { shape: 'star', order: ['lb', 's1', 's2'], clients: true },
    );
    expect(layout.clients).not.toBeNull();
    expect(layout.clients!.x).toBeLessThan(layout.positions.get('lb')!.x);
    expect(layout.positions.get('lb')!.x).toBeLessThan(layout.positions.get('s1')!.x);
    expect(layout.positions.get('s1')!.x).toBe(layout.positions.get('s2')!.x);
  });

  it('keeps the circle for every other shape', () => {
    const nodes = ['a', 'b', 'c'].map((id) => ({ id, region: null }));
    expect(clusterLayout(nodes, 600, { shape: 'all-to-all', order: ['a', 'b', 'c'] }).clients).toBeNull();
    expect(clusterLayout(nodes, 600, { shape: 'ring', order: ['a', 'b', 'c'] })).toEqual(
      clusterLayout(nodes, 600),
    );
  });
});
