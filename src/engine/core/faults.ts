/**
 * Faults and the other actions a scenario's schedule or a student can take: crashing, restarting,
 * pausing and slowing nodes, cutting and healing links, changing latency and loss, dropping a message,
 * a client operation, or an operator command. Each action is folded into the run's digest and noted.
 */
import type { Network } from './network';
import { hashString } from './random';
import { tagAction, unhandledKind, type Action, type ActionOf } from './schema';
import type { NodeId } from './types';
import type { Clients } from './workload';
import { handlerState, mixDigest, type Engine, type NodeRuntime } from './world';

export class Faults {
  private readonly engine: Engine;
  private readonly network: Network;
  private readonly clients: Clients;

  constructor(engine: Engine, network: Network, clients: Clients) {
    this.engine = engine;
    this.network = network;
    this.clients = clients;
  }

  apply(input: Action): void {
    const engine = this.engine;
    const w = engine.world;
    w.digest = mixDigest(w.digest, hashString(JSON.stringify(input)));
    const action = tagAction(input);
    switch (action.kind) {
      case 'crash':
        return this.crash(action.crash);
      case 'restart':
        return this.restart(action.restart);
      case 'pause':
        return this.pause(engine.node(action.pause), action.durationMs);
      case 'resume': {
        const node = engine.node(action.resume);
        if (node.status === 'paused') this.resume(node);
        return;
      }
      case 'slow': {
        const node = engine.node(action.slow);
        node.slowFactor = action.factor;
        node.slowUntil = action.durationMs === undefined ? Infinity : w.now + action.durationMs;
        return this.note(node.id, `${node.id} slowed down ${action.factor}×`);
      }
      case 'partition':
        this.network.partition(action.partition);
        return this.note(
          null,
          `network partitioned into ${action.partition.map((g) => `{${g.join(', ')}}`).join(' | ')}`,
        );
      case 'isolate':
        this.network.isolate(action.isolate);
        return this.note(action.isolate, `${action.isolate} cut off from the network`);
      case 'cut':
        this.network.cutLink(action.cut.from, action.cut.to);
        return this.note(null, `link ${action.cut.from} → ${action.cut.to} cut`);
      case 'heal':
        this.network.healAll();
        return this.note(null, 'network healed');
      case 'dropMessage':
        this.network.dropMessage(action.dropMessage);
        return;
      case 'setLatency':
        w.latency = action.setLatency;
        return;
      case 'setLossRate':
        w.lossRate = action.setLossRate;
        return;
      case 'client':
        return this.clients.enqueueClientOp(action.client);
      case 'operator':
        return this.operator(action.operator);
      default:
        return unhandledKind(action);
    }
  }

  private pause(node: NodeRuntime, durationMs: number): void {
    const w = this.engine.world;
    if (node.status === 'crashed') return;
    node.status = 'paused';
    node.pausedUntil = Math.max(node.pausedUntil, w.now + durationMs);
    this.engine.schedule({ kind: 'wake', node: node.id, time: 0, lane: 0, seq: 0 }, node.pausedUntil - w.now);
    this.note(node.id, `${node.id} paused for ${durationMs} ms`);
  }

  private operator({ node, command, args }: ActionOf<'operator'>['operator']): void {
    const engine = this.engine;
    this.note(node, `operator: ${command} on ${node}`);
    const target = engine.node(node);
    const ctx = engine.beginHandler(target);
    if (ctx) {
      engine.protocol.onOperator?.(ctx, handlerState(target), command, args ?? {});
      engine.endHandler(target);
    }
  }

  private note(node: NodeId | null, text: string): void {
    const w = this.engine.world;
    w.notes.push({ at: w.now, node, text });
  }

  crash(nodeId: NodeId): void {
    const w = this.engine.world;
    const node = this.engine.node(nodeId);
    if (node.status === 'crashed') return;
    node.status = 'crashed';
    node.incarnation++;
    node.timers = {};
    node.slowUntil = 0;
    node.slowFactor = 1;
    node.state.volatile = null;
    // Work queued behind a pause dies with the process.
    for (const event of node.held) if (event.kind === 'deliver') w.counters.messagesDropped++;
    node.held = [];
    w.notes.push({ at: w.now, node: nodeId, text: `${nodeId} crashed` });
  }

  restart(nodeId: NodeId): void {
    const { world: w, protocol, nodeIds, params } = this.engine;
    const node = this.engine.node(nodeId);
    if (node.status !== 'crashed') return;
    node.status = 'up';
    node.state.volatile = protocol.initVolatile({ self: nodeId, nodes: nodeIds, params }, node.state.durable);
    w.notes.push({ at: w.now, node: nodeId, text: `${nodeId} restarted` });
    this.engine.startNode(node);
  }

  /** Ends a pause: the node is up again and the events it held run now, in the order they arrived. */
  resume(node: NodeRuntime): void {
    const w = this.engine.world;
    node.status = 'up';
    node.pausedUntil = w.now;
    const held = node.held;
    node.held = [];
    for (const event of held) this.engine.schedule({ ...event }, 0);
    w.notes.push({ at: w.now, node: node.id, text: `${node.id} resumed` });
  }
}

/** A few words for an action, for traces and logs: "crash n2", "partition {n1, n2} | {n3}". */
export function describeAction(input: Action): string {
  const action = tagAction(input);
  switch (action.kind) {
    case 'crash':
      return `crash ${action.crash}`;
    case 'restart':
      return `restart ${action.restart}`;
    case 'pause':
      return `pause ${action.pause} for ${action.durationMs} ms`;
    case 'resume':
      return `resume ${action.resume}`;
    case 'slow':
      return `slow ${action.slow} ${action.factor}×`;
    case 'partition':
      return `partition ${action.partition.map((group) => `{${group.join(', ')}}`).join(' | ')}`;
    case 'isolate':
      return `isolate ${action.isolate}`;
    case 'cut':
      return `cut ${action.cut.from} → ${action.cut.to}`;
    case 'heal':
      return 'heal';
    case 'dropMessage':
      return `drop message ${action.dropMessage}`;
    case 'setLatency':
      return `latency ${action.setLatency.minMs}+${action.setLatency.meanMs} ms ${action.setLatency.distribution}`;
    case 'setLossRate':
      return `loss rate ${action.setLossRate}`;
    case 'client':
      return `${action.client.client}: ${action.client.op} ${action.client.key} at ${action.client.node}`;
    case 'operator':
      return `operator ${action.operator.command} on ${action.operator.node}`;
    default:
      return unhandledKind(action);
  }
}
