/**
 * Clients and the workload: each client has one operation in flight (more wait in its queue), records it
 * in the history when invoked and when it completes, follows redirects, and gives up after a timeout. The
 * scenario's workload drives some clients with random operations at a Poisson rate; scripts and the
 * student's commands drive others.
 */
import { hashString, Random } from './random';
import type { ClientOp } from './schema';
import type { ClientReply, ClientRequest, HistoryOperation, NodeId, Value } from './types';
import type { Network } from './network';
import {
  handlerState,
  hashValue,
  mixDigest,
  type ClientRuntime,
  type Engine,
  type NodeRuntime,
  type World,
} from './world';

export class Clients {
  private readonly engine: Engine;
  private readonly network: Network;
  private clientIndex = new Map<string, ClientRuntime>();
  /** Clients by the id of the request they are waiting on (derived from clients[].current). */
  private waiting = new Map<number, ClientRuntime>();
  private random!: Random;
  private zipfTable: number[] | null = null;
  private keyNames: string[] = [];

  constructor(engine: Engine, network: Network) {
    this.engine = engine;
    this.network = network;
  }

  /** Re-reads the derived state from a (restored) world. */
  bind(world: World): void {
    this.random = Random.attach(world.random.workload);
    this.clientIndex = new Map(world.clients.map((client) => [client.id, client]));
    this.waiting = new Map(
      world.clients.flatMap((client) =>
        client.current ? [[client.current.request.id, client] as const] : [],
      ),
    );
  }

  /** The client waiting on a request, if any. */
  waitingOn(requestId: number): ClientRuntime | undefined {
    return this.waiting.get(requestId);
  }

  createWorkloadClients(): void {
    const { scenario, nodeIds } = this.engine;
    const workload = scenario.workload;
    if (!workload) return;
    for (let i = 0; i < workload.clients; i++) {
      const client = this.client(`c${i + 1}`, nodeIds[i % nodeIds.length]!);
      client.fromWorkload = true;
      this.scheduleNextWorkloadOperation(client.id, workload.startMs);
    }
  }

  issueWorkloadOperation(clientId: string): void {
    const { scenario, nodeIds, world } = this.engine;
    const workload = scenario.workload!;
    const client = this.clientIndex.get(clientId)!;
    const random = this.random;
    const { read, write, cas } = workload.mix;
    const roll = random.float() * (read + write + cas);
    const op = roll < read ? 'read' : roll < read + write ? 'write' : 'cas';
    const key = this.pickKey();
    const target =
      workload.target === 'home'
        ? client.home
        : workload.target === 'random'
          ? random.pick(nodeIds)
          : workload.target;
    const operation: ClientOp = { client: clientId, node: target, op, key, options: workload.options };
    if (op === 'write') operation.value = world.nextWriteValue++;
    if (op === 'cas') {
      operation.expected = random.int(0, Math.max(1, world.nextWriteValue - 1));
      operation.value = world.nextWriteValue++;
    }
    this.enqueueClientOp(operation, client);
  }

  enqueueClientOp(op: ClientOp, existing?: ClientRuntime): void {
    const client = existing ?? this.client(op.client, op.node);
    if (client.current) client.queued.push(op);
    else this.invoke(client, op);
  }

  receiveRequest(node: NodeRuntime, requestId: number): boolean {
    const engine = this.engine;
    const client = this.waiting.get(requestId);
    if (!client?.current || client.current.request.id !== requestId) return false;
    if (node.status !== 'up') return false; // the client will time out
    const request = client.current.request;
    engine.world.digest = mixDigest(mixDigest(engine.world.digest, node.index), requestId);
    const ctx = engine.beginHandler(node);
    if (ctx) {
      engine.protocol.onClientRequest(ctx, handlerState(node), request);
      engine.endHandler(node);
    }
    return true;
  }

  sendReply(node: NodeRuntime, requestId: number, reply: ClientReply): void {
    const client = this.waiting.get(requestId);
    if (!client) return;
    const delay = this.clientHop(client, node.id);
    if (delay !== null)
      this.engine.schedule(
        { kind: 'reply', requestId, reply, from: node.id, time: 0, lane: 0, seq: 0 },
        delay,
      );
  }

  receiveReply(requestId: number, reply: ClientReply, from: NodeId): boolean {
    const w = this.engine.world;
    const client = this.waiting.get(requestId);
    const pending = client?.current;
    if (!client || !pending || pending.request.id !== requestId) return false;
    if (reply.session !== undefined) client.session = reply.session;
    if (!reply.ok && reply.redirectTo && reply.redirectTo !== from && pending.attempts < 3) {
      pending.attempts++;
      pending.target = reply.redirectTo;
      w.digest = mixDigest(mixDigest(w.digest, requestId), hashString(reply.redirectTo));
      this.sendRequest(client, reply.redirectTo, requestId);
      return true;
    }
    const operation = w.history[pending.historyIndex]!;
    operation.complete = w.now;
    if (reply.ok) {
      operation.ok = true;
      if (operation.type === 'read') operation.value = (reply.value ?? null) as Value;
      else if (reply.value !== undefined && operation.type !== 'write' && operation.type !== 'cas')
        operation.value = reply.value;
    } else {
      operation.ok = reply.indeterminate ? null : false;
      operation.error = reply.error;
    }
    const outcome = operation.ok === true ? 1 : operation.ok === false ? 2 : 3;
    w.digest = mixDigest(mixDigest(mixDigest(w.digest, requestId), outcome), hashValue(operation.value));
    this.finishOperation(client, operation);
    return true;
  }

  timeOutRequest(requestId: number): boolean {
    const w = this.engine.world;
    const client = this.waiting.get(requestId);
    const pending = client?.current;
    if (!client || !pending || pending.request.id !== requestId) return false;
    const operation = w.history[pending.historyIndex]!;
    operation.ok = null;
    operation.error = 'timed out';
    w.digest = mixDigest(w.digest, requestId);
    this.finishOperation(client, operation);
    return true;
  }

  private scheduleNextWorkloadOperation(clientId: string, notBefore = 0): void {
    const { scenario, world } = this.engine;
    const workload = scenario.workload;
    if (!workload || workload.ratePerClient <= 0) return;
    const thinkMs = this.random.exponential(1000 / workload.ratePerClient);
    const at = Math.max(notBefore, world.now + Math.max(1, thinkMs));
    if (workload.stopMs !== undefined && at >= workload.stopMs) return;
    this.engine.schedule({ kind: 'client-next', client: clientId, time: 0, lane: 0, seq: 0 }, at - world.now);
  }

  private client(id: string, home: NodeId): ClientRuntime {
    let client = this.clientIndex.get(id);
    if (!client) {
      client = { id, home, session: undefined, fromWorkload: false, current: null, queued: [] };
      this.engine.world.clients.push(client);
      this.clientIndex.set(id, client);
    }
    return client;
  }

  private pickKey(): string {
    const keys = this.engine.scenario.workload!.keys;
    const random = this.random;
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

  private invoke(client: ClientRuntime, op: ClientOp): void {
    const { world: w, scenario } = this.engine;
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
    const timeoutMs = scenario.workload?.timeoutMs ?? 1000;
    this.engine.schedule({ kind: 'client-timeout', requestId, time: 0, lane: 0, seq: 0 }, timeoutMs);
  }

  /** A client sits next to its home node: 1 ms to it, and the home node's path to anyone else. */
  private clientHop(client: ClientRuntime, node: NodeId): number | null {
    if (node === client.home) return 1;
    if (this.network.isLinkCut(client.home, node) || this.network.isLinkCut(node, client.home)) return null;
    return 1 + this.network.linkLatency(this.engine.node(client.home), this.engine.node(node));
  }

  private sendRequest(client: ClientRuntime, node: NodeId, requestId: number): void {
    const delay = this.clientHop(client, node);
    if (delay !== null)
      this.engine.schedule({ kind: 'request', node, requestId, time: 0, lane: 0, seq: 0 }, delay);
  }

  private finishOperation(client: ClientRuntime, operation: HistoryOperation): void {
    const w = this.engine.world;
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
