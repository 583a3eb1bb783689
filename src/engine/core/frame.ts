/**
 * A frame is what the page sees of a simulation at one instant: plain, serializable data that the worker
 * posts to the page at animation rate. Views draw frames; they never reach into the engine.
 */
import type { Moment } from './moment';
import { runEndMs, type Action } from './schema';
import type { MetricSample } from './metrics';
import type { Simulation } from './simulation';
import { isUp, type Note, type NodeStatus } from './world';
import { traceEntries, type TraceEntry } from './trace';
import type { CheckResult, ClusterTopology, HistoryOperation, NodeId, NodeView } from './types';

/**
 * A live timer the protocol wants drawn (Protocol.drawnTimers): `name` is its kind; it was set at `setAt`
 * and fires at `deadline` (simulated ms).
 */
export interface FrameTimer {
  name: string;
  setAt: number;
  deadline: number;
}

export interface FrameNode {
  id: NodeId;
  region: string | null;
  status: NodeStatus;
  /** The node's local clock reading, which may differ from true time. */
  clock: number;
  view: NodeView;
  /** The node's live timers among the protocol's drawnTimers, soonest first. */
  timers: FrameTimer[];
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

export interface FrameMetrics {
  /** Width of each sample's window in simulated ms. */
  intervalMs: number;
  /** The most recent samples, oldest first (each covers (at − intervalMs, at]). */
  samples: MetricSample[];
}

/** Something went wrong running this simulation (e.g. a protocol handler threw); the run was rewound to `at`. */
export interface SimulationError {
  message: string;
  /** The last good simulated time, where the run now stands. */
  at: number;
}

/** A moment a playing run was told to pause at (src/engine/analysis/moments.ts), and when it happened. */
export interface ReachedMoment {
  moment: Moment;
  /** Simulated ms. */
  at: number;
}

export interface Frame {
  simulationId: string;
  scenarioId: string;
  seed: number;
  now: number;
  /** The furthest time this run has reached; the scrubber's right end. */
  horizon: number;
  /** Where the run ends: the scenario's duration plus any "Keep running" in the command log. */
  durationMs: number;
  playing: boolean;
  speed: number;
  nodes: FrameNode[];
  messages: FrameMessage[];
  /** Directed links that are cut. */
  cuts: [NodeId, NodeId][];
  /** Who sends messages to whom (the protocol's topology, or all-to-all when it declares none). */
  topology: ClusterTopology;
  notes: Note[];
  history: HistoryOperation[];
  counters: FrameCounters;
  metrics: FrameMetrics;
  /** The last events the engine processed, oldest first. */
  trace: TraceEntry[];
  checks: CheckResult[];
  commands: Action[];
  digest: string;
  error: SimulationError | null;
  /**
   * Where the drawing stands, in simulated ms: `now` plus the fraction of a millisecond the player has
   * already played towards the next one, so messages glide in slow motion instead of jumping whole ms.
   */
  drawAt: number;
  /** Set when playing just stopped at an armed moment; cleared by the student's next action. */
  reached: ReachedMoment | null;
}

export interface FrameContext {
  simulationId: string;
  horizon: number;
  playing: boolean;
  speed: number;
  commands: readonly Action[];
  /** Results of a checker run at this instant; without them the frame lists the invariant violations so far. */
  checks?: CheckResult[];
  error?: SimulationError | null;
  reached?: ReachedMoment | null;
  /** See Frame.drawAt; defaults to the simulated time. */
  drawAt?: number;
}

/** How much of the growing lists a frame carries. */
export const frameLimits = { notes: 200, history: 1000, samples: 480, trace: 64 } as const;

export function formatDigest(digest: number): string {
  return digest.toString(16).padStart(8, '0');
}

export function buildFrame(sim: Simulation, context: FrameContext): Frame {
  const w = sim.world;
  const drawnTimers = sim.protocol.drawnTimers ?? [];
  const nodes = w.nodes.map((node): FrameNode => ({
    id: node.id,
    region: node.region,
    status: node.status,
    clock: sim.clockOf(node).now,
    view: sim.protocol.describeNode(node.state, isUp(node)),
    timers: [],
  }));
  const messages: FrameMessage[] = [];
  // In flight, plus those that reached a paused node and wait there (their deliverAt is in the past).
  const waiting = w.nodes.flatMap((node) => node.held);
  for (const event of [...sim.pendingEvents(), ...waiting]) {
    if (event.kind === 'timer' && drawnTimers.includes(event.timer.kind)) {
      const node = sim.node(event.node);
      // A timer that was reset or cancelled stays queued but no longer counts.
      if (node.status === 'up' && node.timers[event.key] === event.token)
        nodes[node.index]!.timers.push({ name: event.timer.kind, setAt: event.setAt, deadline: event.time });
    }
    if (event.kind === 'deliver') {
      messages.push({
        id: event.messageId,
        from: event.from,
        to: event.to,
        label: event.label,
        sentAt: event.sentAt,
        deliverAt: event.time,
      });
    }
  }
  messages.sort((a, b) => a.id - b.id);
  for (const node of nodes) node.timers.sort((a, b) => a.deadline - b.deadline);
  const cuts = Object.keys(w.cuts).map((key) => key.split('>') as [NodeId, NodeId]);
  const { counters } = w;
  return {
    simulationId: context.simulationId,
    scenarioId: sim.scenario.id,
    seed: sim.scenario.seed,
    now: w.now,
    horizon: Math.max(context.horizon, w.now),
    durationMs: runEndMs(sim.scenario.durationMs, context.commands),
    playing: context.playing,
    speed: context.speed,
    nodes,
    messages,
    cuts,
    topology: topologyOf(sim, nodes),
    notes: w.notes.slice(-frameLimits.notes),
    history: w.history.slice(-frameLimits.history),
    counters: {
      events: counters.events,
      messagesSent: counters.messagesSent,
      messagesDelivered: counters.messagesDelivered,
      messagesDropped: counters.messagesDropped,
      operations: w.history.length,
      succeeded: counters.operationsSucceeded,
      failed: counters.operationsFailed,
      indeterminate: counters.operationsIndeterminate,
    },
    metrics: { intervalMs: sim.metricsIntervalMs, samples: w.samples.slice(-frameLimits.samples) },
    trace: traceEntries(w.trace).slice(-frameLimits.trace),
    checks: context.checks ?? [...w.violations],
    commands: [...context.commands],
    digest: formatDigest(w.digest),
    error: context.error ?? null,
    reached: context.reached ?? null,
    drawAt: context.drawAt ?? w.now,
  };
}

/** Who sends messages to whom now: the protocol's topology, or all-to-all when it declares none. */
export function topologyOf(
  sim: Simulation,
  nodes: readonly Pick<FrameNode, 'id' | 'view'>[],
): ClusterTopology {
  const ids = nodes.map((node) => node.id);
  if (!sim.protocol.topology) return { shape: 'all-to-all', order: ids };
  return sim.protocol.topology({
    params: sim.params,
    nodes: ids,
    views: new Map(nodes.map((node) => [node.id, node.view])),
  });
}
