/**
 * A bounded record of recent messages for the space-time diagram, built from successive frames: each
 * message is recorded (from, to, sentAt, deliverAt) the first time a frame shows it in flight, and its
 * fate is settled when it leaves the in-flight set. Frames only show messages in flight at the instant
 * they were taken, so a message sent and delivered between two frames never appears here; at slow
 * speeds that is rare, at high speeds the diagram thins out.
 *
 * The log is mutable (it is rebuilt on every frame at animation rate); views read it after each frame.
 */
import type { FrameMessage, FrameNode } from '../../engine/core/frame';
import type { TraceEntry } from '../../engine/core/trace';

export type MessageFate = 'in-flight' | 'delivered' | 'dropped';

export interface LoggedMessage {
  id: number;
  from: string;
  to: string;
  label: string;
  sentAt: number;
  deliverAt: number;
  fate: MessageFate;
  /** When the message was dropped: its delivery time, or the frame time when it vanished early. */
  droppedAt: number | null;
}

export interface MessageLog {
  /** In order of first sighting, which is close to send order: eviction takes from the front. */
  byId: Map<number, LoggedMessage>;
  /** Ids of the messages in flight at the last frame, so each frame only checks those for their fate. */
  inFlight: Set<number>;
  /**
   * Deliveries the engine's trace reported for messages no frame caught in flight (sent and delivered
   * between two frames), by id → delivery time. They cannot be drawn (their send time is unknown), but
   * the diagram says how many there were.
   */
  unseen: Map<number, number>;
  now: number;
  capacity: number;
}

export interface FrameSlice {
  now: number;
  messages: readonly FrameMessage[];
  nodes: readonly Pick<FrameNode, 'id' | 'status'>[];
  cuts: readonly (readonly [string, string])[];
  /** The engine's latest events: a delivery there says for certain whether the receiver took the message. */
  trace?: readonly Pick<TraceEntry, 'kind' | 'at' | 'messageId' | 'handled'>[];
}

export function createMessageLog(capacity = 4000): MessageLog {
  return { byId: new Map(), inFlight: new Set(), unseen: new Map(), now: 0, capacity };
}

export function clearMessageLog(log: MessageLog): void {
  log.byId.clear();
  log.inFlight.clear();
  log.unseen.clear();
  log.now = 0;
}

export function recordFrame(log: MessageLog, frame: FrameSlice): void {
  if (frame.now < log.now) rewind(log, frame.now);
  const inFlight = new Set<number>();
  for (const message of frame.messages) {
    inFlight.add(message.id);
    const known = log.byId.get(message.id);
    if (known) {
      // A message to a paused node waits: the engine moves its delivery later.
      known.deliverAt = message.deliverAt;
      known.fate = 'in-flight';
      known.droppedAt = null;
    } else {
      log.byId.set(message.id, { ...message, fate: 'in-flight', droppedAt: null });
    }
  }
  const received = new Map<number, { at: number; handled: boolean }>();
  for (const entry of frame.trace ?? []) {
    if (entry.kind !== 'deliver' || entry.messageId === null) continue;
    received.set(entry.messageId, entry);
    if (!log.byId.has(entry.messageId)) log.unseen.set(entry.messageId, entry.at);
  }
  let crashed: Set<string> | null = null;
  let cut: Set<string> | null = null;
  for (const id of log.inFlight) {
    const message = log.byId.get(id);
    if (!message || inFlight.has(id) || message.fate !== 'in-flight') continue;
    const delivery = received.get(id);
    if (delivery) {
      settle(message, delivery.handled ? 'delivered' : 'dropped', delivery.handled ? null : delivery.at);
      continue;
    }
    // Beyond the trace's reach, judge from the frame: gone early means dropped in flight; arriving at a
    // crashed node or over a cut link means dropped on arrival.
    crashed ??= new Set(frame.nodes.filter((node) => node.status === 'crashed').map((node) => node.id));
    cut ??= new Set(frame.cuts.map(([from, to]) => `${from}>${to}`));
    if (frame.now < message.deliverAt) settle(message, 'dropped', frame.now);
    else if (crashed.has(message.to) || cut.has(`${message.from}>${message.to}`))
      settle(message, 'dropped', message.deliverAt);
    else settle(message, 'delivered', null);
  }
  log.inFlight = inFlight;
  log.now = frame.now;
  evict(log);
}

function settle(message: LoggedMessage, fate: MessageFate, droppedAt: number | null): void {
  message.fate = fate;
  message.droppedAt = droppedAt;
}

/** Scrubbing back: forget what has not happened yet at `now`, and reopen messages still in flight then. */
function rewind(log: MessageLog, now: number): void {
  for (const [id, at] of log.unseen) if (at > now) log.unseen.delete(id);
  for (const [id, message] of log.byId) {
    if (message.sentAt > now) {
      log.byId.delete(id);
      log.inFlight.delete(id);
    } else if (message.deliverAt > now || (message.droppedAt !== null && message.droppedAt > now)) {
      settle(message, 'in-flight', null);
      log.inFlight.add(id);
    }
  }
}

/** Drops the earliest-seen settled messages until the log fits; messages in flight always stay. */
function evict(log: MessageLog): void {
  for (const id of log.unseen.keys()) {
    if (log.unseen.size <= log.capacity) break;
    log.unseen.delete(id);
  }
  if (log.byId.size <= log.capacity) return;
  for (const [id, message] of log.byId) {
    if (log.byId.size <= log.capacity) break;
    if (message.fate !== 'in-flight') log.byId.delete(id);
  }
}

/** Messages whose journey overlaps [from, to], oldest first. */
export function messagesInWindow(log: MessageLog, from: number, to: number): LoggedMessage[] {
  const result: LoggedMessage[] = [];
  for (const message of log.byId.values()) {
    const end = message.droppedAt ?? message.deliverAt;
    if (end >= from && message.sentAt <= to) result.push(message);
  }
  return result.sort((a, b) => a.sentAt - b.sentAt || a.id - b.id);
}

/** How many deliveries in [from, to] happened between frames and are missing from the diagram. */
export function unseenInWindow(log: MessageLog, from: number, to: number): number {
  let count = 0;
  for (const at of log.unseen.values()) if (at >= from && at <= to) count++;
  return count;
}
