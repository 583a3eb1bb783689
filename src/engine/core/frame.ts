/**
 * A frame is what the page sees of a simulation at one instant: plain, serializable data that the worker
 * posts to the page at animation rate. Views draw frames; they never reach into the engine.
 */
import type { Action } from '../scenarios/schema';
import type { Note, NodeStatus, Simulation } from './simulation';
import type { CheckResult, HistoryOperation, NodeId, NodeView } from './types';

export interface FrameNode {
  id: NodeId;
  region: string | null;
  status: NodeStatus;
  /** The node's local clock reading, which may differ from true time. */
  clock: number;
  view: NodeView;
}

export interface FrameMessage {
  id: number;
  from: NodeId;
  to: NodeId;
  label: string;
  sentAt: number;
  deliverAt: number;
}

export interface FrameCounters {
  events: number;
  messagesSent: number;
  messagesDelivered: number;
  messagesDropped: number;
  operations: number;
  succeeded: number;
  failed: number;
  indeterminate: number;
}

export interface Frame {
  simulationId: string;
  scenarioId: string;
  seed: number;
  now: number;
  /** The furthest time this run has reached; the scrubber's right end. */
  horizon: number;
  durationMs: number;
  playing: boolean;
  speed: number;
  nodes: FrameNode[];
  messages: FrameMessage[];
  /** Directed links that are cut. */
  cuts: [NodeId, NodeId][];
  notes: Note[];
  history: HistoryOperation[];
  counters: FrameCounters;
  checks: CheckResult[];
  commands: Action[];
  digest: string;
}

export interface FrameContext {
  simulationId: string;
  horizon: number;
  playing: boolean;
  speed: number;
  commands: Action[];
  checks: CheckResult[];
}

export function buildFrame(sim: Simulation, context: FrameContext): Frame {
  const w = sim.world;
  const nodes = w.nodes.map(
    (node): FrameNode => ({
      id: node.id,
      region: node.region,
      status: node.status,
      clock: sim.clockOf(node).now,
      view: sim.protocol.describeNode(node.state, node.up),
    }),
  );
  const messages: FrameMessage[] = [];
  for (const event of sim.pendingEvents()) {
    if (event.kind === 'deliver') {
      messages.push({ id: event.messageId, from: event.from, to: event.to, label: event.label, sentAt: event.sentAt, deliverAt: event.time });
    }
  }
  messages.sort((a, b) => a.id - b.id);
  const cuts = Object.keys(w.cuts).map((key) => key.split('>') as [NodeId, NodeId]);
  let succeeded = 0;
  let failed = 0;
  let indeterminate = 0;
  for (const op of w.history) {
    if (op.ok === true) succeeded++;
    else if (op.ok === false) failed++;
    else if (op.complete !== null || op.error) indeterminate++;
  }
  return {
    simulationId: context.simulationId,
    scenarioId: sim.scenario.id,
    seed: sim.scenario.seed,
    now: w.now,
    horizon: Math.max(context.horizon, w.now),
    durationMs: sim.scenario.durationMs,
    playing: context.playing,
    speed: context.speed,
    nodes,
    messages,
    cuts,
    notes: w.notes.slice(-200),
    history: w.history.slice(-1000),
    counters: {
      events: w.counters.events,
      messagesSent: w.counters.messagesSent,
      messagesDelivered: w.counters.messagesDelivered,
      messagesDropped: w.counters.messagesDropped,
      operations: w.history.length,
      succeeded,
      failed,
      indeterminate,
    },
    checks: [...w.violations, ...context.checks],
    commands: context.commands,
    digest: w.digest.toString(16).padStart(8, '0'),
  };
}
