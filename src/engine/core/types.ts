/**
 * The contract between the engine and a protocol.
 *
 * A protocol is a set of handlers over one node's state. Handlers never act on the world directly:
 * they mutate their own node's state and emit effects through the context (send, broadcast, timers,
 * replies, notes). The engine owns time, the network, faults and randomness, so the same protocol
 * code runs under every fault schedule, in Node tests and in the browser worker.
 */
import type { z } from 'zod';
import type { Random } from './random';
import type { TransactionalHistory } from './transactions';

export type NodeId = string;
export type ClientId = string;
/** Values clients read and write. Written values are unique per write so histories can be checked. */
export type Value = number | string | null;

/** A client operation as a node receives it. `op` is read/write/cas for key-value protocols; protocols may accept others. */
export interface ClientRequest {
  id: number;
  client: ClientId;
  op: 'read' | 'write' | 'cas' | (string & {});
  key: string;
  value?: Value;
  /** For cas: the value the key must hold for the write to happen. */
  expected?: Value;
  /** Opaque session data the client got from earlier replies (version tokens for read-your-writes). */
  session?: unknown;
  /** Free-form per-request options a protocol understands, e.g. { consistency: 'QUORUM' }. */
  options?: Record<string, unknown>;
}

export type ClientReply =
  | { ok: true; value?: Value; session?: unknown; note?: string }
  | {
      ok: false;
      error: string;
      /** Send the same operation to this node instead (a follower naming its leader). */
      redirectTo?: NodeId;
      /** The node cannot tell whether the operation took effect (e.g. a coordinator timed out waiting for acks). */
      indeterminate?: boolean;
      session?: unknown;
    };

export interface ClockReading {
  /** The node's local clock, in ms. Offset and drift make it differ from true simulated time. */
  now: number;
  /** TrueTime-style interval guaranteed (if the clock is within its bound) to contain true time. */
  earliest: number;
  latest: number;
}

/**
 * A timer as data. Each protocol declares its timers as a union of these, one `kind` per purpose
 * (`{ kind: 'election' } | { kind: 'heartbeat' }`), and its onTimer switches over the kind. A timer that
 * belongs to one thing (a request, a transaction) names it in `id`, so a node can run one per request and
 * cancel exactly one: a node has at most one timer per (kind, id) at a time.
 */
export interface Timer {
  kind: string;
  id?: string | number;
}

/** The name the engine keys a node's timers by, and the label traces show: "election", "timeout:12". */
export function timerKey(timer: Timer): string {
  return timer.id === undefined ? timer.kind : `${timer.kind}:${timer.id}`;
}

/** One effect a handler emitted, as the engine applies it (and as handler unit tests see it). */
export type Effect =
  | { kind: 'send'; to: NodeId; message: unknown }
  | { kind: 'setTimer'; timer: Timer; afterMs: number }
  | { kind: 'cancelTimer'; timer: Timer }
  | { kind: 'reply'; requestId: number; reply: ClientReply }
  | { kind: 'powerOff'; node: NodeId }
  | { kind: 'note'; text: string };

/** What a handler may do. Every call records an effect; the engine applies them after the handler returns. */
export interface Effects<Message, T extends Timer = Timer> {
  send(to: NodeId, message: Message): void;
  /** Sends to every other node. */
  broadcast(message: Message): void;
  /** Starts (or restarts) the timer; it fires after `afterMs` of this node's local time. */
  setTimer(timer: T, afterMs: number): void;
  cancelTimer(timer: T): void;
  reply(requestId: number, reply: ClientReply): void;
  /** Stops a crashed-looking peer from acting (STONITH). The engine crashes that node. */
  powerOff(node: NodeId): void;
  /** A significant event in plain words for the live summary and the trace, e.g. "n2 became leader in term 3". */
  note(text: string): void;
}

export interface HandlerContext<Params, Message, T extends Timer = Timer> extends Effects<Message, T> {
  readonly self: NodeId;
  /** Every node in the cluster, including self, in a stable order. */
  readonly nodes: readonly NodeId[];
  readonly params: Params;
  /** This node's local clock reading. Never true time. */
  readonly clock: ClockReading;
  /** This node's own random stream (e.g. for randomized election timeouts). */
  readonly random: Random;
}

/**
 * A node's state as its handlers see it: `durable` survives crashes (disk); `volatile` (memory) is rebuilt
 * from durable on restart. Handlers only run on a node that is up, so its memory is always there.
 */
export interface NodeState<Durable, Volatile> {
  durable: Durable;
  volatile: Volatile;
}

/**
 * A node's state as views, invariants and gauges see it, whatever the node's status: a crashed node has
 * lost its memory, so `volatile` is null until it restarts (a paused node keeps it).
 */
export interface StoredState<Durable, Volatile> {
  durable: Durable;
  volatile: Volatile | null;
}

/** A node as views, invariants and gauges see it. `up` is false while it is crashed or paused. */
export interface ObservedNode<Durable, Volatile> {
  readonly state: StoredState<Durable, Volatile>;
  readonly up: boolean;
}

/**
 * How many of a log's newest entries a NodeView carries. Frames are posted many times a second, so a view
 * shows the tail of a log, never all of it.
 */
export const logEntriesInView = 12;

/** A log entry as the node-detail view shows it. */
export interface LogEntryView {
  index: number;
  term?: number;
  text: string;
}

/** What the visualizations show of a node. Every field is optional: protocols fill in what they have. */
export interface NodeView {
  role?: string;
  term?: number;
  epoch?: number;
  leader?: NodeId | null;
  kv?: Record<string, Value | Value[]>;
  log?: LogEntryView[];
  commitIndex?: number;
  /** Replication position (e.g. last log index applied from the leader). */
  position?: number;
  /** Anything else worth a line in node detail: locks held, transaction state, vector clock… */
  details?: Record<string, string | number | boolean>;
  /** A server's request queue, drawn beside the node: how many wait, out of how many fit, and what became of the rest. */
  queue?: { waiting: number; capacity: number; served: number; turnedAway: number };
}

/**
 * The shape of who sends messages to whom, so the cluster drawing shows only links that carry messages:
 * - chain: order[0] → order[1] → …; ring: the chain plus order[last] → order[0];
 * - star: order[0] (a balancer, a coordinator) talks to every other node, fixed;
 * - leader-follower: order[0] is the current leader and talks to every other node;
 * - all-to-all: every pair of nodes;
 * - none: no links of its own, only `extraLinks` (nodes that never talk, or a hub that talks to some of them).
 */
export type TopologyShape = 'chain' | 'ring' | 'star' | 'leader-follower' | 'all-to-all' | 'none';

export interface ClusterTopology {
  shape: TopologyShape;
  /** The nodes in the shape's order (see TopologyShape); every node of the cluster appears once. */
  order: NodeId[];
  /** Links beyond the shape's own, e.g. servers behind a balancer that also update each other. */
  extraLinks?: [NodeId, NodeId][];
  /** Clients send requests into the cluster through order[0]; the drawing shows them and their requests. */
  clients?: boolean;
}

/** A checked property of the whole cluster, evaluated after events in tests and in the UI. */
export interface InvariantContext<Durable, Volatile, Params> {
  nodes: ReadonlyMap<NodeId, ObservedNode<Durable, Volatile>>;
  params: Params;
  now: number;
  /**
   * Where an invariant that watches the whole run keeps what it has seen, by protocol id (plain data:
   * it lives in the world, so checkpoints copy it and a seek restores it).
   */
  observations: Record<string, unknown>;
}

export interface Invariant<Durable, Volatile, Params> {
  name: string;
  /** Returns null when the property holds, or a sentence describing the violation. */
  check(context: InvariantContext<Durable, Volatile, Params>): string | null;
}

export interface Protocol<
  Params = unknown,
  Durable = unknown,
  Volatile = unknown,
  Message = unknown,
  T extends Timer = Timer,
> {
  /** Stable id used by scenarios, e.g. "raft" or "replication". */
  id: string;
  title: string;
  paramsSchema: z.ZodType<Params>;
  /** Cross-field checks that need the node list, e.g. "W must be between 1 and N (got W=5, N=3)". */
  checkParams?(params: Params, nodes: readonly NodeId[]): string[];
  initDurable(context: { self: NodeId; nodes: readonly NodeId[]; params: Params }): Durable;
  initVolatile(
    context: { self: NodeId; nodes: readonly NodeId[]; params: Params },
    durable: Durable,
  ): Volatile;
  /** Called at time 0 and after every restart. */
  onStart(ctx: HandlerContext<Params, Message, T>, state: NodeState<Durable, Volatile>): void;
  onMessage(
    ctx: HandlerContext<Params, Message, T>,
    state: NodeState<Durable, Volatile>,
    from: NodeId,
    message: Message,
  ): void;
  /** A timer this node set has fired (never one it cancelled or set before a crash). */
  onTimer(ctx: HandlerContext<Params, Message, T>, state: NodeState<Durable, Volatile>, timer: T): void;
  onClientRequest(
    ctx: HandlerContext<Params, Message, T>,
    state: NodeState<Durable, Volatile>,
    request: ClientRequest,
  ): void;
  /** An operator's instruction (failover, switchover, promotion), sent by an `operator` action. */
  onOperator?(
    ctx: HandlerContext<Params, Message, T>,
    state: NodeState<Durable, Volatile>,
    command: string,
    args: Record<string, unknown>,
  ): void;
  /** A short label for a message (its type), used by views, traces and the digest. */
  describeMessage(message: Message): string;
  describeNode(state: StoredState<Durable, Volatile>, up: boolean): NodeView;
  /**
   * Who sends messages to whom right now, for the cluster drawing (frames carry it as `topology`).
   * Without it the drawing assumes every node talks to every other.
   */
  topology?(context: {
    params: Params;
    nodes: readonly NodeId[];
    views: ReadonlyMap<NodeId, NodeView>;
  }): ClusterTopology;
  /**
   * Timers the cluster drawing shows as rings that drain towards their deadline (e.g. Raft's election
   * and heartbeat timers), by the timer's kind. Frames carry each node's live ones.
   */
  drawnTimers?: readonly string[];
  /** Cluster-wide gauges sampled over time for charts, e.g. { "lag.n2": 3 }. */
  gauges?(context: InvariantContext<Durable, Volatile, Params>): Record<string, number>;
  invariants?: Invariant<Durable, Volatile, Params>[];
  /** Transactional stores: every finished transaction and each key's version order, for the isolation checks. */
  transactionalHistory?(context: InvariantContext<Durable, Volatile, Params>): TransactionalHistory;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
/** A protocol with its type parameters erased, for registries. */
export type AnyProtocol = Protocol<any, any, any, any, any>;
/* eslint-enable @typescript-eslint/no-explicit-any */

/** One client operation as it appears in the history. Times are simulated ms. */
export interface HistoryOperation {
  id: number;
  process: ClientId;
  type: ClientRequest['op'];
  key: string;
  /** For a write: the value written. For a read: the value returned (null if none or unknown). */
  value: Value;
  /** For cas: the expected value. */
  expected?: Value;
  /** The node the client first sent the operation to. */
  node: NodeId;
  invoke: number;
  /** null when no reply ever came. */
  complete: number | null;
  /** true: completed; false: definitely did not take effect; null: indeterminate. */
  ok: boolean | null;
  error?: string;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
  /** Simulated time of the violation, when there is one. */
  at: number | null;
  /** The history operations the violation involves, for the History view to highlight. */
  operations?: readonly number[];
}
