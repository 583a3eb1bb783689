/**
 * A sharded transactional key-value store whose isolation level is a parameter.
 *
 * Keys live on shards (params.placement). The node a client contacts coordinates its transaction: it
 * reads the keys one statement at a time (params.thinkMs apart), lets the program decide its writes, and
 * commits with two-phase commit: PREPARE to the shards it writes (each locks the keys and votes), then
 * COMMIT or ABORT to every shard it touched. The decision is logged before it is sent and resent until
 * every shard acknowledges; a shard left holding a prepared transaction asks the coordinator, which
 * answers ABORT for any transaction it is not running and never decided (presumed abort).
 *
 *   read-committed      reads return the latest committed version; writes lock keys until commit, so
 *                       nobody overwrites uncommitted data. Lost updates and read skew are allowed.
 *   snapshot-isolation  MVCC as in Percolator: a timestamp oracle (params.oracle) gives each transaction
 *                       a start timestamp; reads return the newest version committed at or before it
 *                       (waiting while a key is locked by a commit in progress), and PREPARE fails if a
 *                       version committed after the start exists (first committer wins). Write skew is
 *                       allowed.
 *   serializable        strict two-phase locking, no-wait: reads take shared locks and writes exclusive
 *                       ones, held until commit or abort; a lock conflict aborts the transaction, which
 *                       retries after a random backoff.
 *
 * Every version records the transaction that wrote it, so the run's transactions and each key's version
 * order can be handed to the anomaly checker (`transactionalHistory`).
 */
import { z } from 'zod';
import type { Transaction, TransactionalHistory } from '../../core/transactions';
import { unhandledKind } from '../../core/schema';
import type { HandlerContext, NodeId, NodeState, NodeView, Protocol, Value } from '../../core/types';
import {
  checkInitialValues,
  checkNodeParam,
  checkPlacement,
  initialValuesParam,
  initialValuesOn,
  placementParam,
} from '../transactions/shared/placement';
import { programFor, type Program } from './programs';

export const isolationLevelParam = z.enum(['read-committed', 'snapshot-isolation', 'serializable']);
export type IsolationLevel = z.infer<typeof isolationLevelParam>;

export const isolationParams = z
  .object({
    isolation: isolationLevelParam.default('snapshot-isolation'),
    placement: placementParam.default({ alice: 'n2', bob: 'n3' }),
    initial: initialValuesParam.default({ alice: 100, bob: 100 }),
    /** The timestamp oracle for snapshot isolation. */
    oracle: z.string().default('n1'),
    /** Time between a transaction's statements (an application thinking between queries). */
    thinkMs: z.number().int().min(0).default(0),
    /** Attempts before an aborted transaction is reported as failed. */
    maxAttempts: z.number().int().min(1).default(5),
    /** A retry waits a random 1…backoffMs first, so colliding transactions spread out. */
    backoffMs: z.number().int().min(1).default(40),
    /** How long a coordinator waits for a shard or the oracle before aborting the attempt. */
    timeoutMs: z.number().int().min(1).default(300),
  })
  .strict();
export type IsolationParams = z.infer<typeof isolationParams>;

/** A committed version: its value, the request id of the transaction that wrote it (null: initial), and when. */
export interface StoredVersion {
  value: Value;
  writer: number | null;
  /** Snapshot isolation: the commit timestamp; otherwise the order of installation on this shard. */
  commitTs: number;
}

interface Prepared {
  writer: number;
  coordinator: NodeId;
  writes: Record<string, Value>;
}

export interface IsolationDurable {
  /** Shard: each stored key's committed versions, oldest first. */
  versions: Record<string, StoredVersion[]>;
  /** Shard: transactions prepared and not yet decided, by transaction id ("request.attempt"). */
  prepared: Record<string, Prepared>;
  /** Shard: lock holders per key (transaction ids); exclusive only while prepared. */
  sharedLocks: Record<string, string[]>;
  /** Shard: how each transaction this shard heard about ended. */
  outcomes: Record<string, 'committed' | 'aborted'>;
  /** Oracle: the last timestamp handed out. */
  clock: number;
  /** Coordinator: decisions logged and not yet acknowledged by every shard. */
  decisions: Record<string, { commit: boolean; commitTs: number; shards: NodeId[]; acked: NodeId[] }>;
  /** Coordinator: every transaction it finished, for the anomaly checker. */
  transactions: Transaction[];
  committed: number;
  aborted: number;
}

type Phase = 'start' | 'read' | 'think' | 'prepare' | 'commit-ts' | 'backoff';

interface Running {
  client: string;
  /** Pause between statements: the request's options.thinkMs, else params.thinkMs. */
  thinkMs: number;
  program: Program;
  attempt: number;
  phase: Phase;
  startTs: number;
  commitTs: number;
  readIndex: number;
  values: Record<string, Value>;
  seen: Record<string, number | null>;
  touched: NodeId[];
  writes: Record<string, Value>;
  result: Value;
  votes: NodeId[];
}

export interface IsolationVolatile {
  running: Record<number, Running>;
  /** Shard, snapshot isolation: reads waiting for a lock to be released. */
  waiting: { from: NodeId; message: Extract<IsolationMessage, { type: 'read' }> }[];
}

export type IsolationMessage =
  | { type: 'timestamp'; request: number; attempt: number }
  | { type: 'timestamp-is'; request: number; attempt: number; ts: number }
  | { type: 'read'; request: number; attempt: number; key: string; startTs: number }
  | { type: 'read-ok'; request: number; attempt: number; key: string; value: Value; writer: number | null }
  | { type: 'read-refused'; request: number; attempt: number; key: string; reason: string }
  | { type: 'prepare'; request: number; attempt: number; startTs: number; writes: Record<string, Value> }
  | { type: 'vote'; request: number; attempt: number; yes: boolean; reason: string }
  | { type: 'decide'; txn: string; commit: boolean; commitTs: number }
  | { type: 'ack'; txn: string }
  | { type: 'inquire'; txn: string };

/**
 * Per transaction (by txn id): a participant's inquiry about an in-doubt prepare, and the coordinator's
 * resending of its decision. Per client request: the deadline for an answer, the backoff before a fresh
 * attempt, and the think time between reads.
 */
type IsolationTimer =
  | { kind: 'inquire'; id: string }
  | { kind: 'resend'; id: string }
  | { kind: 'timeout'; id: number }
  | { kind: 'retry'; id: number }
  | { kind: 'think'; id: number };

type Ctx = HandlerContext<IsolationParams, IsolationMessage, IsolationTimer>;
type State = NodeState<IsolationDurable, IsolationVolatile>;

const txnId = (request: number, attempt: number) => `${request}.${attempt}`;
const requestOf = (txn: string) => Number(txn.slice(0, txn.indexOf('.')));

function ownerOf(ctx: Ctx, key: string): NodeId | null {
  return ctx.params.placement[key] ?? null;
}

// Shard ---------------------------------------------------------------------------------------------

function latest(state: State, key: string): StoredVersion {
  const versions = state.durable.versions[key] ?? [];
  return versions[versions.length - 1] ?? { value: null, writer: null, commitTs: 0 };
}

/** Reads only the disk, so invariants can ask it of a crashed node too. */
type OnDisk = { durable: IsolationDurable };

function lockedByOther(state: OnDisk, key: string, txn: string): string | null {
  for (const [holder, prepared] of Object.entries(state.durable.prepared))
    if (holder !== txn && key in prepared.writes) return holder;
  return null;
}

function sharedByOthers(state: OnDisk, key: string, txn: string): string[] {
  return (state.durable.sharedLocks[key] ?? []).filter((holder) => holder !== txn);
}

/** Answers a read now, or returns false to make it wait (snapshot isolation behind a commit in progress). */
function serveRead(
  ctx: Ctx,
  state: State,
  from: NodeId,
  message: Extract<IsolationMessage, { type: 'read' }>,
): boolean {
  const { request, attempt, key } = message;
  const txn = txnId(request, attempt);
  const answer = (version: { value: Value; writer: number | null }) => {
    ctx.send(from, { type: 'read-ok', request, attempt, key, value: version.value, writer: version.writer });
    return true;
  };
  switch (ctx.params.isolation) {
    case 'read-committed':
      return answer(latest(state, key));
    case 'snapshot-isolation': {
      if (lockedByOther(state, key, txn)) return false;
      const visible = (state.durable.versions[key] ?? []).filter(
        (version) => version.commitTs <= message.startTs,
      );
      return answer(visible[visible.length - 1] ?? { value: null, writer: null });
    }
    case 'serializable': {
      const holder = lockedByOther(state, key, txn);
      if (holder) {
        const reason = `${key} is locked for writing by #${requestOf(holder)}`;
        ctx.send(from, { type: 'read-refused', request, attempt, key, reason });
        return true;
      }
      const holders = (state.durable.sharedLocks[key] ??= []);
      if (!holders.includes(txn)) holders.push(txn);
      return answer(latest(state, key));
    }
  }
}

function onPrepare(
  ctx: Ctx,
  state: State,
  from: NodeId,
  message: Extract<IsolationMessage, { type: 'prepare' }>,
): void {
  const { request, attempt } = message;
  const txn = txnId(request, attempt);
  const vote = (yes: boolean, reason = '') => ctx.send(from, { type: 'vote', request, attempt, yes, reason });
  if (state.durable.outcomes[txn]) return vote(false, 'already decided');
  for (const key of Object.keys(message.writes)) {
    const holder = lockedByOther(state, key, txn);
    if (holder) return vote(false, `${key} is locked by #${requestOf(holder)}`);
    const readers = ctx.params.isolation === 'serializable' ? sharedByOthers(state, key, txn) : [];
    if (readers.length > 0) return vote(false, `${key} is read-locked by #${requestOf(readers[0]!)}`);
    const newest = latest(state, key);
    if (ctx.params.isolation === 'snapshot-isolation' && newest.commitTs > message.startTs)
      return vote(false, `#${newest.writer} committed a newer ${key} after this transaction's snapshot`);
  }
  state.durable.prepared[txn] = { writer: request, coordinator: from, writes: message.writes };
  ctx.setTimer({ kind: 'inquire', id: txn }, ctx.params.timeoutMs * 3);
  vote(true);
}

function onDecide(
  ctx: Ctx,
  state: State,
  from: NodeId,
  message: Extract<IsolationMessage, { type: 'decide' }>,
): void {
  const { txn } = message;
  const prepared = state.durable.prepared[txn];
  if (prepared && message.commit) {
    let sequence = 0;
    for (const [key, value] of Object.entries(prepared.writes)) {
      const versions = (state.durable.versions[key] ??= []);
      sequence = Math.max(sequence, latest(state, key).commitTs + 1);
      const commitTs = ctx.params.isolation === 'snapshot-isolation' ? message.commitTs : sequence;
      versions.push({ value, writer: prepared.writer, commitTs });
    }
  }
  delete state.durable.prepared[txn];
  ctx.cancelTimer({ kind: 'inquire', id: txn });
  for (const [key, holders] of Object.entries(state.durable.sharedLocks)) {
    const left = holders.filter((holder) => holder !== txn);
    if (left.length > 0) state.durable.sharedLocks[key] = left;
    else delete state.durable.sharedLocks[key];
  }
  if (prepared || !state.durable.outcomes[txn])
    state.durable.outcomes[txn] = message.commit ? 'committed' : 'aborted';
  ctx.send(from, { type: 'ack', txn });
  const waiting = state.volatile.waiting;
  state.volatile.waiting = [];
  for (const read of waiting)
    if (!serveRead(ctx, state, read.from, read.message)) state.volatile.waiting.push(read);
}

// Coordinator ---------------------------------------------------------------------------------------

function armTimeout(ctx: Ctx, request: number): void {
  ctx.setTimer({ kind: 'timeout', id: request }, ctx.params.timeoutMs);
}

function askTimestamp(ctx: Ctx, request: number, running: Running, phase: 'start' | 'commit-ts'): void {
  running.phase = phase;
  ctx.send(ctx.params.oracle, { type: 'timestamp', request, attempt: running.attempt });
  armTimeout(ctx, request);
}

/** What an attempt starts from: nothing read, written, touched or voted yet. */
function freshAttempt() {
  return {
    startTs: 0,
    commitTs: 0,
    readIndex: 0,
    values: {},
    seen: {},
    touched: [],
    writes: {},
    result: null,
    votes: [],
  };
}

function beginAttempt(ctx: Ctx, state: State, request: number, running: Running): void {
  Object.assign(running, freshAttempt());
  if (ctx.params.isolation === 'snapshot-isolation') askTimestamp(ctx, request, running, 'start');
  else readNext(ctx, state, request, running);
}

function readNext(ctx: Ctx, state: State, request: number, running: Running): void {
  const key = running.program.reads[running.readIndex];
  if (key === undefined) return decideWrites(ctx, state, request, running);
  const owner = ownerOf(ctx, key)!;
  if (!running.touched.includes(owner)) running.touched.push(owner);
  running.phase = 'read';
  ctx.send(owner, { type: 'read', request, attempt: running.attempt, key, startTs: running.startTs });
  armTimeout(ctx, request);
}

function writeShards(ctx: Ctx, writes: Record<string, Value>): NodeId[] {
  return [...new Set(Object.keys(writes).map((key) => ownerOf(ctx, key)!))];
}

function decideWrites(ctx: Ctx, state: State, request: number, running: Running): void {
  const decision = running.program.decide(running.values);
  if ('refuse' in decision)
    return finish(ctx, state, request, running, {
      commit: false,
      reason: `refused: ${decision.refuse}`,
      final: true,
    });
  running.writes = decision.writes;
  running.result = decision.result;
  const shards = writeShards(ctx, decision.writes);
  if (shards.length === 0) return finish(ctx, state, request, running, { commit: true });
  for (const shard of shards) if (!running.touched.includes(shard)) running.touched.push(shard);
  running.phase = 'prepare';
  for (const shard of shards) {
    const writes = Object.fromEntries(
      Object.entries(decision.writes).filter(([key]) => ownerOf(ctx, key) === shard),
    );
    ctx.send(shard, { type: 'prepare', request, attempt: running.attempt, startTs: running.startTs, writes });
  }
  armTimeout(ctx, request);
}

function sendDecision(ctx: Ctx, state: State, txn: string): void {
  const decision = state.durable.decisions[txn];
  if (!decision) return;
  for (const shard of decision.shards)
    if (!decision.acked.includes(shard))
      ctx.send(shard, { type: 'decide', txn, commit: decision.commit, commitTs: decision.commitTs });
  ctx.setTimer({ kind: 'resend', id: txn }, ctx.params.timeoutMs);
}

type Outcome = { commit: true } | { commit: false; reason: string; final?: boolean };

/**
 * Logs and sends this attempt's decision to every shard it touched. A commit, a refusal or the last
 * failed attempt answers the client and is recorded for the checker; any other abort retries later.
 */
function finish(ctx: Ctx, state: State, request: number, running: Running, outcome: Outcome): void {
  const txn = txnId(request, running.attempt);
  ctx.cancelTimer({ kind: 'timeout', id: request });
  if (running.touched.length > 0) {
    state.durable.decisions[txn] = {
      commit: outcome.commit,
      commitTs: running.commitTs,
      shards: [...running.touched],
      acked: [],
    };
    sendDecision(ctx, state, txn);
  }
  const { label } = running.program;
  if (!outcome.commit && !outcome.final && running.attempt < ctx.params.maxAttempts) {
    state.durable.aborted++;
    ctx.note(`#${request} (${label}) aborted: ${outcome.reason}; retrying`);
    running.attempt++;
    running.phase = 'backoff';
    ctx.setTimer({ kind: 'retry', id: request }, ctx.random.int(1, ctx.params.backoffMs));
    return;
  }
  const reads = running.program.reads
    .filter((key) => key in running.seen)
    .map((key) => ({ f: 'read' as const, key, value: running.seen[key]! }));
  const writes = outcome.commit
    ? Object.keys(running.writes).map((key) => ({ f: 'write' as const, key, value: request }))
    : [];
  state.durable.transactions.push({
    id: request,
    status: outcome.commit ? 'committed' : 'aborted',
    ops: [...reads, ...writes],
  });
  delete state.volatile.running[request];
  if (outcome.commit) {
    state.durable.committed++;
    const retried = running.attempt > 1 ? ` on attempt ${running.attempt}` : '';
    ctx.reply(request, { ok: true, value: running.result, note: `${label}: committed${retried}` });
    return;
  }
  state.durable.aborted++;
  const error = outcome.final
    ? `${label} ${outcome.reason}`
    : `${label} aborted ${running.attempt} times; last: ${outcome.reason}`;
  ctx.reply(request, { ok: false, error });
}

function current(
  state: State,
  message: { request: number; attempt: number },
  phases: Phase[],
): Running | null {
  const running = state.volatile.running[message.request];
  return running && running.attempt === message.attempt && phases.includes(running.phase) ? running : null;
}

function onCoordinatorMessage(ctx: Ctx, state: State, from: NodeId, message: IsolationMessage): void {
  switch (message.type) {
    case 'timestamp-is': {
      const running = current(state, message, ['start', 'commit-ts']);
      if (!running) return;
      if (running.phase === 'start') {
        running.startTs = message.ts;
        return readNext(ctx, state, message.request, running);
      }
      running.commitTs = message.ts;
      return finish(ctx, state, message.request, running, { commit: true });
    }
    case 'read-ok': {
      const running = current(state, message, ['read']);
      if (!running) return;
      running.values[message.key] = message.value;
      running.seen[message.key] = message.writer;
      running.readIndex++;
      if (running.thinkMs === 0) return readNext(ctx, state, message.request, running);
      running.phase = 'think';
      ctx.cancelTimer({ kind: 'timeout', id: message.request });
      ctx.setTimer({ kind: 'think', id: message.request }, running.thinkMs);
      return;
    }
    case 'read-refused': {
      const running = current(state, message, ['read']);
      if (running) finish(ctx, state, message.request, running, { commit: false, reason: message.reason });
      return;
    }
    case 'vote': {
      const running = current(state, message, ['prepare']);
      if (!running) return;
      if (!message.yes)
        return finish(ctx, state, message.request, running, { commit: false, reason: message.reason });
      if (!running.votes.includes(from)) running.votes.push(from);
      if (running.votes.length < writeShards(ctx, running.writes).length) return;
      if (ctx.params.isolation === 'snapshot-isolation')
        return askTimestamp(ctx, message.request, running, 'commit-ts');
      return finish(ctx, state, message.request, running, { commit: true });
    }
    default:
      return;
  }
}

// Handlers ------------------------------------------------------------------------------------------

function describeNode(state: State, up: boolean): NodeView {
  const { durable } = state;
  const kv = Object.fromEntries(
    Object.entries(durable.versions).map(([key, versions]) => [
      key,
      versions[versions.length - 1]?.value ?? null,
    ]),
  );
  const details: Record<string, string | number> = {};
  for (const [key, versions] of Object.entries(durable.versions))
    details[`${key} versions`] = versions
      .map((version) => `${String(version.value)}${version.writer === null ? '' : ` (#${version.writer})`}`)
      .join(' → ');
  const locks = Object.entries(durable.prepared).map(
    ([txn, prepared]) => `#${requestOf(txn)} writes ${Object.keys(prepared.writes).join(', ')}`,
  );
  const shared = Object.entries(durable.sharedLocks).map(
    ([key, holders]) => `${key}: ${holders.map((holder) => `#${requestOf(holder)}`).join(', ')}`,
  );
  if (locks.length > 0) details['write locks'] = locks.join('; ');
  if (shared.length > 0) details['read locks'] = shared.join('; ');
  const running = up ? Object.entries(state.volatile.running) : [];
  if (running.length > 0)
    details.running = running
      .map(([request, txn]) => `#${request} ${txn.program.label} (${txn.phase})`)
      .join('; ');
  details.committed = durable.committed;
  details.aborted = durable.aborted;
  return { role: up ? 'store' : 'down', kv, details };
}

function transactionalHistory(nodes: Iterable<[NodeId, { state: OnDisk }]>): TransactionalHistory {
  const transactions: Transaction[] = [];
  const versionOrder: Record<string, number[]> = {};
  const values: Record<string, Record<string, Value>> = {};
  for (const [, { state }] of nodes) {
    transactions.push(...state.durable.transactions);
    for (const [key, versions] of Object.entries(state.durable.versions)) {
      versionOrder[key] = versions.flatMap((version) => (version.writer === null ? [] : [version.writer]));
      values[key] = Object.fromEntries(versions.map((version) => [String(version.writer), version.value]));
    }
  }
  transactions.sort((a, b) => a.id - b.id);
  return { transactions, versionOrder, values };
}

function onRequestTimer(ctx: Ctx, state: State, kind: 'retry' | 'think' | 'timeout', request: number): void {
  const running = state.volatile.running[request];
  if (!running) return;
  if (kind === 'retry' && running.phase === 'backoff') return beginAttempt(ctx, state, request, running);
  if (kind === 'think' && running.phase === 'think') return readNext(ctx, state, request, running);
  if (kind === 'timeout' && running.phase !== 'think' && running.phase !== 'backoff')
    return finish(ctx, state, request, running, {
      commit: false,
      reason: `no answer within ${ctx.params.timeoutMs} ms (${running.phase})`,
    });
}

export const isolationProtocol: Protocol<
  IsolationParams,
  IsolationDurable,
  IsolationVolatile,
  IsolationMessage,
  IsolationTimer
> = {
  id: 'isolation',
  title: 'Transactional store with an isolation level',
  paramsSchema: isolationParams,
  checkParams: (params, nodes) => [
    ...checkPlacement(params.placement, nodes),
    ...checkInitialValues(params.initial, params.placement),
    ...checkNodeParam(params.oracle, nodes, 'params.oracle'),
  ],
  initDurable: ({ self, params }) => ({
    versions: Object.fromEntries(
      Object.entries(initialValuesOn(self, params.initial, params.placement)).map(([key, value]) => [
        key,
        [{ value, writer: null, commitTs: 0 }],
      ]),
    ),
    prepared: {},
    sharedLocks: {},
    outcomes: {},
    clock: 0,
    decisions: {},
    transactions: [],
    committed: 0,
    aborted: 0,
  }),
  initVolatile: () => ({ running: {}, waiting: [] }),
  onStart(ctx, state) {
    for (const txn of Object.keys(state.durable.decisions)) sendDecision(ctx, state, txn);
    for (const txn of Object.keys(state.durable.prepared))
      ctx.setTimer({ kind: 'inquire', id: txn }, ctx.params.timeoutMs);
  },
  onMessage(ctx, state, from, message) {
    switch (message.type) {
      case 'timestamp':
        state.durable.clock++;
        ctx.send(from, {
          type: 'timestamp-is',
          request: message.request,
          attempt: message.attempt,
          ts: state.durable.clock,
        });
        return;
      case 'read':
        if (!serveRead(ctx, state, from, message)) state.volatile.waiting.push({ from, message });
        return;
      case 'prepare':
        return onPrepare(ctx, state, from, message);
      case 'decide':
        return onDecide(ctx, state, from, message);
      case 'ack': {
        const decision = state.durable.decisions[message.txn];
        if (!decision) return;
        if (!decision.acked.includes(from)) decision.acked.push(from);
        if (decision.acked.length >= decision.shards.length) {
          delete state.durable.decisions[message.txn];
          ctx.cancelTimer({ kind: 'resend', id: message.txn });
        }
        return;
      }
      case 'inquire': {
        const { txn } = message;
        const decision = state.durable.decisions[txn];
        if (decision) return sendDecision(ctx, state, txn);
        const running = state.volatile.running[requestOf(txn)];
        if (running && txnId(requestOf(txn), running.attempt) === txn) return;
        // Not running and never decided here: it can never commit, so it is aborted (presumed abort).
        ctx.send(from, { type: 'decide', txn, commit: false, commitTs: 0 });
        return;
      }
      default:
        return onCoordinatorMessage(ctx, state, from, message);
    }
  },
  onTimer(ctx, state, timer) {
    switch (timer.kind) {
      case 'resend':
        return sendDecision(ctx, state, timer.id);
      case 'inquire': {
        const prepared = state.durable.prepared[timer.id];
        if (!prepared) return;
        ctx.send(prepared.coordinator, { type: 'inquire', txn: timer.id });
        ctx.setTimer(timer, ctx.params.timeoutMs * 3);
        return;
      }
      case 'retry':
      case 'think':
      case 'timeout':
        return onRequestTimer(ctx, state, timer.kind, timer.id);
      default:
        return unhandledKind(timer);
    }
  },
  onClientRequest(ctx, state, request) {
    const program = programFor(request);
    if ('error' in program) return ctx.reply(request.id, { ok: false, error: program.error });
    const unplaced = program.reads.filter((key) => ownerOf(ctx, key) === null);
    if (unplaced.length > 0)
      return ctx.reply(request.id, {
        ok: false,
        error: `no shard holds ${unplaced.join(', ')}; add ${unplaced.length === 1 ? 'it' : 'them'} to params.placement`,
      });
    const thinkMs = request.options?.thinkMs;
    const running: Running = {
      client: request.client,
      thinkMs: typeof thinkMs === 'number' && thinkMs >= 0 ? thinkMs : ctx.params.thinkMs,
      program,
      attempt: 1,
      phase: 'start',
      ...freshAttempt(),
    };
    state.volatile.running[request.id] = running;
    beginAttempt(ctx, state, request.id, running);
  },
  describeMessage(message) {
    switch (message.type) {
      case 'timestamp':
        return 'TS?';
      case 'timestamp-is':
        return `TS ${message.ts}`;
      case 'read':
        return `READ ${message.key}`;
      case 'read-ok':
        return `${message.key}=${String(message.value)}`;
      case 'read-refused':
        return `LOCKED ${message.key}`;
      case 'prepare':
        return `PREPARE ${Object.keys(message.writes).join(',')}`;
      case 'vote':
        return message.yes ? 'YES' : 'NO';
      case 'decide':
        return message.commit ? 'COMMIT' : 'ABORT';
      case 'ack':
        return 'ACK';
      case 'inquire':
        return 'STATUS?';
    }
  },
  describeNode,
  gauges({ nodes }) {
    let committed = 0;
    let aborted = 0;
    for (const [, { state }] of nodes) {
      committed += state.durable.committed;
      aborted += state.durable.aborted;
    }
    return { committed, aborted };
  },
  transactionalHistory: ({ nodes }) => transactionalHistory(nodes),
  invariants: [
    {
      name: 'Atomic commit',
      check({ nodes }) {
        const seen = new Map<string, { node: NodeId; outcome: string }>();
        for (const [node, { state }] of nodes)
          for (const [txn, outcome] of Object.entries(state.durable.outcomes)) {
            const other = seen.get(txn);
            if (other && other.outcome !== outcome)
              return `#${requestOf(txn)} is ${other.outcome} on ${other.node} but ${outcome} on ${node}`;
            seen.set(txn, { node, outcome });
          }
        return null;
      },
    },
    {
      name: 'Write locks are exclusive',
      check({ nodes, params }) {
        for (const [node, { state }] of nodes)
          for (const [txn, prepared] of Object.entries(state.durable.prepared))
            for (const key of Object.keys(prepared.writes)) {
              const other = lockedByOther(state, key, txn);
              if (other)
                return `${node}: #${requestOf(txn)} and #${requestOf(other)} both hold the write lock on ${key}`;
              const readers = params.isolation === 'serializable' ? sharedByOthers(state, key, txn) : [];
              if (readers.length > 0)
                return `${node}: #${requestOf(txn)} holds the write lock on ${key} while #${requestOf(readers[0]!)} holds a read lock`;
            }
        return null;
      },
    },
    {
      name: 'Versions in commit order',
      check({ nodes }) {
        for (const [node, { state }] of nodes)
          for (const [key, versions] of Object.entries(state.durable.versions))
            for (let i = 1; i < versions.length; i++)
              if (versions[i]!.commitTs <= versions[i - 1]!.commitTs)
                return `${node}: ${key}'s version from #${versions[i]!.writer} (commit ${versions[i]!.commitTs}) follows one committed at ${versions[i - 1]!.commitTs}`;
        return null;
      },
    },
  ],
};
