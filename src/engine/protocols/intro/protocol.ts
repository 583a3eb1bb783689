/**
 * One server versus a cluster. A load balancer forwards each client request to the healthy server with
 * the fewest requests outstanding; each server works through its queue one request at a time, taking
 * `serviceMs` per request, and turns requests away once `maxQueue` are waiting. The balancer health-checks
 * servers and stops routing to one that misses its pings. Capacity, queueing and failure are therefore
 * real here: a single server's latency explodes past its capacity and everything stops when it crashes,
 * while a cluster spreads the load and routes around a dead server after the health check notices.
 */
import { z } from 'zod';
import { unhandledKind } from '../../core/schema';
import type { HandlerContext, NodeId, NodeState, Protocol, Value } from '../../core/types';

const paramsSchema = z
  .object({
    /** The node that balances load; every other node is a server. */
    balancer: z.string().default('lb'),
    /** Time one server spends on one request: capacity is 1000 / serviceMs requests per second. */
    serviceMs: z.number().int().min(1).max(10_000).default(10),
    maxQueue: z.number().int().min(1).max(10_000).default(20),
    healthCheckMs: z.number().int().min(10).max(60_000).default(100),
    healthTimeoutMs: z.number().int().min(10).max(60_000).default(300),
  })
  .strict();
type Params = z.infer<typeof paramsSchema>;

interface Work {
  requestId: number;
  op: string;
  key: string;
  value: Value;
}

type Message =
  | { type: 'work'; work: Work }
  | { type: 'done'; requestId: number }
  | { type: 'ping'; sentAt: number }
  | { type: 'pong'; sentAt: number }
  | { type: 'update'; key: string; value: Value };

interface Durable {
  kv: Record<string, Value>;
}

interface BalancerState {
  kind: 'balancer';
  outstanding: Record<NodeId, number>;
  lastPong: Record<NodeId, number>;
  healthy: Record<NodeId, boolean>;
  /** Which server each forwarded request went to, so its slot is freed when it finishes. */
  assigned: Record<number, NodeId>;
}

interface ServerState {
  kind: 'server';
  queue: Work[];
  /** params.maxQueue, kept here so the node's summary can show how full the queue is. */
  capacity: number;
  served: number;
  rejected: number;
}

type Volatile = BalancerState | ServerState;
/** The balancer's health checks, and a server finishing the request at the head of its queue. */
type Timer = { kind: 'health' } | { kind: 'serve' };
type Context = HandlerContext<Params, Message, Timer>;
type State = NodeState<Durable, Volatile>;

const servers = (ctx: { nodes: readonly NodeId[]; params: Params }) =>
  ctx.nodes.filter((node) => node !== ctx.params.balancer);

/** The healthy server with the fewest requests outstanding (ties go to the first in node order). */
export function chooseServer(balancer: BalancerState, candidates: readonly NodeId[]): NodeId | null {
  let best: NodeId | null = null;
  for (const server of candidates) {
    if (!balancer.healthy[server]) continue;
    if (best === null || (balancer.outstanding[server] ?? 0) < (balancer.outstanding[best] ?? 0))
      best = server;
  }
  return best;
}

function balance(ctx: Context, balancer: BalancerState, work: Work): void {
  const server = chooseServer(balancer, servers(ctx));
  if (!server) {
    ctx.reply(work.requestId, { ok: false, error: 'no healthy server to take the request' });
    return;
  }
  balancer.outstanding[server] = (balancer.outstanding[server] ?? 0) + 1;
  balancer.assigned[work.requestId] = server;
  ctx.send(server, { type: 'work', work });
}

/** A server that stopped answering will not report its requests done; free its slots. */
function forgetRequestsOn(balancer: BalancerState, server: NodeId): void {
  balancer.outstanding[server] = 0;
  for (const [requestId, assignee] of Object.entries(balancer.assigned)) {
    if (assignee === server) delete balancer.assigned[Number(requestId)];
  }
}

function checkHealth(ctx: Context, balancer: BalancerState): void {
  for (const server of servers(ctx)) {
    const alive = ctx.clock.now - (balancer.lastPong[server] ?? -Infinity) <= ctx.params.healthTimeoutMs;
    if (alive !== balancer.healthy[server]) {
      ctx.note(
        alive
          ? `load balancer: ${server} is healthy again`
          : `load balancer: ${server} missed its health checks; routing around it`,
      );
      if (!alive) forgetRequestsOn(balancer, server);
    }
    balancer.healthy[server] = alive;
    ctx.send(server, { type: 'ping', sentAt: ctx.clock.now });
  }
  ctx.setTimer({ kind: 'health' }, ctx.params.healthCheckMs);
}

function accept(ctx: Context, server: ServerState, work: Work): void {
  if (server.queue.length >= ctx.params.maxQueue) {
    server.rejected++;
    ctx.reply(work.requestId, {
      ok: false,
      error: `${ctx.self} is overloaded (${server.queue.length} requests waiting)`,
    });
    ctx.send(ctx.params.balancer, { type: 'done', requestId: work.requestId });
    return;
  }
  server.queue.push(work);
  if (server.queue.length === 1) ctx.setTimer({ kind: 'serve' }, ctx.params.serviceMs);
}

function finish(ctx: Context, state: State, server: ServerState): void {
  const work = server.queue.shift();
  if (!work) return;
  server.served++;
  if (work.op === 'write') {
    state.durable.kv[work.key] = work.value;
    for (const peer of servers(ctx))
      if (peer !== ctx.self) ctx.send(peer, { type: 'update', key: work.key, value: work.value });
    ctx.reply(work.requestId, { ok: true });
  } else if (work.op === 'read') {
    ctx.reply(work.requestId, { ok: true, value: state.durable.kv[work.key] ?? null });
  } else {
    ctx.reply(work.requestId, { ok: false, error: `this service supports read and write, not ${work.op}` });
  }
  ctx.send(ctx.params.balancer, { type: 'done', requestId: work.requestId });
  if (server.queue.length > 0) ctx.setTimer({ kind: 'serve' }, ctx.params.serviceMs);
}

export const introProtocol: Protocol<Params, Durable, Volatile, Message, Timer> = {
  id: 'intro',
  title: 'Load-balanced servers',
  paramsSchema,
  checkParams(params, nodes) {
    if (!nodes.includes(params.balancer)) {
      return [
        `params.balancer: the balancer "${params.balancer}" is not one of the nodes (${nodes.join(', ')})`,
      ];
    }
    return nodes.length < 2 ? ['nodes: add at least one server besides the balancer'] : [];
  },
  initDurable: () => ({ kv: {} }),
  initVolatile: ({ self, nodes, params }) =>
    self === params.balancer
      ? {
          kind: 'balancer',
          outstanding: {},
          assigned: {},
          lastPong: {},
          // Servers start healthy: the balancer has no evidence against them yet.
          healthy: Object.fromEntries(nodes.filter((node) => node !== self).map((node) => [node, true])),
        }
      : { kind: 'server', queue: [], capacity: params.maxQueue, served: 0, rejected: 0 },
  onStart(ctx, state) {
    if (state.volatile.kind === 'balancer') {
      for (const server of servers(ctx)) state.volatile.lastPong[server] = ctx.clock.now;
      checkHealth(ctx, state.volatile);
    }
  },
  onClientRequest(ctx, state, request) {
    const work: Work = {
      requestId: request.id,
      op: request.op,
      key: request.key,
      value: request.value ?? null,
    };
    if (state.volatile.kind === 'balancer') balance(ctx, state.volatile, work);
    else accept(ctx, state.volatile, work);
  },
  onMessage(ctx, state, from, message) {
    const local = state.volatile;
    switch (message.type) {
      case 'work':
        if (local.kind === 'server') accept(ctx, local, message.work);
        break;
      case 'done':
        if (local.kind === 'balancer' && local.assigned[message.requestId] === from) {
          delete local.assigned[message.requestId];
          local.outstanding[from] = Math.max(0, (local.outstanding[from] ?? 0) - 1);
        }
        break;
      case 'ping':
        ctx.send(from, { type: 'pong', sentAt: message.sentAt });
        break;
      case 'pong':
        if (local.kind === 'balancer') local.lastPong[from] = ctx.clock.now;
        break;
      case 'update':
        state.durable.kv[message.key] = message.value;
        break;
    }
  },
  onTimer(ctx, state, timer) {
    const local = state.volatile;
    switch (timer.kind) {
      case 'health':
        if (local.kind === 'balancer') checkHealth(ctx, local);
        return;
      case 'serve':
        if (local.kind === 'server') finish(ctx, state, local);
        return;
      default:
        return unhandledKind(timer);
    }
  },
  describeMessage: (message) => message.type,
  describeNode(state, up) {
    const local = state.volatile;
    if (!up || !local) return { role: 'down', kv: { ...state.durable.kv } };
    if (local.kind === 'balancer') {
      return {
        role: 'load balancer',
        details: Object.fromEntries(
          Object.keys(local.healthy).map((server) => [
            server,
            `${local.healthy[server] ? 'healthy' : 'unhealthy'}, ${local.outstanding[server] ?? 0} outstanding`,
          ]),
        ),
      };
    }
    return {
      role: 'server',
      kv: { ...state.durable.kv },
      details: { queue: local.queue.length, served: local.served, 'turned away': local.rejected },
      queue: {
        waiting: local.queue.length,
        capacity: local.capacity,
        served: local.served,
        turnedAway: local.rejected,
      },
    };
  },
  topology({ params, nodes }) {
    const others = nodes.filter((node) => node !== params.balancer);
    // A server that applies a write tells the other servers, so servers behind one balancer talk too.
    const extraLinks = others.flatMap((a, i) => others.slice(i + 1).map((b): [NodeId, NodeId] => [a, b]));
    return { shape: 'star', order: [params.balancer, ...others], extraLinks, clients: true };
  },
  gauges({ nodes }) {
    const gauges: Record<string, number> = {};
    for (const [id, node] of nodes) {
      const local = node.state.volatile;
      if (node.up && local?.kind === 'server') gauges[`queue.${id}`] = local.queue.length;
    }
    return gauges;
  },
};
