/**
 * A compact record of every event the engine processed, for inspecting and comparing runs. The world
 * keeps the last few hundred in a ring (so frames can show "what just happened"); the CLI can record
 * all of them with --trace.
 */
import type { NodeId } from './types';

export type TraceKind =
  'start' | 'deliver' | 'timer' | 'request' | 'reply' | 'client-timeout' | 'client-next' | 'action' | 'wake';

export interface TraceEntry {
  /** 1 for the first event of the run, 2 for the next… (counters.events after it). */
  index: number;
  /** Simulated ms. */
  at: number;
  kind: TraceKind;
  /** Where it happened: the receiving node, the timer's node, the request's target. */
  node: NodeId | null;
  /** The other party: a message's sender, a request's client. */
  from: string | null;
  /** A message label, timer name, operation, reply outcome or action, in a word or two. */
  label: string;
  /** For a delivery: the message's id (what a dropMessage action names). */
  messageId: number | null;
  /** For a delivery: when the message was sent, so views can draw messages no frame caught in flight. */
  sentAt: number | null;
  /** False when the event found nothing to act on: a crashed receiver, a cut link, a cancelled timer. */
  handled: boolean;
}

export interface TraceRing {
  capacity: number;
  /** Index in `entries` the next entry is written to. */
  next: number;
  entries: TraceEntry[];
}

export function createTraceRing(capacity: number): TraceRing {
  return { capacity, next: 0, entries: [] };
}

/**
 * The slot for the next entry, to be filled in place (the oldest entry's object once the ring is full),
 * so tracing allocates nothing per event in steady state. Without capacity, a throwaway entry.
 */
export function nextTraceSlot(ring: TraceRing): TraceEntry {
  if (ring.capacity <= 0) return blankEntry();
  let slot = ring.entries[ring.next];
  if (!slot) ring.entries[ring.next] = slot = blankEntry();
  ring.next = ring.next + 1 === ring.capacity ? 0 : ring.next + 1;
  return slot;
}

function blankEntry(): TraceEntry {
  return {
    index: 0,
    at: 0,
    kind: 'start',
    node: null,
    from: null,
    label: '',
    messageId: null,
    sentAt: null,
    handled: true,
  };
}

/** The ring's entries from oldest to newest. */
export function traceEntries(ring: TraceRing): TraceEntry[] {
  const ordered =
    ring.entries.length < ring.capacity
      ? ring.entries
      : [...ring.entries.slice(ring.next), ...ring.entries.slice(0, ring.next)];
  return ordered.map((entry) => ({ ...entry }));
}

/** One line per entry, e.g. "   1520 #4411 deliver n3 ← n1 update". */
export function formatTraceEntry(entry: TraceEntry): string {
  const where =
    entry.node === null ? '' : entry.from === null ? ` ${entry.node}` : ` ${entry.node} ← ${entry.from}`;
  const outcome = entry.handled ? '' : ' (not handled)';
  const message = entry.messageId === null ? '' : ` (message ${entry.messageId})`;
  return `${String(entry.at).padStart(8)} #${entry.index} ${entry.kind}${where} ${entry.label}${message}${outcome}`;
}
