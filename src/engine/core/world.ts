/**
 * What a run is made of: the world (all mutable state, plain data so a checkpoint is a deep copy), the
 * events that change it, and the interface the loop offers to the parts of the engine that act on it
 * (network.ts, faults.ts, workload.ts).
 */
import type { Action, ClientOp, ClockSpec, Latency, Scenario } from './schema';
import type { Scheduled } from './eventQueue';
import type { MetricSample, MetricWindow } from './metrics';
import { hashString, type RandomState } from './random';
import type { TraceRing } from './trace';
import type {
  AnyProtocol,
  CheckResult,
  ClientRequest,
  ClientReply,
  HandlerContext,
  HistoryOperation,
  NodeId,
  NodeState,
  StoredState,
  Timer,
} from './types';

/** Lanes order events that share a time: the engine's own first, then the fault schedule, then user commands. */
export const Lane = { engine: 0, schedule: 1, command: 2 } as const;

export type SimEvent = Scheduled &
  (
    | { kind: 'start'; node: NodeId }
    | {
        kind: 'deliver';
        messageId: number;
        from: NodeId;
        to: NodeId;
        message: unknown;
        label: string;
        sentAt: number;
      }
    | {
        kind: 'timer';
        node: NodeId;
        timer: Timer;
        key: string;
        token: number;
        incarnation: number;
        setAt: number;
      }
    | { kind: 'request'; node: NodeId; requestId: number }
    | { kind: 'reply'; requestId: number; reply: ClientReply; from: NodeId }
    | { kind: 'client-timeout'; requestId: number }
    | { kind: 'client-next'; client: string }
    | { kind: 'action'; action: Action }
    | { kind: 'wake'; node: NodeId }
  );

export type NodeStatus = 'up' | 'crashed' | 'paused';

export interface NodeRuntime {
  id: NodeId;
  /** Position in the scenario's node list. */
  index: number;
  region: string | null;
  clock: ClockSpec;
  /** Whether the node is up is its status: see isUp. */
  status: NodeStatus;
  pausedUntil: number;
  /** Events that reached this node while it was paused, in arrival order; they run when it resumes. */
  held: SimEvent[];
  slowFactor: number;
  slowUntil: number;
  /** Bumped on every crash so timers set before the crash never fire afterwards. */
  incarnation: number;
  /** `volatile` is null while the node is crashed. */
  state: StoredState<unknown, unknown>;
  /** The timers set and not yet fired or cancelled: each one's token, by timerKey. */
  timers: Record<string, number>;
  random: RandomState;
}

export interface PendingRequest {
  request: ClientRequest;
  historyIndex: number;
  target: NodeId;
  attempts: number;
}

export interface ClientRuntime {
  id: string;
  home: NodeId;
  session: unknown;
  fromWorkload: boolean;
  current: PendingRequest | null;
  queued: ClientOp[];
}

/** A message as it leaves its sender. */
export interface SentMessage {
  id: number;
  from: NodeId;
  to: NodeId;
  label: string;
  /** Simulated ms. */
  at: number;
}

export interface Note {
  at: number;
  node: NodeId | null;
  text: string;
}

export interface Counters {
  events: number;
  messagesSent: number;
  messagesDelivered: number;
  messagesDropped: number;
  messagesDuplicated: number;
  /** Finished client operations by outcome (pending ones are in none of these). */
  operationsSucceeded: number;
  operationsFailed: number;
  operationsIndeterminate: number;
}

/**
 * All mutable state of a run. Plain data only (see copy.ts): a checkpoint is a deep copy of it.
 * `history`, `notes`, `violations` and `samples` only grow (history entries of open operations are
 * completed in place), so checkpoints store their lengths instead of copying them.
 */
export interface World {
  now: number;
  seq: number;
  nextMessageId: number;
  nextRequestId: number;
  nextTimerToken: number;
  nextWriteValue: number;
  queue: SimEvent[];
  nodes: NodeRuntime[];
  clients: ClientRuntime[];
  /** Directed links that are cut, as "from>to". */
  cuts: Record<string, true>;
  latency: Latency;
  lossRate: number;
  random: { network: RandomState; faults: RandomState; workload: RandomState };
  counters: Counters;
  digest: number;
  /** End of the metrics window now open. */
  nextSampleAt: number;
  window: MetricWindow;
  trace: TraceRing;
  /** What invariants that watch the whole run have seen, by protocol (InvariantContext.observations). */
  observations: Record<string, unknown>;
  history: HistoryOperation[];
  notes: Note[];
  violations: CheckResult[];
  samples: MetricSample[];
}

/** The parts of the world that only grow. */
export type AppendOnlyLists = Pick<World, 'history' | 'notes' | 'violations' | 'samples'>;

/** A point a run can be restored to; see Simulation.checkpoint. */
export interface Checkpoint {
  at: number;
  events: number;
  commandCount: number;
  /** The world without its append-only lists. */
  world: World;
  /** Rough memory the checkpoint holds. */
  approximateBytes: number;
  lengths: { history: number; notes: number; violations: number; samples: number };
  /** Copies of the history entries still open (they are completed in place later). */
  openOperations: { index: number; operation: HistoryOperation }[];
}

/**
 * What the network, fault and client parts of a run need from the loop. `world` is read through this
 * interface on every use, because restoring a checkpoint replaces it.
 */
export interface Engine {
  readonly scenario: Scenario;
  readonly protocol: AnyProtocol;
  readonly nodeIds: readonly NodeId[];
  readonly params: unknown;
  readonly world: World;
  /** Sees every message a node sends, before the network may lose it; never affects the run. */
  readonly onSend: ((message: SentMessage) => void) | null;
  node(id: NodeId): NodeRuntime;
  /** Queues an engine event `delay` ms from now; the literal's time, lane and seq are overwritten. */
  schedule(event: SimEvent, delay: number): void;
  /** Removes and returns the queued events that match. */
  removeQueued(matches: (event: SimEvent) => boolean): SimEvent[];
  /** The context for one handler on `node`, or null when it is not up; `endHandler` applies its effects. */
  beginHandler(node: NodeRuntime): HandlerContext<unknown, unknown> | null;
  endHandler(node: NodeRuntime): void;
  /** Runs the protocol's onStart on `node` (at time 0, and on restart). */
  startNode(node: NodeRuntime): void;
}

/** Folds a value into the run's digest (FNV-style multiply, then a shift to spread the bits). */
export function mixDigest(hash: number, value: number): number {
  hash ^= value | 0;
  hash = Math.imul(hash, 0x01000193);
  hash ^= hash >>> 15;
  return hash >>> 0;
}

export function hashValue(value: unknown): number {
  if (value === null || value === undefined) return 0x6e756c6c;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  return hashString(typeof value === 'string' ? value : JSON.stringify(value));
}

/** Up: neither crashed nor paused, so its handlers run and its memory is there. */
export function isUp(node: { status: NodeStatus }): boolean {
  return node.status === 'up';
}

/**
 * The state a handler gets. Only an up node runs handlers (beginHandler), and an up node always has its
 * memory: the engine drops it on a crash and rebuilds it with initVolatile on restart, before the node is
 * up again. (A protocol's volatile state may itself be null, as broadcast's is, so null cannot be checked.)
 */
export function handlerState(node: NodeRuntime): NodeState<unknown, unknown> {
  return node.state as NodeState<unknown, unknown>;
}

export function nodeIdsOf(scenario: Scenario): NodeId[] {
  return typeof scenario.nodes === 'number'
    ? Array.from({ length: scenario.nodes }, (_, i) => `n${i + 1}`)
    : scenario.nodes.map((node) => node.id);
}
