/**
 * Messages in flight, drawn on a canvas because a busy cluster has thousands of them. Positions come
 * from messagePoint (sentAt, deliverAt, now), the same function the click hit-test uses.
 */
import type { FrameMessage } from '../../engine/core/frame';
import { messagePoint, nearestPoint, type Point } from '../shared/geometry';
import { messageColour } from '../shared/palette';

/** Distance between the two directions of a link, in px. */
export const laneOffset = 3;
/** Messages carry their label only while there are few enough to read. */
const maxLabelled = 24;

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

export function drawMessages(
  context: CanvasRenderingContext2D,
  messages: readonly FrameMessage[],
  positions: ReadonlyMap<string, Point>,
  now: number,
  nodeRadius: number,
  textColour: string,
): void {
  const points = messagePoints(messages, positions, now, nodeRadius);
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
  if (messages.length > maxLabelled) return;
  context.font = '11px system-ui, sans-serif';
  context.fillStyle = textColour;
  context.textBaseline = 'middle';
  messages.forEach((message, index) => {
    const point = points[index];
    if (point) context.fillText(message.label, point.x + dot + 3, point.y);
  });
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
