/**
 * Messages in flight, drawn on a canvas because a busy cluster has thousands of them. Positions come
 * from messagePoint (sentAt, deliverAt, now), the same function the click hit-test uses. Four or more
 * messages on one link draw as a stream with a count, so a burst never passes for a single message.
 */
import type { FrameMessage } from '../../engine/core/frame';
import { lerp, messagePoint, nearestPoint, type Point } from '../shared/geometry';
import { cornersAround, placeLabels, type Box } from '../shared/labels';
import { messageColour } from '../shared/palette';

/** Distance between the two directions of a link, in px. */
export const laneOffset = 3;

export function messagePoints(
  messages: readonly FrameMessage[],
  positions: ReadonlyMap<string, Point>,
  now: number,
  nodeRadius: number,
): (Point | null)[] {
  return messages.map((message) => {
    const from = positions.get(message.from);
    const to = positions.get(message.to);
    return from && to ? messagePoint(from, to, message, now, nodeRadius, laneOffset) : null;
  });
}

/** The id of the message drawn nearest to `target`, within reach of a finger or pointer. */
export function messageAt(
  messages: readonly FrameMessage[],
  positions: ReadonlyMap<string, Point>,
  now: number,
  nodeRadius: number,
  target: Point,
): number | null {
  const points = messagePoints(messages, positions, now, nodeRadius);
  const index = nearestPoint(
    points.map((point) => point ?? { x: Infinity, y: Infinity }),
    target,
    10,
  );
  return index < 0 ? null : messages[index]!.id;
}

/** This many messages or more on one directed link draw as a stream with a count. */
export const burstMin = 4;
/** Labels (message types, stream counts) are drawn only while there are few enough to read. */
const maxLabels = 24;
const labelFontPx = 12;
const labelFont = `${labelFontPx}px system-ui, sans-serif`;
const labelHeight = 15;

/** Many messages on one directed link: drawn as a band from the rearmost to the frontmost, with a count. */
export interface MessageStream {
  from: string;
  to: string;
  count: number;
  /** The messages' common type, or "messages" when they differ. */
  label: string;
  rear: Point;
  front: Point;
}

/** Groups messages by directed link; links carrying burstMin or more become streams. */
export function messageStreams(
  messages: readonly FrameMessage[],
  points: readonly (Point | null)[],
): { streams: MessageStream[]; single: number[] } {
  const byLink = new Map<string, number[]>();
  messages.forEach((message, index) => {
    if (!points[index]) return;
    const key = `${message.from}>${message.to}`;
    const list = byLink.get(key);
    if (list) list.push(index);
    else byLink.set(key, [index]);
  });
  const streams: MessageStream[] = [];
  const single: number[] = [];
  for (const indices of byLink.values()) {
    if (indices.length < burstMin) {
      single.push(...indices);
      continue;
    }
    const first = messages[indices[0]!]!;
    // The rearmost message is the one sent last; the frontmost will arrive first.
    let rear = indices[0]!;
    let front = indices[0]!;
    for (const index of indices) {
      if (messages[index]!.sentAt > messages[rear]!.sentAt) rear = index;
      if (messages[index]!.deliverAt < messages[front]!.deliverAt) front = index;
    }
    const labels = new Set(indices.map((index) => messageType(messages[index]!.label)));
    streams.push({
      from: first.from,
      to: first.to,
      count: indices.length,
      label: labels.size === 1 ? [...labels][0]! : 'messages',
      rear: points[rear]!,
      front: points[front]!,
    });
  }
  return { streams, single };
}

/** "AppendEntries t2 ×1" → "AppendEntries": a stream's messages share a type, not every detail. */
export function messageType(label: string): string {
  return label.split(' ')[0]!;
}

/** A label drawn on the canvas: its text and where its box went. */
export interface CanvasLabel {
  text: string;
  box: Box;
}

/**
 * Where message and stream labels go: beside their dot or the stream's front, clear of the nodes, the
 * node labels (`obstacles`) and each other. A label that fits nowhere is left out.
 */
export function placeMessageLabels(
  items: readonly { at: Point; texts: readonly { text: string; width: number }[] }[],
  obstacles: readonly Box[],
  view: { width: number; height: number },
): CanvasLabel[] {
  const taken = [...obstacles];
  const placed: CanvasLabel[] = [];
  for (const item of items) {
    // The full text if it fits, else the shorter forms ("×6" for "×6 append").
    for (const { text, width } of item.texts) {
      const [box] = placeLabels(
        [{ width, height: labelHeight, candidates: labelCorners(item.at, width) }],
        taken,
        view,
      );
      if (box) {
        taken.push(box);
        placed.push({ text, box });
        break;
      }
    }
  }
  return placed;
}

/** Above the dot first, then below, right and left: above or below leaves the link's dots in view. */
function labelCorners(at: Point, width: number): Point[] {
  const [below, above, right, left] = cornersAround(
    { x: at.x - 4, y: at.y - 4, width: 8, height: 8 },
    width,
    labelHeight,
    2,
  );
  return [above!, below!, right!, left!];
}

export function drawMessages(
  context: CanvasRenderingContext2D,
  messages: readonly FrameMessage[],
  positions: ReadonlyMap<string, Point>,
  now: number,
  nodeRadius: number,
  colours: { text: string; background: string },
  obstacles: readonly Box[],
  view: { width: number; height: number },
): CanvasLabel[] {
  const points = messagePoints(messages, positions, now, nodeRadius);
  const { streams, single } = messageStreams(messages, points);
  // A stream is a translucent band under its dots, so the dots still count one message each.
  context.lineCap = 'round';
  context.lineWidth = 8;
  context.globalAlpha = 0.35;
  for (const stream of streams) {
    context.strokeStyle = messageColour(stream.label);
    context.beginPath();
    context.moveTo(stream.rear.x, stream.rear.y);
    context.lineTo(stream.front.x, stream.front.y);
    context.stroke();
  }
  context.globalAlpha = 1;
  // Many messages: small squares, which are much cheaper to fill than circles.
  const many = messages.length > 300;
  const dot = many ? 2 : 4;
  // One path per colour keeps thousands of dots cheap.
  const byColour = new Map<string, Point[]>();
  messages.forEach((message, index) => {
    const point = points[index];
    if (!point) return;
    const colour = messageColour(message.label);
    const list = byColour.get(colour);
    if (list) list.push(point);
    else byColour.set(colour, [point]);
  });
  for (const [colour, list] of byColour) {
    context.beginPath();
    for (const point of list) {
      if (many) {
        context.rect(point.x - dot, point.y - dot, dot * 2, dot * 2);
      } else {
        context.moveTo(point.x + dot, point.y);
        context.arc(point.x, point.y, dot, 0, Math.PI * 2);
      }
    }
    context.fillStyle = colour;
    context.fill();
  }
  if (streams.length + single.length > maxLabels) return [];
  context.font = labelFont;
  const measure = (text: string) => ({ text, width: Math.ceil(context.measureText(text).width) + 2 });
  const items = [
    // A stream's count sits at its middle, where there is most room between the two nodes.
    ...streams.map((stream) => ({
      at: lerp(stream.rear, stream.front, 0.5),
      texts: [measure(`×${stream.count} ${stream.label}`), measure(`×${stream.count}`)],
    })),
    ...single.map((index) => ({ at: points[index]!, texts: [measure(messages[index]!.label)] })),
  ];
  const labels = placeMessageLabels(items, obstacles, view);
  context.textBaseline = 'middle';
  for (const label of labels) {
    // A backing the colour of the page keeps the text readable over links and other dots.
    context.fillStyle = colours.background;
    context.globalAlpha = 0.8;
    context.fillRect(label.box.x, label.box.y, label.box.width, label.box.height);
    context.globalAlpha = 1;
    context.fillStyle = colours.text;
    context.fillText(label.text, label.box.x + 1, label.box.y + label.box.height / 2);
  }
  return labels;
}

/**
 * With reduced motion, messages do not fly: each directed link shows how many messages are on their way,
 * as a badge near the receiver. Larger clusters get one badge per receiving node instead.
 */
export function inFlightBadges(
  messages: readonly FrameMessage[],
  positions: ReadonlyMap<string, Point>,
  nodeRadius: number,
  perLink: boolean,
): { key: string; at: Point; count: number; label: string }[] {
  const counts = new Map<string, { from: string | null; to: string; count: number; labels: Set<string> }>();
  for (const message of messages) {
    const key = perLink ? `${message.from}>${message.to}` : message.to;
    const entry = counts.get(key) ?? {
      from: perLink ? message.from : null,
      to: message.to,
      count: 0,
      labels: new Set<string>(),
    };
    entry.count++;
    entry.labels.add(message.label);
    counts.set(key, entry);
  }
  const badges: { key: string; at: Point; count: number; label: string }[] = [];
  for (const [key, entry] of counts) {
    const to = positions.get(entry.to);
    if (!to) continue;
    const from = entry.from ? positions.get(entry.from) : null;
    const labels = [...entry.labels].join(', ');
    if (from) {
      const distance = Math.hypot(to.x - from.x, to.y - from.y) || 1;
      const back = nodeRadius + 12;
      const ux = (from.x - to.x) / distance;
      const uy = (from.y - to.y) / distance;
      badges.push({
        key,
        at: { x: to.x + ux * back - uy * laneOffset * 3, y: to.y + uy * back + ux * laneOffset * 3 },
        count: entry.count,
        label: `${entry.count} ${labels} from ${entry.from} to ${entry.to}`,
      });
    } else {
      badges.push({
        key,
        at: { x: to.x + nodeRadius, y: to.y - nodeRadius },
        count: entry.count,
        label: `${entry.count} messages on their way to ${entry.to}`,
      });
    }
  }
  return badges;
}
