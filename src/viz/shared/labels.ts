/**
 * Placing text labels so that none covers a node or another label: each label offers a few places
 * around its anchor, best first, and takes the first one that collides with nothing already there.
 * A label with no free place is left out (the drawing shows it on hover, or the detail panel has it).
 */
import type { Point } from './geometry';

/** An axis-aligned box in view pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function boxesOverlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The box around a circle (nodes are circles; the box is what a label must keep clear of). */
export function circleBox(centre: Point, radius: number): Box {
  return { x: centre.x - radius, y: centre.y - radius, width: radius * 2, height: radius * 2 };
}

export function insideView(box: Box, width: number, height: number): boolean {
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height;
}

/** A label to place: its size, and the top-left corners it may take, best first. */
export interface LabelRequest {
  width: number;
  height: number;
  candidates: readonly Point[];
}

/**
 * Places labels in order: each takes its first candidate (moved inside the view if it pokes out) that
 * overlaps neither an obstacle nor a label placed before it. Returns each label's box, or null when none fits.
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  obstacles: readonly Box[],
  view: { width: number; height: number },
): (Box | null)[] {
  const taken: Box[] = [...obstacles];
  return requests.map((request) => {
    for (const corner of request.candidates) {
      // A label near the edge slides along it to stay inside the view rather than give up its place.
      const box = {
        x: Math.min(Math.max(0, corner.x), view.width - request.width),
        y: Math.min(Math.max(0, corner.y), view.height - request.height),
        width: request.width,
        height: request.height,
      };
      if (!insideView(box, view.width, view.height)) continue;
      if (taken.some((other) => boxesOverlap(box, other))) continue;
      taken.push(box);
      return box;
    }
    return null;
  });
}

/**
 * Corners for a label of the given size around a box it belongs to (a node, a message dot): below,
 * above, right and left of it, each centred on the box, separated by `gap` pixels.
 */
export function cornersAround(target: Box, width: number, height: number, gap: number): Point[] {
  const centreX = target.x + target.width / 2 - width / 2;
  const centreY = target.y + target.height / 2 - height / 2;
  return [
    { x: centreX, y: target.y + target.height + gap },
    { x: centreX, y: target.y - gap - height },
    { x: target.x + target.width + gap, y: centreY },
    { x: target.x - gap - width, y: centreY },
  ];
}

/** Average glyph width of the UI's sans-serif as a share of the font size (measured on system-ui). */
const averageGlyphWidth = 0.58;
let measuringContext: CanvasRenderingContext2D | null | undefined;

/**
 * The width of a line of text in px: measured on a canvas in the browser, estimated from its length
 * elsewhere (unit tests). `font` is a CSS font shorthand such as "700 12px system-ui, sans-serif".
 */
export function textWidth(text: string, font: string, sizePx: number): number {
  if (measuringContext === undefined) {
    measuringContext =
      typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  }
  if (!measuringContext) return text.length * sizePx * averageGlyphWidth;
  measuringContext.font = font;
  return measuringContext.measureText(text).width;
}
