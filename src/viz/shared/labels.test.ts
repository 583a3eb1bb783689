import { describe, expect, it } from 'vitest';
import { boxesOverlap, circleBox, cornersAround, placeLabels, type Box } from './labels';

const view = { width: 400, height: 300 };

describe('boxesOverlap', () => {
  it('counts shared area as overlap, and boxes that only touch as clear', () => {
    const a = { x: 0, y: 0, width: 10, height: 10 };
    expect(boxesOverlap(a, { x: 5, y: 5, width: 10, height: 10 })).toBe(true);
    expect(boxesOverlap(a, { x: 10, y: 0, width: 10, height: 10 })).toBe(false);
    expect(boxesOverlap(a, { x: 0, y: 11, width: 10, height: 10 })).toBe(false);
  });
});

describe('placeLabels', () => {
  it('takes the first candidate clear of obstacles and of labels placed before it', () => {
    const node = circleBox({ x: 100, y: 100 }, 20);
    const request = { width: 40, height: 15, candidates: cornersAround(node, 40, 15, 2) };
    const [first, second, third] = placeLabels([request, request, request], [node], view);
    // Below the node, then above it, then to its right.
    expect(first).toEqual({ x: 80, y: 122, width: 40, height: 15 });
    expect(second).toEqual({ x: 80, y: 63, width: 40, height: 15 });
    expect(third!.x).toBe(122);
    const placed = [first!, second!, third!];
    for (const box of placed) expect(boxesOverlap(box, node)).toBe(false);
    expect(boxesOverlap(first!, second!) || boxesOverlap(second!, third!)).toBe(false);
  });

  it('leaves a label out when every place is taken or outside the view', () => {
    const node = circleBox({ x: 10, y: 10 }, 8);
    const wall: Box = { x: 0, y: 0, width: 400, height: 300 };
    const request = { width: 30, height: 15, candidates: cornersAround(node, 30, 15, 2) };
    expect(placeLabels([request], [wall], view)).toEqual([null]);
    // Near the corner of the view, only the places inside it are used.
    const [box] = placeLabels([request], [node], view);
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeGreaterThanOrEqual(0);
  });

  it('never lets two of many crowded labels overlap', () => {
    const nodes = Array.from({ length: 12 }, (_, i) =>
      circleBox({ x: 40 + (i % 4) * 60, y: 40 + Math.floor(i / 4) * 60 }, 14),
    );
    const requests = nodes.map((node) => ({
      width: 70,
      height: 30,
      candidates: cornersAround(node, 70, 30, 2),
    }));
    const placed = placeLabels(requests, nodes, view).filter((box): box is Box => box !== null);
    expect(placed.length).toBeGreaterThan(0);
    for (let i = 0; i < placed.length; i++) {
      for (const node of nodes) expect(boxesOverlap(placed[i]!, node)).toBe(false);
      for (let j = i + 1; j < placed.length; j++) expect(boxesOverlap(placed[i]!, placed[j]!)).toBe(false);
    }
  });
});
