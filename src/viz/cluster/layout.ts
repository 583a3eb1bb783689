/**
 * Where nodes sit in the cluster view. Single-site clusters sit on a circle, a chain sits in a row, and a
 * star that clients talk to reads left to right (clients, the node they call, the nodes behind it);
 * multi-region clusters sit on a schematic world map (an equirectangular projection of the graticule, no
 * map data), each node next to its region's city, pushed apart by a collision force so neighbouring
 * regions stay readable.
 */
import {
  forceCollide,
  forceSimulation,
  forceX,
  forceY,
  geoEquirectangular,
  geoGraticule10,
  geoPath,
  type SimulationNodeDatum,
} from 'd3';
import { findRegion } from '../../engine/core/regions';
import type { ClusterTopology } from '../../engine/core/types';
import type { Point } from '../shared/geometry';

export interface ClusterLayout {
  width: number;
  height: number;
  nodeRadius: number;
  positions: Map<string, Point>;
  /** Present for multi-region clusters: the map's outline, graticule and region labels. */
  map: WorldMap | null;
  /** Where the clients are drawn, when the protocol has clients sending requests into the cluster. */
  clients: Point | null;
}

export interface WorldMap {
  outline: string;
  graticule: string;
  /** Each region's city (x, y) and where its name goes (above its nodes). */
  regions: { id: string; label: string; x: number; y: number; labelY: number }[];
}

export interface LayoutNode {
  id: string;
  region: string | null;
}

/** Node radius shrinks with the node count so 50 nodes still fit. */
export function nodeRadiusFor(count: number): number {
  if (count <= 5) return 26;
  if (count <= 9) return 22;
  if (count <= 16) return 16;
  return 9;
}

/** Nodes evenly spaced on a circle, the first at the top, going clockwise. */
export function circleLayout(ids: readonly string[], width: number, height: number): ClusterLayout {
  const nodeRadius = nodeRadiusFor(ids.length);
  // Room below each node for its labels.
  const labelRoom = ids.length <= 16 ? 34 : 4;
  const radius = Math.max(0, Math.min(width / 2, (height - labelRoom) / 2) - nodeRadius - 8);
  const centre = { x: width / 2, y: (height - labelRoom) / 2 + 4 };
  const positions = new Map<string, Point>();
  ids.forEach((id, index) => {
    if (ids.length === 1) {
      positions.set(id, centre);
      return;
    }
    const angle = -Math.PI / 2 + (2 * Math.PI * index) / ids.length;
    positions.set(id, { x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) });
  });
  return { width, height, nodeRadius, positions, map: null, clients: null };
}

/** Distinct known regions among the nodes, in order of first appearance. */
export function regionsOf(nodes: readonly LayoutNode[]): string[] {
  const seen: string[] = [];
  for (const node of nodes)
    if (node.region && findRegion(node.region) && !seen.includes(node.region)) seen.push(node.region);
  return seen;
}

/** A map is worth drawing when the nodes span two or more known regions. */
export function isMultiRegion(nodes: readonly LayoutNode[]): boolean {
  return regionsOf(nodes).length >= 2;
}

interface ForceNode extends SimulationNodeDatum {
  id: string;
  region: string;
  targetX: number;
  targetY: number;
}

/** Degrees of map shown around the regions in use, so the map frames them with some context. */
const mapMargin = { longitude: 25, latitude: 14 };

/** The part of the world the regions span, padded and kept within the map's limits. */
export function regionBox(regionIds: readonly string[]): {
  west: number;
  south: number;
  east: number;
  north: number;
} {
  const found = regionIds.map((id) => findRegion(id)!).filter(Boolean);
  const longitudes = found.map((region) => region.longitude);
  const latitudes = found.map((region) => region.latitude);
  return {
    west: Math.max(-180, Math.min(...longitudes) - mapMargin.longitude),
    east: Math.min(180, Math.max(...longitudes) + mapMargin.longitude),
    south: Math.max(-80, Math.min(...latitudes) - mapMargin.latitude),
    north: Math.min(80, Math.max(...latitudes) + mapMargin.latitude),
  };
}

export function worldMapLayout(nodes: readonly LayoutNode[], width: number): ClusterLayout {
  const nodeRadius = Math.min(nodeRadiusFor(nodes.length), 18);
  const regionIds = regionsOf(nodes);
  const box = regionBox(regionIds);
  // Equirectangular: a degree is the same length both ways, so the box's shape sets the map's height.
  const height = Math.round(
    Math.min(440, Math.max(240, (width * (box.north - box.south)) / (box.east - box.west))),
  );
  const projection = geoEquirectangular().fitExtent(
    [
      [nodeRadius * 2, nodeRadius * 2 + 14],
      [width - nodeRadius * 2, height - nodeRadius * 2],
    ],
    {
      type: 'MultiPoint',
      coordinates: [
        [box.west, box.south],
        [box.east, box.north],
      ],
    },
  );
  const path = geoPath(projection);
  const anchors = regionIds.map((id) => {
    const region = findRegion(id)!;
    const [x, y] = projection([region.longitude, region.latitude])!;
    return { id, label: region.label, x, y };
  });
  const anchorOf = new Map(anchors.map((region) => [region.id, region]));
  const fallback = { x: width / 2, y: height - nodeRadius * 2 };

  // Members of a region start on a small circle round its city, then collide apart deterministically
  // (d3-force's jiggle uses its own fixed-seed generator).
  const byRegion = new Map<string, LayoutNode[]>();
  for (const node of nodes) {
    const key = node.region && anchorOf.has(node.region) ? node.region : '';
    byRegion.set(key, [...(byRegion.get(key) ?? []), node]);
  }
  const forceNodes: ForceNode[] = [];
  for (const [regionId, members] of byRegion) {
    const anchor = anchorOf.get(regionId) ?? fallback;
    members.forEach((node, index) => {
      const angle = (2 * Math.PI * index) / members.length;
      const spread = members.length === 1 ? 0 : nodeRadius * 1.4;
      const targetX = anchor.x + spread * Math.cos(angle);
      const targetY = anchor.y + spread * Math.sin(angle);
      forceNodes.push({ id: node.id, region: regionId, targetX, targetY, x: targetX, y: targetY });
    });
  }
  const simulation = forceSimulation(forceNodes)
    .force('collide', forceCollide<ForceNode>(nodeRadius + 3))
    .force('x', forceX<ForceNode>((node) => node.targetX).strength(0.3))
    .force('y', forceY<ForceNode>((node) => node.targetY).strength(0.3))
    .stop();
  simulation.tick(120);

  const clamp = (value: number, max: number) =>
    Math.min(max - nodeRadius - 2, Math.max(nodeRadius + 2, value));
  const positions = new Map<string, Point>(
    forceNodes.map((node) => [
      node.id,
      { x: clamp(node.x ?? node.targetX, width), y: clamp(node.y ?? node.targetY, height) },
    ]),
  );
  // Each city's name goes above its group of nodes.
  const regions = anchors.map((anchor) => {
    const members = forceNodes
      .filter((node) => node.region === anchor.id)
      .map((node) => positions.get(node.id)!);
    const top = Math.min(anchor.y, ...members.map((point) => point.y));
    return { ...anchor, labelY: Math.max(10, top - nodeRadius - 8) };
  });
  return {
    width,
    height,
    nodeRadius,
    positions,
    map: { outline: path({ type: 'Sphere' }) ?? '', graticule: path(geoGraticule10()) ?? '', regions },
    clients: null,
  };
}

/** Room under a node for its strip (log or queue) and two or three lines of label. */
const labelRoomBelow = 64;

/**
 * A chain in a row, in the chain's order, so the log visibly flows from one end to the other. When the
 * row would squeeze nodes closer than two diameters it folds into a second row, running back.
 */
export function rowLayout(order: readonly string[], width: number): ClusterLayout {
  const nodeRadius = nodeRadiusFor(order.length);
  // Room for the node's strip, which is a little wider than the node.
  const margin = nodeRadius + 14;
  const perRow = Math.max(1, Math.min(order.length, Math.floor((width - 2 * margin) / (nodeRadius * 4)) + 1));
  const rows = Math.ceil(order.length / perRow);
  const rowHeight = nodeRadius * 2 + labelRoomBelow + 24;
  const height = Math.max(200, rows * rowHeight + 24);
  const step = perRow > 1 ? (width - 2 * margin) / (perRow - 1) : 0;
  const positions = new Map<string, Point>();
  order.forEach((id, index) => {
    const row = Math.floor(index / perRow);
    const column = index % perRow;
    // Odd rows run right to left, so consecutive nodes stay neighbours where the row folds.
    const x = perRow === 1 ? width / 2 : margin + step * (row % 2 === 0 ? column : perRow - 1 - column);
    positions.set(id, { x, y: 24 + nodeRadius + row * rowHeight });
  });
  return { width, height, nodeRadius, positions, map: null, clients: null };
}

/**
 * Clients on the left, the node they call in the middle, the nodes behind it in a column on the right:
 * requests flow left to right the way a student reads.
 */
export function flowLayout(order: readonly string[], width: number): ClusterLayout {
  const nodeRadius = nodeRadiusFor(order.length);
  const behind = order.slice(1);
  const rowHeight = nodeRadius * 2 + labelRoomBelow + 16;
  const height = Math.max(240, behind.length * rowHeight + 32);
  const middle = height / 2 - labelRoomBelow / 3;
  const positions = new Map<string, Point>();
  if (order[0] !== undefined) positions.set(order[0], { x: Math.round(width * 0.42), y: middle });
  behind.forEach((id, index) => {
    const y = behind.length === 1 ? middle : 16 + nodeRadius + index * rowHeight;
    positions.set(id, { x: Math.round(width * 0.8), y });
  });
  return { width, height, nodeRadius, positions, map: null, clients: { x: 36, y: middle } };
}

/**
 * The layout for a frame's nodes: a world map when they span regions, a row for a chain, left to right
 * for a star that clients call, else a circle.
 */
export function clusterLayout(
  nodes: readonly LayoutNode[],
  width: number,
  topology?: Pick<ClusterTopology, 'shape' | 'order' | 'clients'>,
): ClusterLayout {
  if (isMultiRegion(nodes)) return worldMapLayout(nodes, width);
  if (topology?.shape === 'chain') return rowLayout(topology.order, width);
  if (topology?.shape === 'star' && topology.clients) return flowLayout(topology.order, width);
  return circleLayout(
    nodes.map((node) => node.id),
    width,
    Math.round(Math.min(440, Math.max(300, width * 0.62))),
  );
}

/**
 * The groups a partition split the cluster into: connected components of the graph whose edges are the
 * links open in both directions. One group means no partition (a single one-way cut leaves one group).
 */
export function partitionGroups(
  ids: readonly string[],
  cuts: readonly (readonly [string, string])[],
): string[][] {
  const cut = new Set(cuts.map(([from, to]) => `${from}>${to}`));
  const open = (a: string, b: string) => !cut.has(`${a}>${b}`) && !cut.has(`${b}>${a}`);
  const seen = new Set<string>();
  const groups: string[][] = [];
  for (const start of ids) {
    if (seen.has(start)) continue;
    const group: string[] = [];
    const stack = [start];
    seen.add(start);
    while (stack.length > 0) {
      const id = stack.pop()!;
      group.push(id);
      for (const other of ids) {
        if (!seen.has(other) && open(id, other)) {
          seen.add(other);
          stack.push(other);
        }
      }
    }
    groups.push(ids.filter((id) => group.includes(id)));
  }
  return groups;
}

/**
 * A line separating two groups of points: the perpendicular bisector of the segment between their
 * centroids, clipped to the view. Null when the centroids coincide.
 */
export function dividingLine(
  a: readonly Point[],
  b: readonly Point[],
  width: number,
  height: number,
): [Point, Point] | null {
  const centroid = (points: readonly Point[]) => ({
    x: points.reduce((sum, point) => sum + point.x, 0) / points.length,
    y: points.reduce((sum, point) => sum + point.y, 0) / points.length,
  });
  if (a.length === 0 || b.length === 0) return null;
  const ca = centroid(a);
  const cb = centroid(b);
  const dx = cb.x - ca.x;
  const dy = cb.y - ca.y;
  if (dx === 0 && dy === 0) return null;
  const middle = { x: (ca.x + cb.x) / 2, y: (ca.y + cb.y) / 2 };
  // Direction of the bisector, long enough to cross the whole view, then clipped.
  const reach = width + height;
  const length = Math.hypot(dx, dy);
  const direction = { x: (-dy / length) * reach, y: (dx / length) * reach };
  return clipSegment(
    { x: middle.x - direction.x, y: middle.y - direction.y },
    { x: middle.x + direction.x, y: middle.y + direction.y },
    width,
    height,
  );
}

/** Liang–Barsky clipping of a segment to [0, width] × [0, height]. */
export function clipSegment(p: Point, q: Point, width: number, height: number): [Point, Point] | null {
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  let t0 = 0;
  let t1 = 1;
  const edges: [number, number][] = [
    [-dx, p.x],
    [dx, width - p.x],
    [-dy, p.y],
    [dy, height - p.y],
  ];
  for (const [denominator, distance] of edges) {
    if (denominator === 0) {
      if (distance < 0) return null;
      continue;
    }
    const t = distance / denominator;
    if (denominator < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return null;
  }
  return [
    { x: p.x + t0 * dx, y: p.y + t0 * dy },
    { x: p.x + t1 * dx, y: p.y + t1 * dy },
  ];
}
