/**
 * The simulated network: one-way latency per link (region distance plus jitter, or a link override),
 * message loss, duplication and reordering, and cut links. Sending draws from the run's network random
 * stream in a fixed order, so a seed replays the same deliveries.
 */
import { regionOneWayMs } from './regions';
import { Random } from './random';
import type { Latency, Scenario } from './schema';
import type { NodeId } from './types';
import { hashString } from './random';
import { handlerState, mixDigest, type Engine, type NodeRuntime, type SimEvent, type World } from './world';

export class Network {
  private readonly engine: Engine;
  /** Fixed one-way delay between regions, by from.index * n + to.index. */
  private readonly regionDelayMs: Float64Array;
  private readonly linkOverrides: Map<number, Scenario['network']['links'][number]>;
  private anyCuts = false;
  private random!: Random;

  constructor(engine: Engine, nodes: readonly NodeRuntime[]) {
    this.engine = engine;
    this.regionDelayMs = regionDelays(engine.scenario, nodes);
    const ids = engine.nodeIds;
    this.linkOverrides = new Map(
      engine.scenario.network.links.map((link) => [
        ids.indexOf(link.from) * nodes.length + ids.indexOf(link.to),
        link,
      ]),
    );
  }

  /** Re-reads the derived state from a (restored) world. */
  bind(world: World): void {
    this.random = Random.attach(world.random.network);
    this.anyCuts = Object.keys(world.cuts).length > 0;
  }

  isLinkCut(from: NodeId, to: NodeId): boolean {
    return this.anyCuts && this.engine.world.cuts[`${from}>${to}`] === true;
  }

  /** One-way delay from one node to another: a link override, else region distance plus local jitter, else the default. */
  linkLatency(from: NodeRuntime, to: NodeRuntime): number {
    const pair = from.index * this.engine.nodeIds.length + to.index;
    const override = this.linkOverrides.size > 0 ? this.linkOverrides.get(pair) : undefined;
    if (override?.latency) return this.sampleLatency(override.latency);
    return this.regionDelayMs[pair]! + this.sampleLatency(this.engine.world.latency);
  }

  send(from: NodeRuntime, to: NodeId, message: unknown): void {
    const engine = this.engine;
    const w = engine.world;
    const receiver = engine.node(to);
    const messageId = w.nextMessageId++;
    const label = engine.protocol.describeMessage(message);
    const network = this.random;
    w.counters.messagesSent++;
    engine.onSend?.({ id: messageId, from: from.id, to, label, at: w.now });
    w.digest = mixDigest(mixDigest(mixDigest(w.digest, labelHash(label)), from.index), receiver.index);
    // A zero rate draws nothing from the stream (see Random.chance), so the `> 0` tests only skip work.
    const { duplicateRate, reorderRate } = engine.scenario.network;
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
      engine.schedule(
        {
          kind: 'deliver',
          messageId,
          from: from.id,
          to,
          message,
          label,
          sentAt: w.now,
          time: 0,
          lane: 0,
          seq: 0,
        },
        Math.max(1, delay),
      );
    }
  }

  /** Hands a message to its receiver's handler; false when it is dropped (receiver crashed or link cut). */
  deliver(event: Extract<SimEvent, { kind: 'deliver' }>, receiver: NodeRuntime): boolean {
    const engine = this.engine;
    const w = engine.world;
    if (receiver.status === 'crashed' || this.isLinkCut(event.from, event.to)) {
      w.counters.messagesDropped++;
      return false;
    }
    w.counters.messagesDelivered++;
    w.digest = mixDigest(mixDigest(w.digest, labelHash(event.label)), receiver.index);
    const ctx = engine.beginHandler(receiver);
    if (ctx) {
      engine.protocol.onMessage(ctx, handlerState(receiver), event.from, event.message);
      engine.endHandler(receiver);
    }
    return true;
  }

  /** Drops one message in flight (or waiting at a paused node) by id. Returns false when there is none. */
  dropMessage(messageId: number): boolean {
    const chosen = (event: SimEvent) => event.kind === 'deliver' && event.messageId === messageId;
    let removed = this.engine.removeQueued(chosen).length;
    for (const node of this.engine.world.nodes) {
      const kept = node.held.filter((event) => !chosen(event));
      removed += node.held.length - kept.length;
      node.held = kept;
    }
    this.engine.world.counters.messagesDropped += removed;
    return removed > 0;
  }

  cutLink(from: NodeId, to: NodeId): void {
    const cuts = this.engine.world.cuts;
    if (from !== to) cuts[`${from}>${to}`] = true;
    this.anyCuts = Object.keys(cuts).length > 0;
  }

  /** Cuts every link to and from `node`. */
  isolate(node: NodeId): void {
    for (const other of this.engine.nodeIds) {
      this.cutLink(node, other);
      this.cutLink(other, node);
    }
  }

  healAll(): void {
    this.engine.world.cuts = {};
    this.anyCuts = false;
  }

  /** Cuts every link between the groups; nodes in no group form one more group. */
  partition(groups: NodeId[][]): void {
    this.healAll();
    const listed = new Set(groups.flat());
    const rest = this.engine.nodeIds.filter((id) => !listed.has(id));
    const allGroups = rest.length > 0 ? [...groups, rest] : groups;
    allGroups.forEach((group, i) =>
      allGroups.forEach((other, j) => {
        if (i !== j) for (const from of group) for (const to of other) this.cutLink(from, to);
      }),
    );
  }

  private lossRateFor(from: NodeRuntime, to: NodeRuntime): number {
    const w = this.engine.world;
    if (this.linkOverrides.size === 0) return w.lossRate;
    return this.linkOverrides.get(from.index * this.engine.nodeIds.length + to.index)?.lossRate ?? w.lossRate;
  }

  private sampleLatency(spec: Latency): number {
    const random = this.random;
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
}

/** A protocol uses few distinct message labels, so their hashes are worth remembering (a pure function's memo). */
const labelHashes = new Map<string, number>();

function labelHash(label: string): number {
  let hash = labelHashes.get(label);
  if (hash === undefined) {
    hash = hashString(label);
    if (labelHashes.size < 10_000) labelHashes.set(label, hash);
  }
  return hash;
}

function regionDelays(scenario: Scenario, nodes: readonly NodeRuntime[]): Float64Array {
  const n = nodes.length;
  const delays = new Float64Array(n * n);
  for (const from of nodes) {
    for (const to of nodes) {
      if (from.region && to.region && from.region !== to.region) {
        delays[from.index * n + to.index] =
          scenario.network.regionLatencyMs?.[`${from.region}>${to.region}`] ??
          regionOneWayMs(from.region, to.region);
      }
    }
  }
  return delays;
}
