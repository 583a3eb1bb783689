/**
 * Optimistic concurrency control with versioned rows.
 *
 * One node is the database: each row has a value and a version. The other nodes are application servers
 * that serve a client's 'increment' by reading the row (value v, version n) and writing it back with
 *
 *   UPDATE … SET value = v + 1, version = n + 1 WHERE version = n
 *
 * If another writer got there first the version no longer matches, no row changes, and the server reads
 * again and retries (after a short random backoff), up to maxAttempts. With versionCheck off the write is a
 * blind read-modify-write (no WHERE clause): two concurrent increments can read the same value, and the
 * second write silently overwrites the first — a lost update.
 */
import { z } from 'zod';
import { unhandledKind } from '../../../core/schema';
import type { HandlerContext, NodeState, NodeView, Protocol, Value } from '../../../core/types';
import { checkNodeParam, hubTopology, initialValuesParam } from '../shared/placement';

export const occParams = z
  .object({
    /** The node that stores the versioned rows. */
    database: z.string().default('n1'),
    initial: initialValuesParam.default({ counter: 0 }),
    /** false: write back without checking the version (blind read-modify-write). */
    versionCheck: z.boolean().default(true),
    /** Attempts (one read plus one conditional write each) before an increment gives up. */
    maxAttempts: z.number().int().min(1).default(30),
    /** A retry waits a random 0…backoffMs first, so colliding servers spread out. */
    backoffMs: z.number().int().min(0).default(10),
    /** How long an application server waits for the database before answering "indeterminate". */
    databaseTimeoutMs: z.number().int().min(1).default(500),
  })
  .strict();
export type OccParams = z.infer<typeof occParams>;

export interface Row {
  value: Value;
  version: number;
}

export interface OccDurable {
  role: 'database' | 'application server';
  rows: Record<string, Row>;
  /** Application server: increments committed and version conflicts retried, for the node view. */
  committed: number;
  conflicts: number;
}

/** One increment an application server is working on, keyed by the client's request id. */
interface Increment {
  client: string;
  key: string;
  attempt: number;
  /** What this attempt read, once the row arrives. */
  read: Row | null;
}

export interface OccVolatile {
  increments: Record<string, Increment>;
}

export type OccMessage =
  | { type: 'select'; request: number; attempt: number; key: string }
  | { type: 'row'; request: number; attempt: number; row: Row }
  | {
      type: 'update';
      request: number;
      attempt: number;
      key: string;
      value: Value;
      expectedVersion: number | null;
    }
  | { type: 'updated'; request: number; attempt: number; rowsAffected: 0 | 1; row: Row };

/** A client's wait before it retries one increment, and its deadline for the database's answer. */
type OccTimer = { kind: 'retry'; id: number } | { kind: 'database-timeout'; id: number };

type Ctx = HandlerContext<OccParams, OccMessage, OccTimer>;
type State = NodeState<OccDurable, OccVolatile>;

const emptyRow = (): Row => ({ value: 0, version: 0 });

// Database ------------------------------------------------------------------------------------------

/** `UPDATE … WHERE version = expected` (or without the WHERE when expected is null). Returns rows affected. */
export function conditionalUpdate(
  rows: Record<string, Row>,
  key: string,
  value: Value,
  expectedVersion: number | null,
): 0 | 1 {
  const row = rows[key] ?? emptyRow();
  if (expectedVersion !== null && row.version !== expectedVersion) return 0;
  rows[key] = { value, version: row.version + 1 };
  return 1;
}

// Application server --------------------------------------------------------------------------------

function sendToDatabase(ctx: Ctx, request: number, message: OccMessage): void {
  ctx.send(ctx.params.database, message);
  ctx.setTimer({ kind: 'database-timeout', id: request }, ctx.params.databaseTimeoutMs);
}

function readRow(ctx: Ctx, state: State, request: number): void {
  const increment = state.volatile.increments[request]!;
  increment.read = null;
  sendToDatabase(ctx, request, { type: 'select', request, attempt: increment.attempt, key: increment.key });
}

function current(state: State, message: { request: number; attempt: number }): Increment | undefined {
  const increment = state.volatile.increments[message.request];
  return increment && increment.attempt === message.attempt ? increment : undefined;
}

function onRow(ctx: Ctx, state: State, message: Extract<OccMessage, { type: 'row' }>): void {
  const increment = current(state, message);
  if (!increment) return;
  const { value } = message.row;
  if (typeof value !== 'number') {
    finish(ctx, state, message.request, {
      ok: false,
      error: `${increment.key} holds "${String(value)}", not a number`,
    });
    return;
  }
  increment.read = message.row;
  sendToDatabase(ctx, message.request, {
    type: 'update',
    request: message.request,
    attempt: increment.attempt,
    key: increment.key,
    value: value + 1,
    expectedVersion: ctx.params.versionCheck ? message.row.version : null,
  });
}

function onUpdated(ctx: Ctx, state: State, message: Extract<OccMessage, { type: 'updated' }>): void {
  const increment = current(state, message);
  if (!increment) return;
  if (message.rowsAffected === 1) {
    state.durable.committed++;
    if (increment.attempt > 1)
      ctx.note(
        `${increment.client}'s increment of ${increment.key} succeeded on attempt ${increment.attempt}`,
      );
    finish(ctx, state, message.request, {
      ok: true,
      value: message.row.value,
      note: `attempt ${increment.attempt}`,
    });
    return;
  }
  state.durable.conflicts++;
  const readVersion = increment.read?.version;
  if (increment.attempt >= ctx.params.maxAttempts) {
    finish(ctx, state, message.request, {
      ok: false,
      error: `gave up after ${increment.attempt} version conflicts`,
    });
    return;
  }
  ctx.note(
    `${ctx.self}: version conflict on ${increment.key} for ${increment.client} (read version ${readVersion}, now ${message.row.version}); retrying`,
  );
  increment.attempt++;
  ctx.cancelTimer({ kind: 'database-timeout', id: message.request });
  ctx.setTimer({ kind: 'retry', id: message.request }, ctx.random.int(0, ctx.params.backoffMs));
}

function finish(ctx: Ctx, state: State, request: number, reply: Parameters<Ctx['reply']>[1]): void {
  delete state.volatile.increments[request];
  ctx.cancelTimer({ kind: 'database-timeout', id: request });
  ctx.reply(request, reply);
}

// Views ---------------------------------------------------------------------------------------------

function describeNode(state: State, up: boolean): NodeView {
  const { durable } = state;
  if (durable.role === 'database') {
    return {
      role: up ? 'database' : 'down',
      kv: Object.fromEntries(Object.entries(durable.rows).map(([key, row]) => [key, row.value])),
      details: Object.fromEntries(
        Object.entries(durable.rows).map(([key, row]) => [`${key} version`, row.version]),
      ),
    };
  }
  const working = up ? Object.values(state.volatile.increments) : [];
  return {
    role: up ? 'application server' : 'down',
    details: {
      'in progress':
        working.map((increment) => `${increment.client} (attempt ${increment.attempt})`).join('; ') || 'none',
      committed: durable.committed,
      'conflicts retried': durable.conflicts,
    },
  };
}

export const occProtocol: Protocol<OccParams, OccDurable, OccVolatile, OccMessage, OccTimer> = {
  id: 'occ',
  title: 'Optimistic concurrency control',
  paramsSchema: occParams,
  checkParams: (params, nodes) => checkNodeParam(params.database, nodes, 'params.database'),
  initDurable: ({ self, params }) => ({
    role: self === params.database ? 'database' : 'application server',
    rows:
      self === params.database
        ? Object.fromEntries(
            Object.entries(params.initial).map(([key, value]) => [key, { value, version: 0 }]),
          )
        : {},
    committed: 0,
    conflicts: 0,
  }),
  initVolatile: () => ({ increments: {} }),
  onStart() {},
  onMessage(ctx, state, from, message) {
    switch (message.type) {
      case 'select':
        ctx.send(from, {
          type: 'row',
          request: message.request,
          attempt: message.attempt,
          row: state.durable.rows[message.key] ?? emptyRow(),
        });
        return;
      case 'update': {
        const rowsAffected = conditionalUpdate(
          state.durable.rows,
          message.key,
          message.value,
          message.expectedVersion,
        );
        const row = state.durable.rows[message.key] ?? emptyRow();
        ctx.send(from, {
          type: 'updated',
          request: message.request,
          attempt: message.attempt,
          rowsAffected,
          row,
        });
        return;
      }
      case 'row':
        return onRow(ctx, state, message);
      case 'updated':
        return onUpdated(ctx, state, message);
    }
  },
  onTimer(ctx, state, timer) {
    const request = timer.id;
    if (!state.volatile.increments[request]) return;
    switch (timer.kind) {
      case 'retry':
        return readRow(ctx, state, request);
      case 'database-timeout':
        // The conditional write may or may not have happened: the client must not assume either.
        return finish(ctx, state, request, {
          ok: false,
          indeterminate: true,
          error: `no answer from ${ctx.params.database}`,
        });
      default:
        return unhandledKind(timer);
    }
  },
  onClientRequest(ctx, state, request) {
    const { database } = ctx.params;
    if (request.op === 'read') {
      if (ctx.self !== database)
        ctx.reply(request.id, { ok: false, error: `${database} stores the rows`, redirectTo: database });
      else ctx.reply(request.id, { ok: true, value: (state.durable.rows[request.key] ?? emptyRow()).value });
      return;
    }
    if (request.op !== 'increment') {
      ctx.reply(request.id, {
        ok: false,
        error: `supported operations are increment and read, not ${request.op}`,
      });
      return;
    }
    state.volatile.increments[request.id] = {
      client: request.client,
      key: request.key,
      attempt: 1,
      read: null,
    };
    readRow(ctx, state, request.id);
  },
  describeMessage(message) {
    switch (message.type) {
      case 'select':
        return `SELECT ${message.key}`;
      case 'row':
        return `ROW v${message.row.version}`;
      case 'update':
        return message.expectedVersion === null
          ? `UPDATE ${message.key}`
          : `UPDATE ${message.key} IF v${message.expectedVersion}`;
      case 'updated':
        return `${message.rowsAffected} ROW${message.rowsAffected === 1 ? '' : 'S'} UPDATED`;
    }
  },
  // Each application server reads and writes rows on the database, and never talks to another server.
  topology: ({ params, nodes }) => hubTopology(params.database, nodes, nodes),
  describeNode,
  gauges({ nodes }) {
    let conflicts = 0;
    for (const [, { state }] of nodes) conflicts += state.durable.conflicts;
    return { 'version conflicts': conflicts };
  },
};
