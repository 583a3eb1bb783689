/**
 * Faults and the other actions a scenario's schedule or a student can take: crashing, restarting,
 * pausing and slowing nodes, cutting and healing links, changing latency and loss, dropping a message,
 * a client operation, or an operator command. Each action is folded into the run's digest and noted.
 */
import type { Network } from './network';
import { hashString } from './random';
import type { Action } from './schema';
import type { NodeId } from './types';
import type { Clients } from './workload';
import { mixDigest, type Engine, type NodeRuntime } from './world';

export class Faults {
  private readonly engine: Engine;
  private readonly network: Network;
  private readonly clients: Clients;

  constructor(engine: Engine, network: Network, clients: Clients) {
    this.engine = engine;
    this.network = network;
    this.clients = clients;
  }

  apply(action: Action): void {
    const engine = this.engine;
    const w = engine.world;
    w.digest = mixDigest(w.digest, hashString(JSON.stringify(action)));
    if ('crash' in action) this.crash(action.crash);
    else if ('restart' in action) this.restart(action.restart);
    else if ('pause' in action) {
      const node = engine.node(action.pause);
      if (node.status === 'crashed') return;
      node.status = 'paused';
      node.up = false;
      node.pausedUntil = Math.max(node.pausedUntil, w.now + action.durationMs);
      engine.schedule({ kind: 'wake', node: node.id, time: 0, lane: 0, seq: 0 }, node.pausedUntil - w.now);
      w.notes.push({ at: w.now, node: node.id, text: `${node.id} paused for ${action.durationMs} ms` });
    } else if ('resume' in action) {
      const node = engine.node(action.resume);
      if (node.status === 'paused') this.resume(node);
    } else if ('slow' in action) {
      const node = engine.node(action.slow);
      node.slowFactor = action.factor;
      node.slowUntil = action.durationMs === undefined ? Infinity : w.now + action.durationMs;
      w.notes.push({ at: w.now, node: node.id, text: `${node.id} slowed down ${action.factor}×` });
    } else if ('partition' in action) {
      this.network.partition(action.partition);
      w.notes.push({ at: w.now, node: null, text: `network partitioned into ${action.partition.map((g) => `{${g.join(', ')}}`).join(' | ')}` });
    } else if ('isolate' in action) {
      this.network.isolate(action.isolate);
      w.notes.push({ at: w.now, node: action.isolate, text: `${action.isolate} cut off from the network` });
    } else if ('cut' in action) {
      this.network.cutLink(action.cut.from, action.cut.to);
      w.notes.push({ at: w.now, node: null, text: `link ${action.cut.from} → ${action.cut.to} cut` });
    } else if ('heal' in action) {
      this.network.healAll();
      w.notes.push({ at: w.now, node: null, text: 'network healed' });
    } else if ('dropMessage' in action) this.network.dropMessage(action.dropMessage);
    else if ('setLatency' in action) w.latency = action.setLatency;
    else if ('setLossRate' in action) w.lossRate = action.setLossRate;
    else if ('client' in action) this.clients.enqueueClientOp(action.client);
    else if ('operator' in action) {
      const { node, command, args } = action.operator;
      w.notes.push({ at: w.now, node, text: `operator: ${command} on ${node}` });
      const target = engine.node(node);
      const ctx = engine.beginHandler(target);
      if (ctx) {
        engine.protocol.onOperator?.(ctx, target.state, command, args ?? {});
        engine.endHandler(target);
      }
    }
  }

  crash(nodeId: NodeId): void {
    const w = this.engine.world;
    const node = this.engine.node(nodeId);
    if (node.status === 'crashed') return;
    node.status = 'crashed';
    node.up = false;
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
    node.up = true;
    node.state.volatile = protocol.initVolatile({ self: nodeId, nodes: nodeIds, params }, node.state.durable);
    w.notes.push({ at: w.now, node: nodeId, text: `${nodeId} restarted` });
    this.engine.startNode(node);
  }

  /** Ends a pause: the node is up again and the events it held run now, in the order they arrived. */
  resume(node: NodeRuntime): void {
    const w = this.engine.world;
    node.status = 'up';
    node.up = true;
    node.pausedUntil = w.now;
    const held = node.held;
    node.held = [];
    for (const event of held) this.engine.schedule({ ...event }, 0);
    w.notes.push({ at: w.now, node: node.id, text: `${node.id} resumed` });
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
