/**
 * The discrete-event loop: one world, one event queue, one seed.
 *
 * Everything that changes the world is an event popped from the queue in (time, lane, seq) order:
 * message deliveries, timers, client traffic, scheduled faults and the student's commands. All of the
 * world's state lives in `this.world`, a plain object, so a checkpoint is a deep copy of it and
 * (seed, scenario, command log) replays a run exactly. The loop dispatches each event to the part that
 * owns it (network.ts, faults.ts, workload.ts) and runs protocol handlers, timers, metrics and invariants.
 */
import { copyPlainData, type MeasuredCopy } from './copy';
import { EventQueue } from './eventQueue';
import { describeAction, Faults } from './faults';
import { closeWindow, defaultMetricsIntervalMs, openWindow } from './metrics';
import { Network } from './network';
import { hashString, Random } from './random';
import type { Action, Scenario } from './schema';
import { createTraceRing, nextTraceSlot, type TraceEntry } from './trace';
import {
  timerKey,
  type AnyProtocol,
  type ClockReading,
  type Effect,
  type HandlerContext,
  type InvariantContext,
  type NodeId,
  type NodeView,
  type ObservedNode,
} from './types';
import { Clients } from './workload';
import {
  handlerState,
  isUp,
  Lane,
  mixDigest,
  nodeIdsOf,
  type AppendOnlyLists,
  type Checkpoint,
  type Counters,
  type Engine,
  type NodeRuntime,
  type SentMessage,
  type SimEvent,
  type World,
} from './world';

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

export class Simulation implements Engine {
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
  private readonly network: Network;
  private readonly clients: Clients;
  private readonly faults: Faults;
  /** Each node's random stream, attached to the world's state. */
  private nodeRandom: Random[] = [];
  /** Effects of the handler running now; applied and cleared when it returns. */
  private readonly effects: Effect[] = [];
  private contexts: HandlerContext<unknown, unknown>[] = [];
  private nodeById = new Map<NodeId, NodeRuntime>();
  /** What invariants, gauges and views see of each node; `up` is read from the node's status. */
  private observedNodes = new Map<NodeId, ObservedNode<unknown, unknown>>();
  private commandCount = 0;

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
      random: {
        network: streams.network.snapshot(),
        faults: streams.faults.snapshot(),
        workload: streams.workload.snapshot(),
      },
      counters,
      digest: hashString(`${scenario.id}:${scenario.seed}`),
      nextSampleAt: this.metricsIntervalMs,
      window: openWindow(counters),
      trace: createTraceRing(options.traceCapacity ?? 64),
      observations: {},
      history: [],
      notes: [],
      violations: [],
      samples: [],
    };
    this.network = new Network(this, nodes);
    this.clients = new Clients(this, this.network);
    this.faults = new Faults(this, this.network, this.clients);
    this.queue = new EventQueue<SimEvent>();
    this.bindWorld();

    for (const node of nodes)
      this.schedule({ kind: 'start', node: node.id, time: 0, lane: Lane.engine, seq: 0 }, 0);
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
    this.clients.createWorkloadClients();
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
    this.queue.push({
      kind: 'action',
      action: { ...action, at },
      time: at,
      lane: Lane.command,
      seq: this.commandCount++,
    });
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
      client.current
        ? [{ index: client.current.historyIndex, operation: { ...history[client.current.historyIndex]! } }]
        : [],
    );
    return {
      at: w.now,
      events: w.counters.events,
      commandCount: this.commandCount,
      world: measured.copy,
      approximateBytes: measured.approximateBytes,
      lengths: {
        history: history.length,
        notes: notes.length,
        violations: violations.length,
        samples: samples.length,
      },
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

  removeQueued(matches: (event: SimEvent) => boolean): SimEvent[] {
    return this.queue.removeWhere(matches);
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
    return this.network.isLinkCut(from, to);
  }

  /** One-way delay from one node to another (draws from the network's random stream). */
  linkLatency(from: NodeRuntime, to: NodeRuntime): number {
    return this.network.linkLatency(from, to);
  }

  /** Drops one message in flight (or waiting at a paused node) by id. Returns false when there is none. */
  dropMessage(messageId: number): boolean {
    return this.network.dropMessage(messageId);
  }

  crash(nodeId: NodeId): void {
    this.faults.crash(nodeId);
  }

  restart(nodeId: NodeId): void {
    this.faults.restart(nodeId);
  }

  /** What the protocol shows of a node (its NodeView), crashed or not. */
  describeNode(id: NodeId): NodeView {
    const node = this.node(id);
    return this.protocol.describeNode(node.state, isUp(node));
  }

  invariantContext(): InvariantContext<unknown, unknown, unknown> {
    return {
      nodes: this.observedNodes,
      params: this.params,
      now: this.world.now,
      observations: this.world.observations,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Internals

  private bindWorld(): void {
    const w = this.world;
    this.nodeRandom = w.nodes.map((node) => Random.attach(node.random));
    this.nodeById = new Map(w.nodes.map((node) => [node.id, node]));
    this.observedNodes = new Map(
      w.nodes.map((node) => [
        node.id,
        {
          get state() {
            return node.state;
          },
          get up() {
            return isUp(node);
          },
        },
      ]),
    );
    this.network.bind(w);
    this.clients.bind(w);
    this.contexts = w.nodes.map((node) => this.createContext(node));
  }

  /**
   * Queues an engine event `delay` ms from now (rounded to whole ms), setting its time, lane and seq.
   * Callers write those three as 0 in the literal so every event has its final shape from birth
   * (adding properties later would give V8 more object shapes to juggle on the hot path).
   */
  schedule(event: SimEvent, delay: number): void {
    event.time = this.world.now + Math.max(0, Math.round(delay));
    event.lane = Lane.engine;
    event.seq = this.world.seq++;
    this.queue.push(event);
  }

  private process(event: SimEvent): void {
    const w = this.world;
    w.counters.events++;
    w.digest = mixDigest(mixDigest(w.digest, event.time), kindCodes[event.kind]);

    // A paused node handles nothing until it resumes: its events wait, like work queued behind a GC pause.
    const target = this.targetNode(event);
    if (target && target.status === 'paused') {
      target.held.push(event);
      return;
    }

    const entry =
      w.trace.capacity > 0 || this.options.onTrace ? this.traceEntry(event, nextTraceSlot(w.trace)) : null;
    let handled = true;
    switch (event.kind) {
      case 'start':
        w.digest = mixDigest(w.digest, target!.index);
        this.startNode(target!);
        break;
      case 'deliver':
        handled = this.network.deliver(event, target!);
        break;
      case 'timer': {
        const node = target!;
        if (
          node.status !== 'up' ||
          node.incarnation !== event.incarnation ||
          node.timers[event.key] !== event.token
        ) {
          handled = false;
          break;
        }
        delete node.timers[event.key];
        w.digest = mixDigest(mixDigest(w.digest, node.index), hashString(event.key));
        const ctx = this.beginHandler(node);
        if (ctx) {
          this.protocol.onTimer(ctx, handlerState(node), event.timer);
          this.endHandler(node);
        }
        break;
      }
      case 'request':
        handled = this.clients.receiveRequest(target!, event.requestId);
        break;
      case 'reply':
        handled = this.clients.receiveReply(event.requestId, event.reply, event.from);
        break;
      case 'client-timeout':
        handled = this.clients.timeOutRequest(event.requestId);
        break;
      case 'client-next':
        this.clients.issueWorkloadOperation(event.client);
        break;
      case 'action':
        this.faults.apply(event.action);
        break;
      case 'wake': {
        const node = this.node(event.node);
        handled = node.status === 'paused' && node.pausedUntil <= w.now;
        if (handled) this.faults.resume(node);
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
        entry.label = event.key;
        break;
      case 'request':
        entry.node = event.node;
        entry.from = this.clients.waitingOn(event.requestId)?.id ?? null;
        entry.label = `request ${event.requestId}`;
        break;
      case 'reply':
        entry.node = event.from;
        entry.from = this.clients.waitingOn(event.requestId)?.id ?? null;
        entry.label = event.reply.ok
          ? 'ok'
          : event.reply.redirectTo
            ? `redirect to ${event.reply.redirectTo}`
            : event.reply.error;
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
        return simulation.nodeRandom[index]!;
      },
      send: (to, message) => effects.push({ kind: 'send', to, message }),
      broadcast: (message) => {
        for (const to of simulation.nodeIds) if (to !== self) effects.push({ kind: 'send', to, message });
      },
      setTimer: (timer, afterMs) => effects.push({ kind: 'setTimer', timer, afterMs }),
      cancelTimer: (timer) => effects.push({ kind: 'cancelTimer', timer }),
      reply: (requestId, reply) => effects.push({ kind: 'reply', requestId, reply }),
      powerOff: (target) => effects.push({ kind: 'powerOff', node: target }),
      note: (text) => effects.push({ kind: 'note', text }),
    };
  }

  /**
   * The context for running one handler on `node`, or null when the node is not up. The handler's
   * effects are collected and applied by endHandler once it returns.
   */
  beginHandler(node: NodeRuntime): HandlerContext<unknown, unknown> | null {
    if (node.status !== 'up') return null;
    this.effects.length = 0;
    return this.contexts[node.index]!;
  }

  endHandler(node: NodeRuntime): void {
    const effects = this.effects;
    for (let i = 0; i < effects.length; i++) this.applyEffect(node, effects[i]!);
    effects.length = 0;
  }

  startNode(node: NodeRuntime): void {
    const ctx = this.beginHandler(node);
    if (ctx) {
      this.protocol.onStart(ctx, handlerState(node));
      this.endHandler(node);
    }
  }

  private applyEffect(node: NodeRuntime, effect: Effect): void {
    const w = this.world;
    switch (effect.kind) {
      case 'send':
        this.network.send(node, effect.to, effect.message);
        break;
      case 'setTimer': {
        const token = w.nextTimerToken++;
        const key = timerKey(effect.timer);
        node.timers[key] = token;
        const trueDelay = effect.afterMs / (1 + node.clock.driftPpm / 1_000_000);
        this.schedule(
          {
            kind: 'timer',
            node: node.id,
            timer: effect.timer,
            key,
            token,
            incarnation: node.incarnation,
            setAt: w.now,
            time: 0,
            lane: 0,
            seq: 0,
          },
          trueDelay,
        );
        break;
      }
      case 'cancelTimer':
        delete node.timers[timerKey(effect.timer)];
        break;
      case 'reply':
        this.clients.sendReply(node, effect.requestId, effect.reply);
        break;
      case 'powerOff':
        w.notes.push({ at: w.now, node: node.id, text: `${node.id} powered off ${effect.node} (STONITH)` });
        this.faults.crash(effect.node);
        break;
      case 'note':
        w.notes.push({ at: w.now, node: node.id, text: effect.text });
        break;
    }
  }

  // Metrics ---------------------------------------------------------------------------------------

  /** Closes every metrics window that ends before `time` (each holds everything up to and including its end). */
  private sampleUntil(time: number): void {
    const w = this.world;
    while (w.nextSampleAt < time) {
      const at = w.nextSampleAt;
      const gauges =
        this.protocol.gauges?.({
          nodes: this.observedNodes,
          params: this.params,
          now: at,
          observations: w.observations,
        }) ?? {};
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
      if (problem)
        this.world.violations.push({ name: invariant.name, ok: false, detail: problem, at: this.world.now });
    }
  }
}
