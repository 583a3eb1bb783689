/**
 * Spanner-style commit timestamps with TrueTime and commit wait.
 *
 * Every node leads the keys written through it (one replica per group here: Spanner would replicate each
 * commit with Paxos, which this model leaves out). A node's clock answers TT.now() with an interval
 * [earliest, latest] of half-width ε that contains true time as long as the clock is within its bound.
 *
 * To commit a 'txn', the leader takes s = TT.now().latest (and larger than any timestamp it gave before),
 * logs the writes at s, then waits until TT.now().earliest > s before it makes them visible and
 * acknowledges. Once that wait is over, true time has certainly passed s, so any transaction that starts
 * after the acknowledgement gets a larger timestamp anywhere in the cluster: timestamp order matches
 * real-time order (external consistency). The wait lasts about 2ε. With commitWait off the leader
 * acknowledges at once, and with a clock outside its bound the wait is too short: either way a later
 * transaction on a node whose clock runs behind can get a smaller timestamp.
 *
 * A client's reply carries the commit timestamp, so the history holds (invoke, ack, timestamp) for each
 * transaction and `externalConsistencyViolations` can check it against true time.
 */
import { z } from 'zod';
import { unhandledKind } from '../../../core/schema';
import type { HandlerContext, NodeState, NodeView, Protocol, Value } from '../../../core/types';
import { describeWrite, requestWrites, type KeyWrite, type SetWrite } from '../shared/writes';

export const trueTimeParams = z
  .object({
    /** Wait until TT.now().earliest > s before acknowledging a commit at timestamp s. */
    commitWait: z.boolean().default(true),
  })
  .strict();
export type TrueTimeParams = z.infer<typeof trueTimeParams>;

type TxnId = string;

export interface CommitRecord {
  writes: SetWrite[];
  timestamp: number;
  /** Local clock when the commit was logged, and when its writes became visible (null while waiting). */
  loggedAt: number;
  visibleAt: number | null;
}

export interface Version {
  timestamp: number;
  value: Value;
  txn: TxnId;
}

export interface TrueTimeDurable {
  nextTxn: number;
  /** Commit timestamps this leader assigns only grow. */
  lastTimestamp: number;
  commits: Record<TxnId, CommitRecord>;
  /** Visible versions of each key, oldest first. */
  versions: Record<string, Version[]>;
}

export interface TrueTimeVolatile {
  clientRequests: Record<TxnId, number>;
}

/** Each node works alone; nodes exchange no messages. */
type TrueTimeMessage = never;

/** Commit wait for one transaction: it becomes visible once its timestamp is certainly past. */
type TrueTimeTimer = { kind: 'commit-wait'; id: TxnId };

type Ctx = HandlerContext<TrueTimeParams, TrueTimeMessage, TrueTimeTimer>;
type State = NodeState<TrueTimeDurable, TrueTimeVolatile>;

function makeVisible(ctx: Ctx, state: State, txn: TxnId): void {
  const record = state.durable.commits[txn]!;
  record.visibleAt = ctx.clock.now;
  for (const write of record.writes) {
    (state.durable.versions[write.key] ??= []).push({ timestamp: record.timestamp, value: write.value, txn });
  }
  const waitedMs = record.visibleAt - record.loggedAt;
  ctx.note(
    ctx.params.commitWait
      ? `${ctx.self} committed ${txn} at timestamp ${record.timestamp} after a ${waitedMs} ms commit wait`
      : `${ctx.self} committed ${txn} at timestamp ${record.timestamp} without waiting`,
  );
  const requestId = state.volatile.clientRequests[txn];
  if (requestId === undefined) return;
  delete state.volatile.clientRequests[txn];
  ctx.reply(requestId, { ok: true, value: record.timestamp });
}

/** Acknowledges once TT.now().earliest > s, i.e. once s is certainly in the past everywhere. */
function waitOutUncertainty(ctx: Ctx, state: State, txn: TxnId): void {
  const { timestamp } = state.durable.commits[txn]!;
  const { earliest } = ctx.clock;
  if (!ctx.params.commitWait || earliest > timestamp) makeVisible(ctx, state, txn);
  else ctx.setTimer({ kind: 'commit-wait', id: txn }, timestamp - earliest + 1);
}

function commit(ctx: Ctx, state: State, requestId: number, writes: KeyWrite[]): void {
  const { durable } = state;
  const sets = writes.filter((write): write is SetWrite => write.kind === 'set');
  if (sets.length < writes.length) {
    ctx.reply(requestId, { ok: false, error: 'this model commits plain writes (txn), not transfers' });
    return;
  }
  const txn = `${ctx.self}.t${++durable.nextTxn}`;
  const timestamp = Math.max(ctx.clock.latest, durable.lastTimestamp + 1);
  durable.lastTimestamp = timestamp;
  durable.commits[txn] = { writes: sets, timestamp, loggedAt: ctx.clock.now, visibleAt: null };
  state.volatile.clientRequests[txn] = requestId;
  waitOutUncertainty(ctx, state, txn);
}

function latestValues(durable: TrueTimeDurable): Record<string, Value> {
  return Object.fromEntries(
    Object.entries(durable.versions).map(([key, versions]) => [key, versions.at(-1)!.value]),
  );
}

function describeNode(state: State, up: boolean): NodeView {
  const { durable } = state;
  const commits = Object.entries(durable.commits);
  const waiting = commits.filter(([, record]) => record.visibleAt === null);
  return {
    role: up ? 'leader' : 'down',
    kv: latestValues(durable),
    details: {
      'last timestamp': durable.lastTimestamp,
      'in commit wait': waiting.map(([txn, record]) => `${txn} @${record.timestamp}`).join('; ') || 'none',
      'recent commits':
        commits
          .filter(([, record]) => record.visibleAt !== null)
          .slice(-4)
          .map(
            ([txn, record]) => `${txn} @${record.timestamp}: ${record.writes.map(describeWrite).join(', ')}`,
          )
          .join('; ') || 'none',
    },
  };
}

export const trueTimeProtocol: Protocol<
  TrueTimeParams,
  TrueTimeDurable,
  TrueTimeVolatile,
  TrueTimeMessage,
  TrueTimeTimer
> = {
  id: 'truetime',
  title: 'TrueTime commit wait',
  paramsSchema: trueTimeParams,
  initDurable: () => ({ nextTxn: 0, lastTimestamp: 0, commits: {}, versions: {} }),
  initVolatile: () => ({ clientRequests: {} }),
  onStart(ctx, state) {
    // A commit logged before a crash still finishes its wait and becomes visible; its client is gone.
    for (const [txn, record] of Object.entries(state.durable.commits)) {
      if (record.visibleAt === null) waitOutUncertainty(ctx, state, txn);
    }
  },
  onMessage() {},
  onTimer(ctx, state, timer) {
    switch (timer.kind) {
      case 'commit-wait':
        if (state.durable.commits[timer.id]?.visibleAt === null) waitOutUncertainty(ctx, state, timer.id);
        return;
      default:
        return unhandledKind(timer.kind);
    }
  },
  onClientRequest(ctx, state, request) {
    if (request.op === 'read') {
      ctx.reply(request.id, {
        ok: true,
        value: state.durable.versions[request.key]?.at(-1)?.value ?? null,
      });
      return;
    }
    const writes = requestWrites(request);
    if (!writes.ok) ctx.reply(request.id, { ok: false, error: writes.error });
    else commit(ctx, state, request.id, writes.value);
  },
  describeMessage: () => '',
  // Each node commits the keys written through it on its own clock: no node sends another a message.
  topology: ({ nodes }) => ({ shape: 'none', order: [...nodes] }),
  describeNode,
  gauges({ nodes }) {
    let waiting = 0;
    for (const [, { state }] of nodes) {
      waiting += Object.values(state.durable.commits).filter((record) => record.visibleAt === null).length;
    }
    return { 'commits in commit wait': waiting };
  },
};
