/**
 * Where things are drawn, as pure functions of the frame. A message's position is computed from
 * (sentAt, deliverAt, now) every frame instead of being animated, so scrubbing to any time shows exactly
 * where every message was at that instant.
 */
export interface Point {
  x: number;
  y: number;
}

/** How far along its journey a message is at `now`: 0 when sent, 1 on delivery, clamped to [0, 1]. */
export function messageProgress(sentAt: number, deliverAt: number, now: number): number {
  if (deliverAt <= sentAt) return now >= deliverAt ? 1 : 0;
  const progress = (now - sentAt) / (deliverAt - sentAt);
  return Math.min(1, Math.max(0, progress));
}

/**
 * The segment a message travels: from the sender's edge to the receiver's edge (not centre to centre),
 * shifted sideways by `laneOffset` so the two directions of a link do not draw on top of each other.
 */
export function messageTrack(from: Point, to: Point, nodeRadius: number, laneOffset: number): [Point, Point] {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy);
  if (length === 0) return [from, to];
  const ux = dx / length;
  const uy = dy / length;
  // Perpendicular to the direction of travel, to the right of it in screen coordinates.
  const px = -uy * laneOffset;
  const py = ux * laneOffset;
  const inset = Math.min(nodeRadius, length / 2);
  return [
    { x: from.x + ux * inset + px, y: from.y + uy * inset + py },
    { x: to.x - ux * inset + px, y: to.y - uy * inset + py },
  ];
}

export function lerp(a: Point, b: Point, t: number): Point {
  return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
}

/** The message's point at `now` along its track. */
export function messagePoint(
  from: Point,
  to: Point,
  message: { sentAt: number; deliverAt: number },
  now: number,
  nodeRadius = 0,
  laneOffset = 0,
): Point {
  const [start, end] = messageTrack(from, to, nodeRadius, laneOffset);
  return lerp(start, end, messageProgress(message.sentAt, message.deliverAt, now));
}

/** Index of the point nearest to `target` within `maxDistance`, or -1. */
export function nearestPoint(points: readonly Point[], target: Point, maxDistance: number): number {
  let best = -1;
  let bestDistance = maxDistance * maxDistance;
  points.forEach((point, index) => {
    const distance = (point.x - target.x) ** 2 + (point.y - target.y) ** 2;
    if (distance <= bestDistance) {
      best = index;
      bestDistance = distance;
    }
  });
  return best;
}
