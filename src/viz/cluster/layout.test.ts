import { describe, expect, it } from 'vitest';
import {
  circleLayout,
  clusterLayout,
  dividingLine,
  isMultiRegion,
  labelLevel,
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

describe('labelLevel', () => {
  const ids = (count: number) => Array.from({ length: count }, (_, i) => `n${i + 1}`);

  it('shows full labels when there is room, and less as nodes crowd together', () => {
    expect(labelLevel(circleLayout(ids(3), 700, 420))).toBe('full');
    expect(labelLevel(circleLayout(ids(5), 320, 300))).not.toBe('full');
    expect(labelLevel(circleLayout(ids(50), 700, 440))).toBe('none');
  });
});
