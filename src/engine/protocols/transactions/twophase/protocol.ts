/**
 * Two-phase commit in its basic form, sometimes called "presumed nothing": the coordinator logs every
 * transaction before it sends PREPARE (presumed abort would skip that write and answer ABORT for any
 * transaction it has no record of).
 *
 * One node coordinates; the participants each store some keys (params.placement). A client sends a
 * 'transfer' or 'txn' to the coordinator, which logs the transaction, sends PREPARE with each participant's
 * writes, and collects votes. A participant votes YES only after locking its keys and logging the prepared
 * state durably; it votes NO on an injected failure, on insufficient funds, or when it gave up waiting for a
 * lock (a participant that has not voted may still abort on its own). Once every vote is YES the coordinator
 * logs COMMIT durably and only then sends it; any NO or a missing vote makes it log and send ABORT.
 *
 * The blocking problem is real here: a participant that voted YES may neither commit nor abort on its own.
 * If the coordinator crashes, the participant keeps its locks and keeps asking (status inquiry) until the
 * coordinator is back. A restarted coordinator finishes every transaction from its log: it resends a logged
 * decision, and aborts a transaction that has no decision logged.
 */
import { z } from 'zod';
import { unhandledKind } from '../../../core/schema';
import type { HandlerContext, NodeId, NodeState, NodeView, Protocol, Value } from '../../../core/types';
import {
  checkInitialValues,
  checkNodeParam,
  checkPlacement,
  initialValuesOn,
  initialValuesParam,
  hubTopology,
  placementParam,
  writesByOwner,
} from '../shared/placement';
import { applyAll, describeWrite, requestWrites, type KeyWrite } from '../shared/writes';

export const twoPhaseParams = z
  .object({
    /** The node that runs every transaction's two phases. */
    coordinator: z.string().default('n1'),
    /** Which participant stores which key. */
    placement: placementParam.default({ alice: 'n2', bob: 'n3' }),
    initial: initialValuesParam.default({ alice: 100, bob: 100 }),
    /** Participants that vote NO on every PREPARE (an injected failure). */
    voteNo: z.array(z.string()).default([]),
    /** Probability that a participant votes NO on a PREPARE (an injected failure). */
    voteNoRate: z.number().min(0).max(1).default(0),
    /** How long a PREPARE waits for a locked key before the participant aborts the transaction on its own. */
    lockWaitMs: z.number().int().min(1).default(300),
    /** How long the coordinator waits for every vote before it aborts. */
    voteTimeoutMs: z.number().int().min(1).default(500),
    /** How often a prepared participant asks the coordinator for the outcome. */
    inquiryIntervalMs: z.number().int().min(1).default(1000),
    /** How often the coordinator resends a decision that some participant has not acknowledged. */
    resendIntervalMs: z.number().int().min(1).default(300),
  })
  .strict();
export type TwoPhaseParams = z.infer<typeof twoPhaseParams>;

type TxnId = string;
export type Decision = 'commit' | 'abort';

/** The coordinator's durable log entry for one transaction. */
export interface CoordinatorRecord {
  /** The client request this transaction serves (its id in the history). */
  requestId: number;
  participants: NodeId[];
  writes: Record<NodeId, KeyWrite[]>;
  /** null until the decision is logged; the coordinator sends a decision only after logging it. */
  decision: Decision | null;
  reason: string | null;
  acked: NodeId[];
}

/** A participant's durable record of a YES vote: it holds locks on these keys until it learns the outcome. */
export interface PreparedRecord {
  coordinator: NodeId;
  writes: KeyWrite[];
  /** Local clock time of the vote, for "blocked for" figures. */
  preparedAt: number;
}

export interface TwoPhaseDurable {
  role: 'coordinator' | 'participant' | 'coordinator + participant' | 'idle';
  /** Coordinator: the transaction counter and the decision log. */
  nextTxn: number;
  log: Record<TxnId, CoordinatorRecord>;
  /** Participant: committed values, prepared transactions (with their locks) and final outcomes. */
  kv: Record<string, Value>;
  prepared: Record<TxnId, PreparedRecord>;
  outcomes: Record<TxnId, 'committed' | 'aborted'>;
}

interface WaitingPrepare {
  txn: TxnId;
  coordinator: NodeId;
  writes: KeyWrite[];
}

export interface TwoPhaseVolatile {
  /** Coordinator: YES votes so far, and the client waiting for each transaction. */
  yesVotes: Record<TxnId, NodeId[]>;
  clientRequests: Record<TxnId, number>;
  /** Participant: PREPAREs waiting for a lock, oldest first. They hold no locks yet. */
  waiting: WaitingPrepare[];
  /** Participant: transactions it already announced as blocked, so the note is made once. */
  blockedNoted: Record<TxnId, true>;
}

export type TwoPhaseMessage =
  | { type: 'prepare'; txn: TxnId; writes: KeyWrite[] }
  | { type: 'vote'; txn: TxnId; yes: boolean; reason?: string }
  | { type: 'decision'; txn: TxnId; decision: Decision }
  | { type: 'ack'; txn: TxnId }
  | { type: 'inquiry'; txn: TxnId };

/**
 * A participant's periodic inquiry about its in-doubt transactions, the coordinator's resending of
 * unacknowledged decisions, a participant's wait for one transaction's locks, and the coordinator's
 * deadline for one transaction's votes.
 */
export type TwoPhaseTimer =
  { kind: 'inquiry' } | { kind: 'resend' } | { kind: 'lock-wait'; id: TxnId } | { kind: 'votes'; id: TxnId };

type Ctx = HandlerContext<TwoPhaseParams, TwoPhaseMessage, TwoPhaseTimer>;
type State = NodeState<TwoPhaseDurable, TwoPhaseVolatile>;

const inquiryTimer: TwoPhaseTimer = { kind: 'inquiry' };
const resendTimer: TwoPhaseTimer = { kind: 'resend' };

/** key → the prepared transaction holding its lock. Locks live exactly as long as the prepared record. */
export function locksHeld(durable: TwoPhaseDurable): Record<string, TxnId> {
  const locks: Record<string, TxnId> = {};
  for (const [txn, record] of Object.entries(durable.prepared))
    for (const write of record.writes) locks[write.key] = txn;
  return locks;
}

function describeKeys(writes: readonly KeyWrite[]): string {
  return writes.map((write) => write.key).join(', ');
}

// Coordinator ---------------------------------------------------------------------------------------

function startTransaction(ctx: Ctx, state: State, requestId: number, writes: KeyWrite[]): void {
  const byOwner = writesByOwner(writes, ctx.params.placement);
  if (!byOwner.ok) {
    ctx.reply(requestId, { ok: false, error: byOwner.error });
    return;
  }
  const txn = `t${++state.durable.nextTxn}`;
  const participants = Object.keys(byOwner.value);
  // Logged before any PREPARE leaves, so a restarted coordinator knows whom to tell "abort".
  state.durable.log[txn] = {
    requestId,
    participants,
    writes: byOwner.value,
    decision: null,
    reason: null,
    acked: [],
  };
  state.volatile.yesVotes[txn] = [];
  state.volatile.clientRequests[txn] = requestId;
  for (const participant of participants)
    ctx.send(participant, { type: 'prepare', txn, writes: byOwner.value[participant]! });
  ctx.setTimer({ kind: 'votes', id: txn }, ctx.params.voteTimeoutMs);
}

function decide(ctx: Ctx, state: State, txn: TxnId, decision: Decision, reason: string | null): void {
  const record = state.durable.log[txn]!;
  // Durable first: once the decision is in the log, a crash cannot change it.
  record.decision = decision;
  record.reason = reason;
  ctx.note(
    decision === 'commit'
      ? `${ctx.self} logged COMMIT for ${txn}: every participant (${record.participants.join(', ')}) voted yes`
      : `${ctx.self} logged ABORT for ${txn}: ${reason}`,
  );
  for (const participant of record.participants) ctx.send(participant, { type: 'decision', txn, decision });
  ctx.cancelTimer({ kind: 'votes', id: txn });
  ctx.setTimer(resendTimer, ctx.params.resendIntervalMs);
  delete state.volatile.yesVotes[txn];
  const requestId = state.volatile.clientRequests[txn];
  if (requestId === undefined) return;
  delete state.volatile.clientRequests[txn];
  ctx.reply(
    requestId,
    decision === 'commit' ? { ok: true } : { ok: false, error: `${txn} aborted: ${reason}` },
  );
}

function onVote(
  ctx: Ctx,
  state: State,
  from: NodeId,
  message: Extract<TwoPhaseMessage, { type: 'vote' }>,
): void {
  const record = state.durable.log[message.txn];
  // A late vote after the decision changes nothing: the participant hears the decision by resend or inquiry.
  if (!record || record.decision !== null) return;
  if (!message.yes) {
    decide(ctx, state, message.txn, 'abort', `${from} voted no (${message.reason ?? 'no reason given'})`);
    return;
  }
  const votes = state.volatile.yesVotes[message.txn]!;
  if (!votes.includes(from)) votes.push(from);
  if (record.participants.every((participant) => votes.includes(participant)))
    decide(ctx, state, message.txn, 'commit', null);
}

function resendUnacknowledged(ctx: Ctx, state: State): void {
  let waiting = false;
  for (const [txn, record] of Object.entries(state.durable.log)) {
    if (record.decision === null) continue;
    for (const participant of record.participants) {
      if (record.acked.includes(participant)) continue;
      ctx.send(participant, { type: 'decision', txn, decision: record.decision });
      waiting = true;
    }
  }
  if (waiting) ctx.setTimer(resendTimer, ctx.params.resendIntervalMs);
}

/** After a restart: every logged transaction without a decision is aborted; logged decisions are resent. */
function recoverCoordinator(ctx: Ctx, state: State): void {
  for (const [txn, record] of Object.entries(state.durable.log)) {
    if (record.decision === null) {
      decide(
        ctx,
        state,
        txn,
        'abort',
        `${ctx.self} restarted with no decision logged for ${txn}, so it aborts it`,
      );
    } else if (record.acked.length < record.participants.length) {
      ctx.note(
        `${ctx.self} restarted and found ${record.decision.toUpperCase()} for ${txn} in its log: resending it`,
      );
    }
  }
  resendUnacknowledged(ctx, state);
}

// Participant ---------------------------------------------------------------------------------------

function vote(ctx: Ctx, to: NodeId, txn: TxnId, yes: boolean, reason?: string): void {
  ctx.send(to, { type: 'vote', txn, yes, ...(reason !== undefined ? { reason } : {}) });
}

function abortUnilaterally(ctx: Ctx, state: State, pending: WaitingPrepare, reason: string): void {
  state.durable.outcomes[pending.txn] = 'aborted';
  vote(ctx, pending.coordinator, pending.txn, false, reason);
}

/** Locks the keys and votes, or returns false when another transaction holds one of the keys. */
function tryPrepare(ctx: Ctx, state: State, pending: WaitingPrepare): boolean {
  const locks = locksHeld(state.durable);
  if (pending.writes.some((write) => locks[write.key] !== undefined)) return false;
  const check = applyAll({ ...state.durable.kv }, pending.writes);
  if (!check.ok) {
    abortUnilaterally(ctx, state, pending, check.error);
    return true;
  }
  state.durable.prepared[pending.txn] = {
    coordinator: pending.coordinator,
    writes: pending.writes,
    preparedAt: ctx.clock.now,
  };
  vote(ctx, pending.coordinator, pending.txn, true);
  ctx.setTimer(inquiryTimer, ctx.params.inquiryIntervalMs);
  return true;
}

function onPrepare(
  ctx: Ctx,
  state: State,
  from: NodeId,
  message: Extract<TwoPhaseMessage, { type: 'prepare' }>,
): void {
  const { durable, volatile } = state;
  const { txn } = message;
  const outcome = durable.outcomes[txn];
  if (outcome) {
    vote(
      ctx,
      from,
      txn,
      outcome === 'committed',
      outcome === 'aborted' ? `${ctx.self} already aborted ${txn}` : undefined,
    );
    return;
  }
  if (durable.prepared[txn]) {
    vote(ctx, from, txn, true);
    return;
  }
  if (volatile.waiting.some((pending) => pending.txn === txn)) return;
  const pending: WaitingPrepare = { txn, coordinator: from, writes: message.writes };
  if (ctx.params.voteNo.includes(ctx.self) || ctx.random.bernoulli(ctx.params.voteNoRate)) {
    abortUnilaterally(ctx, state, pending, 'injected failure');
    return;
  }
  if (tryPrepare(ctx, state, pending)) return;
  volatile.waiting.push(pending);
  ctx.setTimer({ kind: 'lock-wait', id: txn }, ctx.params.lockWaitMs);
}

/** Gives freed locks to waiting PREPAREs in arrival order. */
function grantFreedLocks(ctx: Ctx, state: State): void {
  const stillWaiting: WaitingPrepare[] = [];
  for (const pending of state.volatile.waiting) {
    if (tryPrepare(ctx, state, pending)) ctx.cancelTimer({ kind: 'lock-wait', id: pending.txn });
    else stillWaiting.push(pending);
  }
  state.volatile.waiting = stillWaiting;
}

function onLockWaitTimeout(ctx: Ctx, state: State, txn: TxnId): void {
  const pending = state.volatile.waiting.find((candidate) => candidate.txn === txn);
  if (!pending) return;
  state.volatile.waiting = state.volatile.waiting.filter((candidate) => candidate !== pending);
  const locks = locksHeld(state.durable);
  const holders = pending.writes
    .filter((write) => locks[write.key])
    .map((write) => `${write.key} held by ${locks[write.key]}`);
  ctx.note(
    `${ctx.self} gave up waiting for locks (${holders.join(', ')}) and aborted ${txn} on its own; it had not voted yet, so it may`,
  );
  abortUnilaterally(ctx, state, pending, `gave up waiting for locks (${holders.join(', ')})`);
}

function onDecision(
  ctx: Ctx,
  state: State,
  from: NodeId,
  message: Extract<TwoPhaseMessage, { type: 'decision' }>,
): void {
  const { durable, volatile } = state;
  const { txn, decision } = message;
  const prepared = durable.prepared[txn];
  if (prepared) {
    if (decision === 'commit') applyAll(durable.kv, prepared.writes); // validated under the same locks at PREPARE
    durable.outcomes[txn] = decision === 'commit' ? 'committed' : 'aborted';
    delete durable.prepared[txn];
    if (volatile.blockedNoted[txn]) {
      const blockedMs = ctx.clock.now - prepared.preparedAt;
      ctx.note(
        `${ctx.self} unblocked: ${txn} ${decision === 'commit' ? 'committed' : 'aborted'} after ${blockedMs} ms in doubt; released locks on ${describeKeys(prepared.writes)}`,
      );
      delete volatile.blockedNoted[txn];
    }
    grantFreedLocks(ctx, state);
  } else if (decision === 'abort' && !durable.outcomes[txn]) {
    durable.outcomes[txn] = 'aborted';
    volatile.waiting = volatile.waiting.filter((pending) => pending.txn !== txn);
    ctx.cancelTimer({ kind: 'lock-wait', id: txn });
  }
  ctx.send(from, { type: 'ack', txn });
}

/** A prepared participant cannot decide alone: it asks the coordinator, and keeps asking while it gets no answer. */
function inquire(ctx: Ctx, state: State): void {
  const { durable, volatile } = state;
  const prepared = Object.entries(durable.prepared);
  for (const [txn, record] of prepared) {
    if (ctx.clock.now - record.preparedAt < ctx.params.inquiryIntervalMs) continue;
    ctx.send(record.coordinator, { type: 'inquiry', txn });
    if (volatile.blockedNoted[txn]) continue;
    volatile.blockedNoted[txn] = true;
    ctx.note(
      `${ctx.self} is blocked on ${txn}: it voted yes, so it can neither commit nor abort until ${record.coordinator} answers; still holding locks on ${describeKeys(record.writes)}`,
    );
  }
  if (prepared.length > 0) ctx.setTimer(inquiryTimer, ctx.params.inquiryIntervalMs);
}

// Views ---------------------------------------------------------------------------------------------

function roleOf(self: NodeId, params: TwoPhaseParams): TwoPhaseDurable['role'] {
  const coordinates = params.coordinator === self;
  const participates = Object.values(params.placement).includes(self);
  if (coordinates && participates) return 'coordinator + participant';
  return coordinates ? 'coordinator' : participates ? 'participant' : 'idle';
}

function listOrNone(items: readonly string[]): string {
  return items.length > 0 ? items.join('; ') : 'none';
}

function describeNode(state: State, up: boolean): NodeView {
  const { durable, volatile } = state;
  const details: Record<string, string | number | boolean> = {};
  if (durable.role !== 'participant') {
    const records = Object.entries(durable.log);
    details['collecting votes'] = listOrNone(
      records.filter(([, record]) => record.decision === null).map(([txn]) => txn),
    );
    details['decisions logged'] = listOrNone(
      records
        .filter(([, record]) => record.decision !== null)
        .slice(-5)
        .map(([txn, record]) => `${txn} ${record.decision!.toUpperCase()}`),
    );
    details['awaiting acks'] = listOrNone(
      records
        .filter(([, record]) => record.decision !== null && record.acked.length < record.participants.length)
        .map(
          ([txn, record]) =>
            `${txn} from ${record.participants.filter((p) => !record.acked.includes(p)).join(', ')}`,
        ),
    );
  }
  if (durable.role !== 'coordinator') {
    const locks = Object.entries(locksHeld(durable));
    details['locks held'] = listOrNone(locks.map(([key, txn]) => `${key} (${txn})`));
    details['prepared (in doubt)'] = listOrNone(
      Object.entries(durable.prepared).map(
        ([txn, record]) => `${txn}: ${record.writes.map(describeWrite).join(', ')}`,
      ),
    );
    if (up) details['waiting for locks'] = listOrNone(volatile.waiting.map((pending) => pending.txn));
    const outcomes = Object.values(durable.outcomes);
    details.committed = outcomes.filter((outcome) => outcome === 'committed').length;
    details.aborted = outcomes.filter((outcome) => outcome === 'aborted').length;
  }
  return { role: up ? durable.role : 'down', kv: { ...durable.kv }, details };
}

/** No decision yet when the votes' deadline passes: abort, naming who never voted. */
function onVoteTimeout(ctx: Ctx, state: State, txn: TxnId): void {
  if (state.durable.log[txn]?.decision !== null) return;
  const votes = state.volatile.yesVotes[txn] ?? [];
  const missing = state.durable.log[txn]!.participants.filter((participant) => !votes.includes(participant));
  decide(
    ctx,
    state,
    txn,
    'abort',
    `no vote from ${missing.join(', ')} within ${ctx.params.voteTimeoutMs} ms`,
  );
}

export const twoPhaseProtocol: Protocol<
  TwoPhaseParams,
  TwoPhaseDurable,
  TwoPhaseVolatile,
  TwoPhaseMessage,
  TwoPhaseTimer
> = {
  id: 'twophase',
  title: 'Two-phase commit',
  paramsSchema: twoPhaseParams,
  checkParams: (params, nodes) => [
    ...checkNodeParam(params.coordinator, nodes, 'params.coordinator'),
    ...checkPlacement(params.placement, nodes),
    ...checkInitialValues(params.initial, params.placement),
    ...params.voteNo.flatMap((node, i) => checkNodeParam(node, nodes, `params.voteNo[${i}]`)),
  ],
  initDurable: ({ self, params }) => ({
    role: roleOf(self, params),
    nextTxn: 0,
    log: {},
    kv: initialValuesOn(self, params.initial, params.placement),
    prepared: {},
    outcomes: {},
  }),
  initVolatile: () => ({ yesVotes: {}, clientRequests: {}, waiting: [], blockedNoted: {} }),
  onStart(ctx, state) {
    if (ctx.self === ctx.params.coordinator) recoverCoordinator(ctx, state);
    const prepared = Object.entries(state.durable.prepared);
    if (prepared.length === 0) return;
    ctx.note(
      `${ctx.self} restarted with ${prepared.map(([txn]) => txn).join(', ')} prepared: it keeps the locks on ${prepared.map(([, record]) => describeKeys(record.writes)).join(', ')} until the coordinator says how it ended`,
    );
    ctx.setTimer(inquiryTimer, ctx.params.inquiryIntervalMs);
  },
  onMessage(ctx, state, from, message) {
    switch (message.type) {
      case 'prepare':
        return onPrepare(ctx, state, from, message);
      case 'vote':
        return onVote(ctx, state, from, message);
      case 'decision':
        return onDecision(ctx, state, from, message);
      case 'ack': {
        const record = state.durable.log[message.txn];
        if (record && !record.acked.includes(from)) record.acked.push(from);
        return;
      }
      case 'inquiry': {
        const decision = state.durable.log[message.txn]?.decision;
        // Undecided: the vote timeout will decide soon, and the participant asks again.
        if (decision) ctx.send(from, { type: 'decision', txn: message.txn, decision });
        return;
      }
    }
  },
  onTimer(ctx, state, timer) {
    switch (timer.kind) {
      case 'inquiry':
        return inquire(ctx, state);
      case 'resend':
        return resendUnacknowledged(ctx, state);
      case 'lock-wait':
        return onLockWaitTimeout(ctx, state, timer.id);
      case 'votes':
        return onVoteTimeout(ctx, state, timer.id);
      default:
        return unhandledKind(timer);
    }
  },
  onClientRequest(ctx, state, request) {
    const { coordinator, placement } = ctx.params;
    if (request.op === 'read') {
      const owner = placement[request.key];
      if (owner === undefined) ctx.reply(request.id, { ok: false, error: `no node holds "${request.key}"` });
      else if (owner !== ctx.self)
        ctx.reply(request.id, { ok: false, error: `${owner} holds ${request.key}`, redirectTo: owner });
      else {
        const holder = locksHeld(state.durable)[request.key];
        if (holder)
          ctx.reply(request.id, {
            ok: false,
            error: `${request.key} is locked by prepared transaction ${holder}`,
          });
        else ctx.reply(request.id, { ok: true, value: state.durable.kv[request.key] ?? null });
      }
      return;
    }
    if (ctx.self !== coordinator) {
      ctx.reply(request.id, {
        ok: false,
        error: `${coordinator} coordinates transactions`,
        redirectTo: coordinator,
      });
      return;
    }
    const writes = requestWrites(request);
    if (!writes.ok) ctx.reply(request.id, { ok: false, error: writes.error });
    else startTransaction(ctx, state, request.id, writes.value);
  },
  describeMessage(message) {
    switch (message.type) {
      case 'prepare':
        return `PREPARE ${message.txn}`;
      case 'vote':
        return `VOTE ${message.yes ? 'YES' : 'NO'} ${message.txn}`;
      case 'decision':
        return `${message.decision.toUpperCase()} ${message.txn}`;
      case 'ack':
        return `ACK ${message.txn}`;
      case 'inquiry':
        return `INQUIRY ${message.txn}`;
    }
  },
  // The coordinator sends PREPARE and the decision to the nodes holding the keys; they answer it alone.
  topology: ({ params, nodes }) => hubTopology(params.coordinator, Object.values(params.placement), nodes),
  describeNode,
  gauges({ nodes, now }) {
    const gauges: Record<string, number> = {};
    let locks = 0;
    for (const [id, { state }] of nodes) {
      if (state.durable.role === 'coordinator' || state.durable.role === 'idle') continue;
      const prepared = Object.values(state.durable.prepared);
      locks += Object.keys(locksHeld(state.durable)).length;
      // preparedAt is the participant's local clock; 2PC scenarios keep clocks true, so this is real time blocked.
      gauges[`blocked ms.${id}`] = prepared.reduce(
        (longest, record) => Math.max(longest, now - record.preparedAt),
        0,
      );
    }
    return { 'locks held': locks, ...gauges };
  },
  invariants: [
    {
      name: 'atomicity',
      check({ nodes }) {
        const outcomes = new Map<TxnId, { committed: NodeId[]; aborted: NodeId[] }>();
        let coordinatorLog: Record<TxnId, CoordinatorRecord> = {};
        for (const [id, { state }] of nodes) {
          if (state.durable.role.startsWith('coordinator')) coordinatorLog = state.durable.log;
          for (const [txn, outcome] of Object.entries(state.durable.outcomes)) {
            const entry = outcomes.get(txn) ?? { committed: [], aborted: [] };
            entry[outcome].push(id);
            outcomes.set(txn, entry);
          }
        }
        for (const [txn, { committed, aborted }] of outcomes) {
          if (committed.length > 0 && aborted.length > 0) {
            return `${txn} committed on ${committed.join(', ')} but aborted on ${aborted.join(', ')}`;
          }
          if (committed.length > 0 && coordinatorLog[txn]?.decision !== 'commit') {
            return `${txn} committed on ${committed.join(', ')} without a COMMIT in the coordinator's log`;
          }
        }
        return null;
      },
    },
  ],
};
