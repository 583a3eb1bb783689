/**
 * A bounded record of recent messages for the space-time diagram, built from successive frames: each
 * message is recorded (from, to, sentAt, deliverAt) the first time a frame shows it in flight, and its
 * fate is settled when it leaves the in-flight set. A message sent and delivered between two frames is
 * taken from the engine's trace of recent events, which carries its send time. Only at high speeds, when
 * more events pass between two frames than the trace holds, are some missed; the log counts those events.
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
  /** Index of the newest trace entry seen, to notice events that passed between frames beyond the trace. */
  lastTraceIndex: number;
  /** Events that happened between two frames beyond the trace's reach, by the frame time they were noticed. */
  missed: { at: number; events: number }[];
  now: number;
  capacity: number;
}

export interface FrameSlice {
  now: number;
  messages: readonly FrameMessage[];
  nodes: readonly Pick<FrameNode, 'id' | 'status'>[];
  cuts: readonly (readonly [string, string])[];
  /** The engine's latest events: a delivery there says for certain whether the receiver took the message. */
  trace?: readonly Pick<
    TraceEntry,
    'index' | 'kind' | 'at' | 'node' | 'from' | 'label' | 'messageId' | 'sentAt' | 'handled'
  >[];
}

export function createMessageLog(capacity = 4000): MessageLog {
  return { byId: new Map(), inFlight: new Set(), lastTraceIndex: 0, missed: [], now: 0, capacity };
}

export function clearMessageLog(log: MessageLog): void {
  log.byId.clear();
  log.inFlight.clear();
  log.lastTraceIndex = 0;
  log.missed = [];
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
  const trace = frame.trace ?? [];
  const firstIndex = trace[0]?.index;
  if (firstIndex !== undefined && log.lastTraceIndex > 0 && firstIndex > log.lastTraceIndex + 1) {
    log.missed.push({ at: frame.now, events: firstIndex - log.lastTraceIndex - 1 });
  }
  for (const entry of trace) {
    log.lastTraceIndex = Math.max(log.lastTraceIndex, entry.index);
    if (entry.kind !== 'deliver' || entry.messageId === null) continue;
    received.set(entry.messageId, entry);
    if (
      !log.byId.has(entry.messageId) &&
      entry.sentAt !== null &&
      entry.node !== null &&
      entry.from !== null
    ) {
      log.byId.set(entry.messageId, {
        id: entry.messageId,
        from: entry.from,
        to: entry.node,
        label: entry.label,
        sentAt: entry.sentAt,
        deliverAt: entry.at,
        fate: entry.handled ? 'delivered' : 'dropped',
        droppedAt: entry.handled ? null : entry.at,
      });
    }
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
  log.missed = log.missed.filter((gap) => gap.at <= now);
  // Trace indexes after a seek start from the restored run; take the next frame's as the new baseline.
  log.lastTraceIndex = 0;
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
  if (log.missed.length > log.capacity) log.missed.splice(0, log.missed.length - log.capacity);
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
/** Events that passed between two frames beyond the trace's reach during [from, to], so were not drawn. */
export function missedEventsInWindow(log: MessageLog, from: number, to: number): number {
  let count = 0;
  for (const gap of log.missed) if (gap.at >= from && gap.at <= to) count += gap.events;
  return count;
}
