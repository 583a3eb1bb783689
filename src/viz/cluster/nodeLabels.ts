/**
 * The text beside each node, placed so that no label covers a node, a node's strip or another label.
 * Each node offers its label at a few levels of detail; it gets the most detailed one that fits in one
 * of the places around it. A node whose label fits nowhere shows it on hover (its <title>) and in the
 * node detail panel.
 */
import type { FrameNode } from '../../engine/core/frame';
import type { Point } from '../shared/geometry';
import { circleBox, cornersAround, placeLabels, textWidth, type Box } from '../shared/labels';
import { kvSummary, generationLabel } from './nodeText';

/** Every label line is 12 px text (the course's minimum on the drawing). */
export const labelFontPx = 12;
export const labelLineHeight = 15;
const labelFont = `${labelFontPx}px system-ui, sans-serif`;
const boldLabelFont = `700 ${labelFontPx}px system-ui, sans-serif`;

export interface LabelLine {
  text: string;
  /** The first line starts with the node id in bold. */
  strong?: string;
}

/** Height of the strip (log or queue) drawn under a node, in px; 0 when it has none. */
export const stripHeight = 10;
export const stripGap = 4;

export function hasStrip(node: FrameNode): boolean {
  const { queue, log, commitIndex } = node.view;
  // A crashed node keeps its log (persistent state) but not its commit index (volatile).
  return Boolean(queue || (log && (commitIndex !== undefined || node.status === 'crashed')));
}

/**
 * The label's lines from most to least detailed. `termInside` is true when the node's circle already
 * shows its term, so the label need not repeat it. The clock appears only when it disagrees with true time.
 */
export function labelLevels(node: FrameNode, now: number, termInside: boolean): LabelLine[][] {
  const { view, status } = node;
  const title: LabelLine = { strong: node.id, text: ` ${status === 'up' ? (view.role ?? '') : status}` };
  const generation = termInside ? '' : generationLabel(view);
  const drifted = Math.abs(node.clock - Math.floor(now)) > 1 ? `clock ${node.clock}` : '';
  const second = [generation, drifted].filter(Boolean).join(' · ');
  const detail: LabelLine[] = [];
  if (view.queue) {
    detail.push({ text: `${view.queue.waiting} of ${view.queue.capacity} waiting` });
    detail.push({ text: `${view.queue.served} served · ${view.queue.turnedAway} turned away` });
  } else if (view.kv && Object.keys(view.kv).length > 0) {
    detail.push({ text: kvSummary(view.kv) });
  }
  const full = [title, ...(second ? [{ text: second }] : []), ...detail];
  const levels: LabelLine[][] = [full];
  if (detail.length > 0) levels.push(full.slice(0, full.length - detail.length));
  if (second) levels.push([title]);
  levels.push([{ strong: node.id, text: '' }]);
  const seen = new Set<string>();
  return levels.filter((level) => {
    const key = JSON.stringify(level);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function lineWidth(line: LabelLine): number {
  return (
    (line.strong ? textWidth(line.strong, boldLabelFont, labelFontPx) : 0) +
    (line.text ? textWidth(line.text, labelFont, labelFontPx) : 0)
  );
}

/** The box a node occupies: its circle with room for its timer rings, and its strip below. */
export function nodeBox(at: Point, radius: number, strip: boolean): Box {
  const ringRoom = radius + 9;
  const box = circleBox(at, ringRoom);
  if (strip) box.height = Math.max(box.height, ringRoom + radius + stripGap + stripHeight);
  return box;
}

export interface PlacedLabel {
  node: string;
  box: Box;
  lines: LabelLine[];
}

/**
 * Places every node's label, nodes in order, each at the most detailed level that fits. `obstacles`
 * holds what else is drawn and must stay readable (the clients, map labels).
 */
export function placeNodeLabels(
  nodes: readonly FrameNode[],
  positions: ReadonlyMap<string, Point>,
  radius: number,
  now: number,
  view: { width: number; height: number },
  obstacles: readonly Box[] = [],
): PlacedLabel[] {
  const termInside = radius >= 20;
  const bodies = nodes.map((node) => nodeBox(positions.get(node.id)!, radius, hasStrip(node)));
  const taken: Box[] = [...obstacles, ...bodies];
  const placed: PlacedLabel[] = [];
  nodes.forEach((node, index) => {
    for (const lines of labelLevels(node, now, termInside)) {
      const width = Math.ceil(Math.max(...lines.map(lineWidth))) + 2;
      const height = lines.length * labelLineHeight;
      const [box] = placeLabels(
        [{ width, height, candidates: cornersAround(bodies[index]!, width, height, 2) }],
        taken,
        view,
      );
      if (box) {
        taken.push(box);
        placed.push({ node: node.id, box, lines });
        return;
      }
    }
  });
  return placed;
}
