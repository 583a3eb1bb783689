/**
 * The discrete-event simulation: one world, one event queue, one seed.
 *
 * Everything that changes the world is an event popped from the queue in (time, lane, seq) order:
 * message deliveries, timers, client traffic, scheduled faults and the student's commands. All of the
 * world's state lives in `this.world`, a plain object, so a checkpoint is a deep copy of it and
 * (seed, scenario, command log) replays a run exactly.
 */
import type { Action, ClientOp, ClockSpec, Latency, Scenario } from '../scenarios/schema';
import { regionOneWayMs } from '../net/regions';
import { copyPlainData, type MeasuredCopy } from './copy';
import { EventQueue, type Scheduled } from './eventQueue';
import { closeWindow, defaultMetricsIntervalMs, openWindow, type MetricSample, type MetricWindow } from './metrics';
import { hashString, Random, type RandomState } from './random';
import { createTraceRing, nextTraceSlot, type TraceEntry, type TraceRing } from './trace';
import type {
  AnyProtocol,
  CheckResult,
  ClientReply,
  ClientRequest,
  ClockReading,
  Effect,
  HandlerContext,
  HistoryOperation,
  InvariantContext,
  NodeId,
  NodeState,
  Value,
} from './types';

/** Lanes order events that share a time: the engine's own first, then the fault schedule, then user commands. */
export const Lane = { engine: 0, schedule: 1, command: 2 } as const;

export type SimEvent = Scheduled &
  (
    | { kind: 'start'; node: NodeId }
    | { kind: 'deliver'; messageId: number; from: NodeId; to: NodeId; message: unknown; label: string; sentAt: number }
    | { kind: 'timer'; node: NodeId; name: string; token: number; incarnation: number }
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
  status: NodeStatus;
  up: boolean;
  pausedUntil: number;
  /** Events that reached this node while it was paused, in arrival order; they run when it resumes. */
  held: SimEvent[];
  slowFactor: number;
  slowUntil: number;
  /** Bumped on every crash so timers set before the crash never fire afterwards. */
  incarnation: number;
  state: NodeState<unknown, unknown>;
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
  history: HistoryOperation[];
  notes: Note[];
  violations: CheckResult[];
  samples: MetricSample[];
}

export interface SimulationOptions {
  /** Check the protocol's invariants after every event and record the first violation of each. */
  checkInvariants?: boolean;
  /** Width of a metrics window in simulated ms (default 250). */
  metricsIntervalMs?: number;
  /** How many recent events the world's trace ring keeps (default 64, what a frame shows; 0 turns it off). */
  traceCapacity?: number;
  /** Called with every event as it is processed (the CLI's --trace records them all). */
  onTrace?: (entry: TraceEntry) => void;
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

const kindCodes: Record<SimEvent['kind'], number> = {
  start: 1,
  deliver: 2,
  timer: 3,
  request: 4,
  reply: 5,
  'client-timeout': 6,
  'client-next': 7,
  action: 8,
  wake: 9,
};

function mix(hash: number, value: number): number {
  hash ^= value | 0;
  hash = Math.imul(hash, 0x01000193);
  hash ^= hash >>> 15;
  return hash >>> 0;
}

function hashValue(value: unknown): number {
  if (value === null || value === undefined) return 0x6e756c6c;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  return hashString(typeof value === 'string' ? value : JSON.stringify(value));
}

export function nodeIdsOf(scenario: Scenario): NodeId[] {
  return typeof scenario.nodes === 'number'
    ? Array.from({ length: scenario.nodes }, (_, i) => `n${i + 1}`)
    : scenario.nodes.map((node) => node.id);
}

export class Simulation {
  readonly scenario: Scenario;
  readonly protocol: AnyProtocol;
  readonly nodeIds: readonly NodeId[];
  readonly params: unknown;
  readonly options: SimulationOptions;
  readonly metricsIntervalMs: number;
  world: World;
  /**
   * Called with every message a node sends, before the network may lose it (src/engine/analysis/moments.ts
   * watches for "the first PREPARE is sent" this way). Not part of the run's state: it never affects it.
   */
  onSend: ((message: SentMessage) => void) | null = null;

  private queue: EventQueue<SimEvent>;
  private rng!: { network: Random; faults: Random; workload: Random; nodes: Random[] };
  /** Effects of the handler running now; applied and cleared when it returns. */
  private readonly effects: Effect[] = [];
  private contexts: HandlerContext<unknown, unknown>[] = [];
  private nodeById = new Map<NodeId, NodeRuntime>();
  private clientIndex = new Map<string, ClientRuntime>();
  /** Clients by the id of the request they are waiting on (derived from clients[].current). */
  private waiting = new Map<number, ClientRuntime>();
  private zipfTable: number[] | null = null;
  private keyNames: string[] = [];
  private commandCount = 0;
  /** Fixed one-way delay between regions (and link overrides), by from.index * n + to.index. */
  private regionDelayMs: Float64Array;
  private linkOverrides: Map<number, Scenario['network']['links'][number]>;
  private anyCuts = false;

  constructor(scenario: Scenario, protocol: AnyProtocol, params: unknown, options: SimulationOptions = {}) {
    this.scenario = scenario;
    this.protocol = protocol;
    this.params = params;
    this.options = options;
    this.metricsIntervalMs = options.metricsIntervalMs ?? defaultMetricsIntervalMs;
    this.nodeIds = nodeIdsOf(scenario);
    const root = new Random(scenario.seed);
    const streams = {
      network: root.child('network'),
      faults: root.child('faults'),
      workload: root.child('workload'),
    };
    const nodeSpecs = typeof scenario.nodes === 'number' ? [] : scenario.nodes;
    const nodes = this.nodeIds.map((id, index): NodeRuntime => {
      const spec = nodeSpecs.find((node) => node.id === id);
      const init = { self: id, nodes: this.nodeIds, params };
      const durable = protocol.initDurable(init);
      return {
        id,
        index,
        region: spec?.region ?? null,
        clock: spec?.clock ?? { offsetMs: 0, driftPpm: 0, uncertaintyMs: 0 },
        status: 'up',
        up: true,
        pausedUntil: 0,
        held: [],
        slowFactor: 1,
        slowUntil: 0,
        incarnation: 0,
        state: { durable, volatile: protocol.initVolatile(init, durable) },
        timers: {},
        random: root.child(`node:${id}`).snapshot(),
      };
    });
    const counters: Counters = {
      events: 0,
      messagesSent: 0,
      messagesDelivered: 0,
      messagesDropped: 0,
      messagesDuplicated: 0,
      operationsSucceeded: 0,
      operationsFailed: 0,
      operationsIndeterminate: 0,
    };
    this.world = {
      now: 0,
      seq: 0,
      nextMessageId: 1,
      nextRequestId: 1,
      nextTimerToken: 1,
      nextWriteValue: 1,
      queue: [],
      nodes,
      clients: [],
      cuts: {},
      latency: scenario.network.latency,
      lossRate: scenario.network.lossRate,
      random: { network: streams.network.snapshot(), faults: streams.faults.snapshot(), workload: streams.workload.snapshot() },
      counters,
      digest: hashString(`${scenario.id}:${scenario.seed}`),
      nextSampleAt: this.metricsIntervalMs,
      window: openWindow(counters),
      trace: createTraceRing(options.traceCapacity ?? 64),
      history: [],
      notes: [],
      violations: [],
      samples: [],
    };
    this.regionDelayMs = this.computeRegionDelays(nodes);
    this.linkOverrides = new Map(
      scenario.network.links.map((link) => [this.nodeIds.indexOf(link.from) * nodes.length + this.nodeIds.indexOf(link.to), link]),
    );
    this.queue = new EventQueue<SimEvent>();
    this.bindWorld();

    for (const node of nodes) this.schedule({ kind: 'start', node: node.id, time: 0, lane: Lane.engine, seq: 0 }, 0);
    scenario.faults.forEach((action, index) =>
      this.queue.push({ kind: 'action', action, time: action.at, lane: Lane.schedule, seq: index }),
    );
    scenario.script.forEach(({ at, ...op }, index) =>
      this.queue.push({
        kind: 'action',
        action: { at, client: op },
        time: at,
        lane: Lane.schedule,
        seq: scenario.faults.length + index,
      }),
    );
    this.createWorkloadClients();
  }

  // ---------------------------------------------------------------------------------------------
  // Running

  get now(): number {
    return this.world.now;
  }

  /** How many of the student's commands this run has taken (the next command's index in the log). */
  get commandsTaken(): number {
    return this.commandCount;
  }

  /** Time of the next event, or Infinity when nothing is left to happen. */
  nextEventTime(): number {
    return this.queue.peekTime();
  }

  /** Processes one event. Returns false when the queue is empty. */
  step(): boolean {
    const event = this.queue.pop();
    if (!event) return false;
    if (event.time > this.world.nextSampleAt) this.sampleUntil(event.time);
    this.world.now = event.time;
    this.process(event);
    return true;
  }

  /**
   * Processes every event with time ≤ `time` (at most `maxEvents` of them), then sets the clock to
   * `time`. Returns false when it stopped early because of `maxEvents`.
   */
  runUntil(time: number, maxEvents = Infinity): boolean {
    const queue = this.queue;
    const w = this.world;
    let budget = maxEvents;
    while (queue.peekTime() <= time) {
      if (budget-- <= 0) return false;
      const event = queue.pop()!;
      if (event.time > w.nextSampleAt) this.sampleUntil(event.time);
      w.now = event.time;
      this.process(event);
    }
    // Simulated time stays a whole number of ms, so anything scheduled from here lands on integer times.
    const end = Math.floor(time);
    if (end > w.nextSampleAt && end !== Infinity) this.sampleUntil(end);
    if (end > w.now) w.now = end;
    return true;
  }

  /** Runs to the scenario's duration. */
  run(): this {
    this.runUntil(this.scenario.durationMs);
    return this;
  }

  /**
   * Applies a student's action now. It is queued in the command lane at the current time, so it runs
   * after every engine event of this instant, exactly where a replay from the command log puts it.
   */
  command(action: Action): void {
    const at = this.world.now;
    this.queue.push({ kind: 'action', action: { ...action, at }, time: at, lane: Lane.command, seq: this.commandCount++ });
    this.runUntil(at);
  }

  /** Queues a command at a future or present time without running (used when replaying a command log). */
  enqueueCommand(action: Action, index: number): void {
    this.commandCount = Math.max(this.commandCount, index + 1);
    this.queue.push({ kind: 'action', action, time: action.at, lane: Lane.command, seq: index });
  }

  // ---------------------------------------------------------------------------------------------
  // Checkpoints

  /** A deep copy of the whole world, including the event queue. */
  snapshot(): World {
    this.world.queue = this.queue.toArray();
    const { copy } = copyPlainData(this.world);
    this.world.queue = [];
    return copy;
  }

  restore(world: World, commandCount: number): void {
    this.world = copyPlainData(world).copy;
    this.queue = EventQueue.from(this.world.queue);
    this.world.queue = [];
    this.commandCount = commandCount;
    this.bindWorld();
  }

  /**
   * A restorable point that does not copy the append-only lists (history, notes, violations, samples):
   * it records their lengths and copies only the history entries still open. Restoring needs lists that
   * extend the checkpoint's: this run's own, or (after going back in time) those of the furthest point
   * reached on the same branch, which the time-travel Timeline keeps.
   */
  checkpoint(): Checkpoint {
    const w = this.world;
    const { history, notes, violations, samples } = w;
    w.history = [];
    w.notes = [];
    w.violations = [];
    w.samples = [];
    w.queue = this.queue.toArray();
    let measured: MeasuredCopy<World>;
    try {
      measured = copyPlainData(w);
    } finally {
      w.history = history;
      w.notes = notes;
      w.violations = violations;
      w.samples = samples;
      w.queue = [];
    }
    const openOperations = w.clients.flatMap((client) =>
      client.current ? [{ index: client.current.historyIndex, operation: { ...history[client.current.historyIndex]! } }] : [],
    );
    return {
      at: w.now,
      events: w.counters.events,
      commandCount: this.commandCount,
      world: measured.copy,
      approximateBytes: measured.approximateBytes,
      lengths: { history: history.length, notes: notes.length, violations: violations.length, samples: samples.length },
      openOperations,
    };
  }

  /**
   * Restores a checkpoint. `lists` are append-only lists that extend the checkpoint's (by default this
   * run's own); their prefixes are copied, so the lists passed in are never changed.
   */
  restoreCheckpoint(checkpoint: Checkpoint, lists: AppendOnlyLists = this.world): void {
    const history = lists.history.slice(0, checkpoint.lengths.history);
    for (const { index, operation } of checkpoint.openOperations) history[index] = { ...operation };
    const notes = lists.notes.slice(0, checkpoint.lengths.notes);
    const violations = lists.violations.slice(0, checkpoint.lengths.violations);
    const samples = lists.samples.slice(0, checkpoint.lengths.samples);
    if (samples.length < checkpoint.lengths.samples || history.length < checkpoint.lengths.history) {
      throw new Error('restoreCheckpoint: the lists given do not extend the checkpoint');
    }
    this.world = copyPlainData(checkpoint.world).copy;
    Object.assign(this.world, { history, notes, violations, samples });
    this.queue = EventQueue.from(this.world.queue);
    this.world.queue = [];
    this.commandCount = checkpoint.commandCount;
    this.bindWorld();
  }

  /** Events still queued, in no particular order. */
  pendingEvents(): readonly SimEvent[] {
    return this.queue.items();
  }

  // ---------------------------------------------------------------------------------------------
  // Queries

  node(id: NodeId): NodeRuntime {
    const node = this.nodeById.get(id);
    if (!node) throw new Error(`Unknown node "${id}". Nodes in this scenario: ${this.nodeIds.join(', ')}`);
    return node;
  }

  clockOf(node: NodeRuntime, trueTime = this.world.now): ClockReading {
    const { offsetMs, driftPpm, uncertaintyMs } = node.clock;
    const now = Math.round(trueTime + offsetMs + (trueTime * driftPpm) / 1_000_000);
    return { now, earliest: now - uncertaintyMs, latest: now + uncertaintyMs };
  }

  isLinkCut(from: NodeId, to: NodeId): boolean {
    return this.anyCuts && this.world.cuts[`${from}>${to}`] === true;
  }

  invariantContext(): InvariantContext<unknown, unknown, unknown> {
    return { nodes: this.nodeById, params: this.params, now: this.world.now };
  }

  // ---------------------------------------------------------------------------------------------
  // Internals

  private bindWorld(): void {
    const w = this.world;
    this.rng = {
      network: Random.attach(w.random.network),
      faults: Random.attach(w.random.faults),
      workload: Random.attach(w.random.workload),
      nodes: w.nodes.map((node) => Random.attach(node.random)),
    };
    this.nodeById = new Map(w.nodes.map((node) => [node.id, node]));
    this.clientIndex = new Map(w.clients.map((client) => [client.id, client]));
    this.waiting = new Map(w.clients.flatMap((client) => (client.current ? [[client.current.request.id, client] as const] : [])));
    this.contexts = w.nodes.map((node) => this.createContext(node));
    this.anyCuts = Object.keys(w.cuts).length > 0;
  }

  /**
   * Queues an engine event `delay` ms from now (rounded to whole ms), setting its time, lane and seq.
   * Callers write those three as 0 in the literal so every event has its final shape from birth
   * (adding properties later would give V8 more object shapes to juggle on the hot path).
   */
  private schedule(event: SimEvent, delay: number): void {
    event.time = this.world.now + Math.max(0, Math.round(delay));
    event.lane = Lane.engine;
    event.seq = this.world.seq++;
    this.queue.push(event);
  }

  private process(event: SimEvent): void {
    const w = this.world;
    w.counters.events++;
    w.digest = mix(mix(w.digest, event.time), kindCodes[event.kind]);

    // A paused node handles nothing until it resumes: its events wait, like work queued behind a GC pause.
    const target = this.targetNode(event);
    if (target && target.status === 'paused') {
      target.held.push(event);
      return;
    }

    const entry = w.trace.capacity > 0 || this.options.onTrace ? this.traceEntry(event, nextTraceSlot(w.trace)) : null;
    let handled = true;
    switch (event.kind) {
      case 'start':
        w.digest = mix(w.digest, target!.index);
        this.startNode(target!);
        break;
      case 'deliver':
        handled = this.deliver(event, target!);
        break;
      case 'timer': {
        const node = target!;
        if (node.status !== 'up' || node.incarnation !== event.incarnation || node.timers[event.name] !== event.token) {
          handled = false;
          break;
        }
        delete node.timers[event.name];
        w.digest = mix(mix(w.digest, node.index), hashString(event.name));
        const ctx = this.beginHandler(node);
        if (ctx) {
          this.protocol.onTimer(ctx, node.state, event.name);
          this.endHandler(node);
        }
        break;
      }
      case 'request':
        handled = this.receiveRequest(target!, event.requestId);
        break;
      case 'reply':
        handled = this.receiveReply(event.requestId, event.reply, event.from);
        break;
      case 'client-timeout':
        handled = this.timeOutRequest(event.requestId);
        break;
      case 'client-next':
        this.issueWorkloadOperation(event.client);
        break;
      case 'action':
        this.applyAction(event.action);
        break;
      case 'wake': {
        const node = this.node(event.node);
        handled = node.status === 'paused' && node.pausedUntil <= w.now;
        if (handled) this.resume(node);
        break;
      }
    }

    if (entry) {
      entry.handled = handled;
      this.options.onTrace?.({ ...entry });
    }
    if (this.options.checkInvariants) this.checkInvariants();
  }

  private targetNode(event: SimEvent): NodeRuntime | undefined {
    switch (event.kind) {
      case 'start':
      case 'timer':
      case 'request':
        return this.node(event.node);
      case 'deliver':
        return this.node(event.to);
      default:
        return undefined;
    }
  }

  /** Fills in the trace line for an event before it runs (the request → client map may change). */
  private traceEntry(event: SimEvent, entry: TraceEntry): TraceEntry {
    entry.index = this.world.counters.events;
    entry.at = event.time;
    entry.kind = event.kind;
    entry.node = null;
    entry.from = null;
    entry.messageId = null;
    entry.sentAt = null;
    entry.handled = true;
    switch (event.kind) {
      case 'start':
        entry.node = event.node;
        entry.label = 'start';
        break;
      case 'deliver':
        entry.node = event.to;
        entry.from = event.from;
        entry.label = event.label;
        entry.messageId = event.messageId;
        entry.sentAt = event.sentAt;
        break;
      case 'timer':
        entry.node = event.node;
        entry.label = event.name;
        break;
      case 'request':
        entry.node = event.node;
        entry.from = this.waiting.get(event.requestId)?.id ?? null;
        entry.label = `request ${event.requestId}`;
        break;
      case 'reply':
        entry.node = event.from;
        entry.from = this.waiting.get(event.requestId)?.id ?? null;
        entry.label = event.reply.ok ? 'ok' : event.reply.redirectTo ? `redirect to ${event.reply.redirectTo}` : event.reply.error;
        break;
      case 'client-timeout':
        entry.label = `request ${event.requestId} timed out`;
        break;
      case 'client-next':
        entry.from = event.client;
        entry.label = 'next operation';
        break;
      case 'action':
        entry.label = describeAction(event.action);
        break;
      case 'wake':
        entry.node = event.node;
        entry.label = 'pause ends';
        break;
    }
    return entry;
  }

  private createContext(node: NodeRuntime): HandlerContext<unknown, unknown> {
    // The context's getters must read the live world (it is replaced on restore), hence the alias.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const simulation = this;
    const { id: self, index } = node;
    const effects = this.effects;
    return {
      self,
      get nodes() {
        return simulation.nodeIds;
      },
      get params() {
        return simulation.params;
      },
      get clock() {
        return simulation.clockOf(simulation.world.nodes[index]!);
      },
      get random() {
        return simulation.rng.nodes[index]!;
      },
      send: (to, message) => effects.push({ kind: 'send', to, message }),
      broadcast: (message) => {
        for (const to of simulation.nodeIds) if (to !== self) effects.push({ kind: 'send', to, message });
      },
      setTimer: (name, afterMs) => effects.push({ kind: 'setTimer', name, afterMs }),
      cancelTimer: (name) => effects.push({ kind: 'cancelTimer', name }),
      reply: (requestId, reply) => effects.push({ kind: 'reply', requestId, reply }),
      powerOff: (target) => effects.push({ kind: 'powerOff', node: target }),
      note: (text) => effects.push({ kind: 'note', text }),
    };
  }

  /**
   * The context for running one handler on `node`, or null when the node is not up. The handler's
   * effects are collected and applied by endHandler once it returns.
   */
  private beginHandler(node: NodeRuntime): HandlerContext<unknown, unknown> | null {
    if (node.status !== 'up') return null;
    this.effects.length = 0;
    return this.contexts[node.index]!;
  }

  private endHandler(node: NodeRuntime): void {
    const effects = this.effects;
    for (let i = 0; i < effects.length; i++) this.applyEffect(node, effects[i]!);
    effects.length = 0;
  }

  private startNode(node: NodeRuntime): void {
    const ctx = this.beginHandler(node);
    if (ctx) {
      this.protocol.onStart(ctx, node.state);
      this.endHandler(node);
    }
  }

  private applyEffect(node: NodeRuntime, effect: Effect): void {
    const w = this.world;
    switch (effect.kind) {
      case 'send':
        this.send(node, effect.to, effect.message);
        break;
      case 'setTimer': {
        const token = w.nextTimerToken++;
        node.timers[effect.name] = token;
        const trueDelay = effect.afterMs / (1 + node.clock.driftPpm / 1_000_000);
        this.schedule(
          { kind: 'timer', node: node.id, name: effect.name, token, incarnation: node.incarnation, time: 0, lane: 0, seq: 0 },
          trueDelay,
        );
        break;
      }
      case 'cancelTimer':
        delete node.timers[effect.name];
        break;
      case 'reply':
        this.sendReply(node, effect.requestId, effect.reply);
        break;
      case 'powerOff':
        w.notes.push({ at: w.now, node: node.id, text: `${node.id} powered off ${effect.node} (STONITH)` });
        this.crash(effect.node);
        break;
      case 'note':
        w.notes.push({ at: w.now, node: node.id, text: effect.text });
        break;
    }
  }

  // Network ---------------------------------------------------------------------------------------

  private computeRegionDelays(nodes: readonly NodeRuntime[]): Float64Array {
    const n = nodes.length;
    const delays = new Float64Array(n * n);
    for (const from of nodes) {
      for (const to of nodes) {
        if (from.region && to.region && from.region !== to.region) {
          delays[from.index * n + to.index] =
            this.scenario.network.regionLatencyMs?.[`${from.region}>${to.region}`] ?? regionOneWayMs(from.region, to.region);
        }
      }
    }
    return delays;
  }

  private sampleLatency(spec: Latency): number {
    const random = this.rng.network;
    switch (spec.distribution) {
      case 'constant':
        return spec.minMs + spec.meanMs;
      case 'uniform':
        return spec.minMs + random.float() * 2 * spec.meanMs;
      case 'exponential':
        return spec.minMs + random.exponential(spec.meanMs);
      case 'normal':
        return spec.minMs + Math.max(0, random.normal(spec.meanMs, spec.meanMs / 3));
    }
  }

  /** One-way delay from one node to another: a link override, else region distance plus local jitter, else the default. */
  linkLatency(from: NodeRuntime, to: NodeRuntime): number {
    const pair = from.index * this.nodeIds.length + to.index;
    const override = this.linkOverrides.size > 0 ? this.linkOverrides.get(pair) : undefined;
    if (override?.latency) return this.sampleLatency(override.latency);
    return this.regionDelayMs[pair]! + this.sampleLatency(this.world.latency);
  }

  private lossRateFor(from: NodeRuntime, to: NodeRuntime): number {
    if (this.linkOverrides.size === 0) return this.world.lossRate;
    return this.linkOverrides.get(from.index * this.nodeIds.length + to.index)?.lossRate ?? this.world.lossRate;
  }

  private send(from: NodeRuntime, to: NodeId, message: unknown): void {
    const w = this.world;
    const receiver = this.node(to);
    const messageId = w.nextMessageId++;
    const label = this.protocol.describeMessage(message);
    const network = this.rng.network;
    w.counters.messagesSent++;
    this.onSend?.({ id: messageId, from: from.id, to, label, at: w.now });
    w.digest = mix(mix(mix(w.digest, hashString(label)), from.index), receiver.index);
    // A zero rate draws nothing from the stream (see Random.chance), so the `> 0` tests only skip work.
    const { duplicateRate, reorderRate } = this.scenario.network;
    const lossRate = this.lossRateFor(from, receiver);
    if (this.isLinkCut(from.id, to) || (lossRate > 0 && network.bernoulli(lossRate))) {
      w.counters.messagesDropped++;
      return;
    }
    const slowdown = from.slowUntil > w.now ? from.slowFactor : 1;
    const copies = duplicateRate > 0 && network.bernoulli(duplicateRate) ? 2 : 1;
    if (copies === 2) w.counters.messagesDuplicated++;
    for (let copy = 0; copy < copies; copy++) {
      let delay = this.linkLatency(from, receiver) * slowdown;
      if (reorderRate > 0 && network.bernoulli(reorderRate)) {
        delay += network.float() * 4 * (w.latency.meanMs + w.latency.minMs + 1);
      }
      this.schedule(
        { kind: 'deliver', messageId, from: from.id, to, message, label, sentAt: w.now, time: 0, lane: 0, seq: 0 },
        Math.max(1, delay),
      );
    }
  }

  private deliver(event: Extract<SimEvent, { kind: 'deliver' }>, receiver: NodeRuntime): boolean {
    const w = this.world;
    if (receiver.status === 'crashed' || this.isLinkCut(event.from, event.to)) {
      w.counters.messagesDropped++;
      return false;
    }
    w.counters.messagesDelivered++;
    w.digest = mix(mix(w.digest, hashString(event.label)), receiver.index);
    const ctx = this.beginHandler(receiver);
    if (ctx) {
      this.protocol.onMessage(ctx, receiver.state, event.from, event.message);
      this.endHandler(receiver);
    }
    return true;
  }

  /** Drops one message in flight (or waiting at a paused node) by id. Returns false when there is none. */
  dropMessage(messageId: number): boolean {
    const chosen = (event: SimEvent) => event.kind === 'deliver' && event.messageId === messageId;
    let removed = this.queue.removeWhere(chosen).length;
    for (const node of this.world.nodes) {
      const kept = node.held.filter((event) => !chosen(event));
      removed += node.held.length - kept.length;
      node.held = kept;
    }
    this.world.counters.messagesDropped += removed;
    return removed > 0;
  }

  private cutLink(from: NodeId, to: NodeId): void {
    if (from !== to) this.world.cuts[`${from}>${to}`] = true;
    this.anyCuts = Object.keys(this.world.cuts).length > 0;
  }

  private healAll(): void {
    this.world.cuts = {};
    this.anyCuts = false;
  }

  private partition(groups: NodeId[][]): void {
    this.healAll();
    const listed = new Set(groups.flat());
    const rest = this.nodeIds.filter((id) => !listed.has(id));
    const allGroups = rest.length > 0 ? [...groups, rest] : groups;
    allGroups.forEach((group, i) =>
      allGroups.forEach((other, j) => {
        if (i !== j) for (const from of group) for (const to of other) this.cutLink(from, to);
      }),
    );
  }

  // Faults ----------------------------------------------------------------------------------------

  crash(nodeId: NodeId): void {
    const node = this.node(nodeId);
    if (node.status === 'crashed') return;
    node.status = 'crashed';
    node.up = false;
    node.incarnation++;
    node.timers = {};
    node.slowUntil = 0;
    node.slowFactor = 1;
    node.state.volatile = null;
    // Work queued behind a pause dies with the process.
    for (const event of node.held) if (event.kind === 'deliver') this.world.counters.messagesDropped++;
    node.held = [];
    this.world.notes.push({ at: this.world.now, node: nodeId, text: `${nodeId} crashed` });
  }

  restart(nodeId: NodeId): void {
    const node = this.node(nodeId);
    if (node.status !== 'crashed') return;
    node.status = 'up';
    node.up = true;
    node.state.volatile = this.protocol.initVolatile({ self: nodeId, nodes: this.nodeIds, params: this.params }, node.state.durable);
    this.world.notes.push({ at: this.world.now, node: nodeId, text: `${nodeId} restarted` });
    this.startNode(node);
  }

  /** Ends a pause: the node is up again and the events it held run now, in the order they arrived. */
  private resume(node: NodeRuntime): void {
    node.status = 'up';
    node.up = true;
    node.pausedUntil = this.world.now;
    const held = node.held;
    node.held = [];
    for (const event of held) this.schedule({ ...event }, 0);
    this.world.notes.push({ at: this.world.now, node: node.id, text: `${node.id} resumed` });
  }

  private applyAction(action: Action): void {
    const w = this.world;
    w.digest = mix(w.digest, hashString(JSON.stringify(action)));
    if ('crash' in action) this.crash(action.crash);
    else if ('restart' in action) this.restart(action.restart);
    else if ('pause' in action) {
      const node = this.node(action.pause);
      if (node.status === 'crashed') return;
      node.status = 'paused';
      node.up = false;
      node.pausedUntil = Math.max(node.pausedUntil, w.now + action.durationMs);
      this.schedule({ kind: 'wake', node: node.id, time: 0, lane: 0, seq: 0 }, node.pausedUntil - w.now);
      w.notes.push({ at: w.now, node: node.id, text: `${node.id} paused for ${action.durationMs} ms` });
    } else if ('resume' in action) {
      const node = this.node(action.resume);
      if (node.status === 'paused') this.resume(node);
    } else if ('slow' in action) {
      const node = this.node(action.slow);
      node.slowFactor = action.factor;
      node.slowUntil = action.durationMs === undefined ? Infinity : w.now + action.durationMs;
      w.notes.push({ at: w.now, node: node.id, text: `${node.id} slowed down ${action.factor}×` });
    } else if ('partition' in action) {
      this.partition(action.partition);
      w.notes.push({ at: w.now, node: null, text: `network partitioned into ${action.partition.map((g) => `{${g.join(', ')}}`).join(' | ')}` });
    } else if ('isolate' in action) {
      for (const other of this.nodeIds) {
        this.cutLink(action.isolate, other);
        this.cutLink(other, action.isolate);
      }
      w.notes.push({ at: w.now, node: action.isolate, text: `${action.isolate} cut off from the network` });
    } else if ('cut' in action) {
      this.cutLink(action.cut.from, action.cut.to);
      w.notes.push({ at: w.now, node: null, text: `link ${action.cut.from} → ${action.cut.to} cut` });
    } else if ('heal' in action) {
      this.healAll();
      w.notes.push({ at: w.now, node: null, text: 'network healed' });
    } else if ('dropMessage' in action) this.dropMessage(action.dropMessage);
    else if ('setLatency' in action) w.latency = action.setLatency;
    else if ('setLossRate' in action) w.lossRate = action.setLossRate;
    else if ('client' in action) this.enqueueClientOp(action.client);
    else if ('operator' in action) {
      const { node, command, args } = action.operator;
      w.notes.push({ at: w.now, node, text: `operator: ${command} on ${node}` });
      const target = this.node(node);
      const ctx = this.beginHandler(target);
      if (ctx) {
        this.protocol.onOperator?.(ctx, target.state, command, args ?? {});
        this.endHandler(target);
      }
    }
  }

  // Clients ---------------------------------------------------------------------------------------

  private createWorkloadClients(): void {
    const workload = this.scenario.workload;
    if (!workload) return;
    for (let i = 0; i < workload.clients; i++) {
      const client = this.client(`c${i + 1}`, this.nodeIds[i % this.nodeIds.length]!);
      client.fromWorkload = true;
      this.scheduleNextWorkloadOperation(client.id, workload.startMs);
    }
  }

  private scheduleNextWorkloadOperation(clientId: string, notBefore = 0): void {
    const workload = this.scenario.workload;
    if (!workload || workload.ratePerClient <= 0) return;
    const thinkMs = this.rng.workload.exponential(1000 / workload.ratePerClient);
    const at = Math.max(notBefore, this.world.now + Math.max(1, thinkMs));
    if (workload.stopMs !== undefined && at >= workload.stopMs) return;
    this.schedule({ kind: 'client-next', client: clientId, time: 0, lane: 0, seq: 0 }, at - this.world.now);
  }

  private client(id: string, home: NodeId): ClientRuntime {
    let client = this.clientIndex.get(id);
    if (!client) {
      client = { id, home, session: undefined, fromWorkload: false, current: null, queued: [] };
      this.world.clients.push(client);
      this.clientIndex.set(id, client);
    }
    return client;
  }

  private clientFor(requestId: number): ClientRuntime | undefined {
    return this.waiting.get(requestId);
  }

  private pickKey(): string {
    const keys = this.scenario.workload!.keys;
    const random = this.rng.workload;
    let index: number;
    if (keys.distribution === 'hot') {
      index = random.bernoulli(keys.hotShare) || keys.count === 1 ? 0 : random.int(1, keys.count - 1);
    } else if (keys.distribution === 'zipf') {
      this.zipfTable ??= zipfCumulativeWeights(keys.count, keys.zipfExponent);
      index = sampleFromCumulative(random, this.zipfTable);
    } else {
      index = random.int(0, keys.count - 1);
    }
    return (this.keyNames[index] ??= `${keys.prefix}${index}`);
  }

  private issueWorkloadOperation(clientId: string): void {
    const workload = this.scenario.workload!;
    const client = this.clientIndex.get(clientId)!;
    const random = this.rng.workload;
    const { read, write, cas } = workload.mix;
    const roll = random.float() * (read + write + cas);
    const op = roll < read ? 'read' : roll < read + write ? 'write' : 'cas';
    const key = this.pickKey();
    const target =
      workload.target === 'home' ? client.home : workload.target === 'random' ? random.pick(this.nodeIds) : workload.target;
    const operation: ClientOp = { client: clientId, node: target, op, key, options: workload.options };
    if (op === 'write') operation.value = this.world.nextWriteValue++;
    if (op === 'cas') {
      operation.expected = random.int(0, Math.max(1, this.world.nextWriteValue - 1));
      operation.value = this.world.nextWriteValue++;
    }
    this.enqueueClientOp(operation, client);
  }

  private enqueueClientOp(op: ClientOp, existing?: ClientRuntime): void {
    const client = existing ?? this.client(op.client, op.node);
    if (client.current) client.queued.push(op);
    else this.invoke(client, op);
  }

  private invoke(client: ClientRuntime, op: ClientOp): void {
    const w = this.world;
    const value = op.op === 'write' && op.value === undefined ? w.nextWriteValue++ : op.value;
    const requestId = w.nextRequestId++;
    const request: ClientRequest = { id: requestId, client: client.id, op: op.op, key: op.key };
    if (value !== undefined) request.value = value;
    if (op.expected !== undefined) request.expected = op.expected;
    if (client.session !== undefined) request.session = client.session;
    if (op.options) request.options = op.options;
    const historyIndex = w.history.length;
    const operation: HistoryOperation = {
      id: requestId,
      process: client.id,
      type: op.op,
      key: op.key,
      value: op.op === 'read' ? null : (value ?? null),
      node: op.node,
      invoke: w.now,
      complete: null,
      ok: null,
    };
    if (op.expected !== undefined) operation.expected = op.expected;
    w.history.push(operation);
    client.current = { request, historyIndex, target: op.node, attempts: 1 };
    this.waiting.set(requestId, client);
    this.sendRequest(client, op.node, requestId);
    const timeoutMs = this.scenario.workload?.timeoutMs ?? 1000;
    this.schedule({ kind: 'client-timeout', requestId, time: 0, lane: 0, seq: 0 }, timeoutMs);
  }

  /** A client sits next to its home node: 1 ms to it, and the home node's path to anyone else. */
  private clientHop(client: ClientRuntime, node: NodeId): number | null {
    if (node === client.home) return 1;
    if (this.isLinkCut(client.home, node) || this.isLinkCut(node, client.home)) return null;
    return 1 + this.linkLatency(this.node(client.home), this.node(node));
  }

  private sendRequest(client: ClientRuntime, node: NodeId, requestId: number): void {
    const delay = this.clientHop(client, node);
    if (delay !== null) this.schedule({ kind: 'request', node, requestId, time: 0, lane: 0, seq: 0 }, delay);
  }

  private receiveRequest(node: NodeRuntime, requestId: number): boolean {
    const client = this.clientFor(requestId);
    if (!client?.current || client.current.request.id !== requestId) return false;
    if (node.status !== 'up') return false; // the client will time out
    const request = client.current.request;
    this.world.digest = mix(mix(this.world.digest, node.index), requestId);
    const ctx = this.beginHandler(node);
    if (ctx) {
      this.protocol.onClientRequest(ctx, node.state, request);
      this.endHandler(node);
    }
    return true;
  }

  private sendReply(node: NodeRuntime, requestId: number, reply: ClientReply): void {
    const client = this.clientFor(requestId);
    if (!client) return;
    const delay = this.clientHop(client, node.id);
    if (delay !== null) this.schedule({ kind: 'reply', requestId, reply, from: node.id, time: 0, lane: 0, seq: 0 }, delay);
  }

  private receiveReply(requestId: number, reply: ClientReply, from: NodeId): boolean {
    const w = this.world;
    const client = this.clientFor(requestId);
    const pending = client?.current;
    if (!client || !pending || pending.request.id !== requestId) return false;
    if (reply.session !== undefined) client.session = reply.session;
    if (!reply.ok && reply.redirectTo && reply.redirectTo !== from && pending.attempts < 3) {
      pending.attempts++;
      pending.target = reply.redirectTo;
      w.digest = mix(mix(w.digest, requestId), hashString(reply.redirectTo));
      this.sendRequest(client, reply.redirectTo, requestId);
      return true;
    }
    const operation = w.history[pending.historyIndex]!;
    operation.complete = w.now;
    if (reply.ok) {
      operation.ok = true;
      if (operation.type === 'read') operation.value = (reply.value ?? null) as Value;
      else if (reply.value !== undefined && operation.type !== 'write' && operation.type !== 'cas') operation.value = reply.value;
    } else {
      operation.ok = reply.indeterminate ? null : false;
      operation.error = reply.error;
    }
    w.digest = mix(mix(mix(w.digest, requestId), operation.ok === true ? 1 : operation.ok === false ? 2 : 3), hashValue(operation.value));
    this.finishOperation(client, operation);
    return true;
  }

  private timeOutRequest(requestId: number): boolean {
    const w = this.world;
    const client = this.clientFor(requestId);
    const pending = client?.current;
    if (!client || !pending || pending.request.id !== requestId) return false;
    const operation = w.history[pending.historyIndex]!;
    operation.ok = null;
    operation.error = 'timed out';
    w.digest = mix(w.digest, requestId);
    this.finishOperation(client, operation);
    return true;
  }

  private finishOperation(client: ClientRuntime, operation: HistoryOperation): void {
    const w = this.world;
    if (operation.ok === true) {
      w.counters.operationsSucceeded++;
      w.window.succeeded++;
      w.window.latencies.push(w.now - operation.invoke);
    } else if (operation.ok === false) {
      w.counters.operationsFailed++;
      w.window.failed++;
    } else {
      w.counters.operationsIndeterminate++;
      w.window.indeterminate++;
    }
    this.waiting.delete(operation.id);
    client.current = null;
    const next = client.queued.shift();
    if (next) this.invoke(client, next);
    else if (client.fromWorkload) this.scheduleNextWorkloadOperation(client.id);
  }

  // Metrics ---------------------------------------------------------------------------------------

  /** Closes every metrics window that ends before `time` (each holds everything up to and including its end). */
  private sampleUntil(time: number): void {
    const w = this.world;
    while (w.nextSampleAt < time) {
      const at = w.nextSampleAt;
      const gauges = this.protocol.gauges?.({ nodes: this.nodeById, params: this.params, now: at }) ?? {};
      w.samples.push(closeWindow(w.window, at, this.metricsIntervalMs, w.counters, gauges));
      w.window = openWindow(w.counters);
      w.nextSampleAt = at + this.metricsIntervalMs;
    }
  }

  // Invariants ------------------------------------------------------------------------------------

  private checkInvariants(): void {
    const invariants = this.protocol.invariants;
    if (!invariants) return;
    const context = this.invariantContext();
    for (const invariant of invariants) {
      if (this.world.violations.some((violation) => violation.name === invariant.name)) continue;
      const problem = invariant.check(context);
      if (problem) this.world.violations.push({ name: invariant.name, ok: false, detail: problem, at: this.world.now });
    }
  }
}

/** A few words for an action, for traces and logs: "crash n2", "partition {n1, n2} | {n3}". */
export function describeAction(action: Action): string {
  if ('crash' in action) return `crash ${action.crash}`;
  if ('restart' in action) return `restart ${action.restart}`;
  if ('pause' in action) return `pause ${action.pause} for ${action.durationMs} ms`;
  if ('resume' in action) return `resume ${action.resume}`;
  if ('slow' in action) return `slow ${action.slow} ${action.factor}×`;
  if ('partition' in action) return `partition ${action.partition.map((group) => `{${group.join(', ')}}`).join(' | ')}`;
  if ('isolate' in action) return `isolate ${action.isolate}`;
  if ('cut' in action) return `cut ${action.cut.from} → ${action.cut.to}`;
  if ('heal' in action) return 'heal';
  if ('dropMessage' in action) return `drop message ${action.dropMessage}`;
  if ('setLatency' in action) return `latency ${action.setLatency.minMs}+${action.setLatency.meanMs} ms ${action.setLatency.distribution}`;
  if ('setLossRate' in action) return `loss rate ${action.setLossRate}`;
  if ('client' in action) return `${action.client.client}: ${action.client.op} ${action.client.key} at ${action.client.node}`;
  return `operator ${action.operator.command} on ${action.operator.node}`;
}

/** Cumulative Zipf weights: rank r (from 1) has weight 1 / r^exponent. */
export function zipfCumulativeWeights(count: number, exponent: number): number[] {
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= count; rank++) cumulative.push((total += 1 / rank ** exponent));
  return cumulative;
}

/** An index drawn in proportion to the weights behind a cumulative table (binary search). */
function sampleFromCumulative(random: Random, cumulative: readonly number[]): number {
  const target = random.float() * cumulative[cumulative.length - 1]!;
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cumulative[middle]! > target) high = middle;
    else low = middle + 1;
  }
  return low;
}
