/**
 * An orchestrated saga: a money transfer as a series of local transactions, each undone by a compensating
 * transaction if a later step fails.
 *
 *   step 1  debit `from` on the node that holds it       compensation: refund it
 *   step 2  credit `to` on the node that holds it        compensation: take the credit back
 *   step 3  fraud check and notification on checkNode    compensation: void the notification
 *
 * The orchestrator logs each saga durably and drives it one step at a time, resending a step until its
 * service answers. A service runs each step as one local transaction and records it in its ledger, so a
 * resent step is applied once, and a compensation that arrives before its step makes the step refuse to
 * run later. When a step fails (or stays unanswered for stepTimeoutMs) the orchestrator runs the
 * compensations of the steps before it in reverse order, and keeps resending each until it is done:
 * a compensation may not fail.
 *
 * There is no isolation: between steps, other clients read the half-done transfer (alice debited, bob not
 * yet credited), and a compensation can even overdraw an account whose credit was already spent.
 */
import { z } from 'zod';
import { unhandledKind } from '../../../core/schema';
import type { HandlerContext, NodeId, NodeState, NodeView, Protocol, Value } from '../../../core/types';
import {
  checkInitialValues,
  checkNodeParam,
  checkPlacement,
  initialValuesOn,
  hubTopology,
  initialValuesParam,
  placementParam,
} from '../shared/placement';
import {
  applyAll,
  inverseOf,
  parseTransfer,
  sumOfNumbers,
  transferWrites,
  type AddWrite,
} from '../shared/writes';

export const sagaParams = z
  .object({
    /** The node that runs every saga and keeps the saga log. */
    orchestrator: z.string().default('n1'),
    placement: placementParam.default({ alice: 'n2', bob: 'n3' }),
    initial: initialValuesParam.default({ alice: 100, bob: 100 }),
    /** The node that runs step 3, the fraud check and notification. */
    checkNode: z.string().default('n4'),
    /** Make step 1, 2 or 3 fail in every saga (an injected failure); 0 for none. */
    failStep: z.number().int().min(0).max(3).default(0),
    /** Probability that the fraud check (step 3) rejects a transfer. */
    checkRejectRate: z.number().min(0).max(1).default(0),
    /** How often the orchestrator resends an unanswered step or compensation. */
    retryMs: z.number().int().min(1).default(200),
    /** How long a forward step may stay unanswered before the orchestrator compensates instead. */
    stepTimeoutMs: z.number().int().min(1).default(1500),
  })
  .strict();
export type SagaParams = z.infer<typeof sagaParams>;

type SagaId = string;

export interface SagaStep {
  /** e.g. "debit alice 30", "fraud check". */
  name: string;
  node: NodeId;
  /** The local transaction's write; null for the fraud check, which changes no balance. */
  write: AddWrite | null;
}

export type SagaStatus = 'running' | 'compensating' | 'completed' | 'compensated';

export interface SagaRecord {
  /** The client request this saga serves (its id in the history). */
  requestId: number;
  steps: SagaStep[];
  status: SagaStatus;
  /** The step being run (while running) or compensated (while compensating). */
  current: number;
  /** Why the saga is being compensated. */
  failure: string | null;
}

/** How a service's ledger remembers a step: applied, refused, or undone (or cancelled before it ran). */
export type LedgerEntry = 'done' | 'failed' | 'compensated';

export interface SagaDurable {
  role: 'orchestrator' | 'service' | 'idle';
  /** Orchestrator: the saga log. */
  nextSaga: number;
  sagas: Record<SagaId, SagaRecord>;
  /** Service: balances and the ledger of steps, keyed "s1#2". */
  kv: Record<string, Value>;
  ledger: Record<string, LedgerEntry>;
}

export interface SagaVolatile {
  clientRequests: Record<SagaId, number>;
  /** Local clock time the current forward step was first sent (for the step timeout). */
  stepSentAt: Record<SagaId, number>;
}

export type SagaMessage =
  | { type: 'step'; saga: SagaId; index: number; step: SagaStep }
  | { type: 'step-result'; saga: SagaId; index: number; ok: boolean; reason?: string }
  | { type: 'compensate'; saga: SagaId; index: number; step: SagaStep }
  | { type: 'compensated'; saga: SagaId; index: number };

/** The orchestrator's wait before it retries a saga's current step. */
type SagaTimer = { kind: 'retry'; id: SagaId };

type Ctx = HandlerContext<SagaParams, SagaMessage, SagaTimer>;
type State = NodeState<SagaDurable, SagaVolatile>;

export const ledgerKey = (saga: SagaId, index: number) => `${saga}#${index + 1}`;

export function transferSteps(
  params: SagaParams,
  from: string,
  to: string,
  amount: number,
): SagaStep[] | string {
  const [debit, credit] = transferWrites({ from, to, amount });
  const missing = [from, to].find((account) => params.placement[account] === undefined);
  if (missing !== undefined) return `no node holds account "${missing}"`;
  return [
    { name: `debit ${from} ${amount}`, node: params.placement[from]!, write: debit },
    { name: `credit ${to} ${amount}`, node: params.placement[to]!, write: credit },
    { name: 'fraud check', node: params.checkNode, write: null },
  ];
}

// Orchestrator --------------------------------------------------------------------------------------

function sendCurrent(ctx: Ctx, state: State, saga: SagaId): void {
  const record = state.durable.sagas[saga]!;
  const step = record.steps[record.current]!;
  const type = record.status === 'running' ? 'step' : 'compensate';
  ctx.send(step.node, { type, saga, index: record.current, step });
  ctx.setTimer({ kind: 'retry', id: saga }, ctx.params.retryMs);
}

function startStep(ctx: Ctx, state: State, saga: SagaId): void {
  state.volatile.stepSentAt[saga] = ctx.clock.now;
  sendCurrent(ctx, state, saga);
}

function finish(ctx: Ctx, state: State, saga: SagaId, status: 'completed' | 'compensated'): void {
  const record = state.durable.sagas[saga]!;
  record.status = status;
  ctx.cancelTimer({ kind: 'retry', id: saga });
  delete state.volatile.stepSentAt[saga];
  ctx.note(
    status === 'completed'
      ? `${saga} completed: ${record.steps.map((step) => step.name).join(', ')}`
      : `${saga} fully compensated after "${record.failure}": every completed step was undone`,
  );
  const requestId = state.volatile.clientRequests[saga];
  if (requestId === undefined) return;
  delete state.volatile.clientRequests[saga];
  ctx.reply(
    requestId,
    status === 'completed' ? { ok: true } : { ok: false, error: `${saga} compensated: ${record.failure}` },
  );
}

/** Undo, in reverse order, every step from `from` down to the first. */
function compensateFrom(ctx: Ctx, state: State, saga: SagaId, from: number, failure: string): void {
  const record = state.durable.sagas[saga]!;
  record.status = 'compensating';
  record.failure = failure;
  record.current = from;
  delete state.volatile.stepSentAt[saga];
  const undo = record.steps.slice(0, from + 1).map((step) => step.name);
  ctx.note(
    undo.length > 0
      ? `${saga}: ${failure} → undoing in reverse order: ${undo.reverse().join(', then ')}`
      : `${saga}: ${failure} → nothing to compensate`,
  );
  if (from < 0) finish(ctx, state, saga, 'compensated');
  else sendCurrent(ctx, state, saga);
}

function startSaga(ctx: Ctx, state: State, requestId: number, steps: SagaStep[]): void {
  const saga = `s${++state.durable.nextSaga}`;
  state.durable.sagas[saga] = { requestId, steps, status: 'running', current: 0, failure: null };
  state.volatile.clientRequests[saga] = requestId;
  startStep(ctx, state, saga);
}

function onStepResult(ctx: Ctx, state: State, message: Extract<SagaMessage, { type: 'step-result' }>): void {
  const record = state.durable.sagas[message.saga];
  // Answers to resent or abandoned steps are stale once the saga has moved on.
  if (!record || record.status !== 'running' || record.current !== message.index) return;
  const step = record.steps[message.index]!;
  if (!message.ok) {
    compensateFrom(
      ctx,
      state,
      message.saga,
      message.index - 1,
      `step ${message.index + 1} (${step.name} on ${step.node}) failed: ${message.reason}`,
    );
    return;
  }
  record.current++;
  if (record.current === record.steps.length) finish(ctx, state, message.saga, 'completed');
  else startStep(ctx, state, message.saga);
}

function onCompensated(ctx: Ctx, state: State, message: Extract<SagaMessage, { type: 'compensated' }>): void {
  const record = state.durable.sagas[message.saga];
  if (!record || record.status !== 'compensating' || record.current !== message.index) return;
  record.current--;
  if (record.current < 0) finish(ctx, state, message.saga, 'compensated');
  else sendCurrent(ctx, state, message.saga);
}

function onRetry(ctx: Ctx, state: State, saga: SagaId): void {
  const record = state.durable.sagas[saga];
  if (!record || record.status === 'completed' || record.status === 'compensated') return;
  const sentAt = state.volatile.stepSentAt[saga];
  if (
    record.status === 'running' &&
    sentAt !== undefined &&
    ctx.clock.now - sentAt >= ctx.params.stepTimeoutMs
  ) {
    const step = record.steps[record.current]!;
    // The step may have run with its answer lost, so it is compensated too (a no-op if it never ran).
    compensateFrom(
      ctx,
      state,
      saga,
      record.current,
      `no answer from ${step.node} for "${step.name}" within ${ctx.params.stepTimeoutMs} ms`,
    );
    return;
  }
  sendCurrent(ctx, state, saga);
}

function resumeSagas(ctx: Ctx, state: State): void {
  for (const [saga, record] of Object.entries(state.durable.sagas)) {
    if (record.status === 'completed' || record.status === 'compensated') continue;
    const step = record.steps[record.current]!;
    ctx.note(
      `${ctx.self} restarted: resuming ${saga} from its log, ${record.status === 'running' ? 'running' : 'compensating'} "${step.name}"`,
    );
    if (record.status === 'running') startStep(ctx, state, saga);
    else sendCurrent(ctx, state, saga);
  }
}

// Service -------------------------------------------------------------------------------------------

/** Why this step cannot run, or null once its local transaction has been applied. */
function runLocalTransaction(
  ctx: Ctx,
  state: State,
  message: Extract<SagaMessage, { type: 'step' }>,
): string | null {
  if (ctx.params.failStep === message.index + 1) return 'injected failure';
  if (message.step.write === null) {
    return ctx.random.bernoulli(ctx.params.checkRejectRate) ? 'fraud check rejected the transfer' : null;
  }
  const applied = applyAll(state.durable.kv, [message.step.write]);
  return applied.ok ? null : applied.error;
}

/** Runs a step at most once: the ledger answers for resent copies and refuses steps already compensated. */
function runStep(
  ctx: Ctx,
  state: State,
  message: Extract<SagaMessage, { type: 'step' }>,
): { ok: boolean; reason?: string } {
  const { ledger } = state.durable;
  const key = ledgerKey(message.saga, message.index);
  const entry = ledger[key];
  if (entry === 'done') return { ok: true };
  if (entry === 'compensated') return { ok: false, reason: 'already cancelled by a compensation' };
  if (entry === 'failed') return { ok: false, reason: 'failed before' };
  const failure = runLocalTransaction(ctx, state, message);
  ledger[key] = failure === null ? 'done' : 'failed';
  return failure === null ? { ok: true } : { ok: false, reason: failure };
}

function runCompensation(
  ctx: Ctx,
  state: State,
  message: Extract<SagaMessage, { type: 'compensate' }>,
): void {
  const { durable } = state;
  const key = ledgerKey(message.saga, message.index);
  if (durable.ledger[key] === 'done' && message.step.write) {
    const undo = inverseOf(message.step.write);
    applyAll(durable.kv, [undo]);
    const balance = durable.kv[undo.key];
    if (typeof balance === 'number' && balance < 0) {
      ctx.note(
        `${ctx.self}: undoing "${message.step.name}" left ${undo.key} at ${balance}: a compensation cannot be refused`,
      );
    }
  }
  // Recorded even when the step never ran, so a late copy of the step is refused.
  if (durable.ledger[key] !== 'failed') durable.ledger[key] = 'compensated';
}

// Views ---------------------------------------------------------------------------------------------

function roleOf(self: NodeId, params: SagaParams): SagaDurable['role'] {
  if (self === params.orchestrator) return 'orchestrator';
  return self === params.checkNode || Object.values(params.placement).includes(self) ? 'service' : 'idle';
}

function describeNode(state: State, up: boolean): NodeView {
  const { durable } = state;
  const details: Record<string, string | number | boolean> = {};
  if (durable.role === 'orchestrator') {
    const sagas = Object.entries(durable.sagas);
    const running = sagas.filter(
      ([, record]) => record.status === 'running' || record.status === 'compensating',
    );
    details['in flight'] =
      running
        .map(
          ([saga, record]) =>
            `${saga}: ${record.status === 'running' ? '' : 'undo '}${record.steps[record.current]!.name}`,
        )
        .join('; ') || 'none';
    details.completed = sagas.filter(([, record]) => record.status === 'completed').length;
    details.compensated = sagas.filter(([, record]) => record.status === 'compensated').length;
  } else if (durable.role === 'service') {
    const entries = Object.entries(durable.ledger);
    details.ledger =
      entries
        .slice(-6)
        .map(([key, entry]) => `${key} ${entry}`)
        .join('; ') || 'empty';
  }
  return { role: up ? durable.role : 'down', kv: { ...durable.kv }, details };
}

export const sagaProtocol: Protocol<SagaParams, SagaDurable, SagaVolatile, SagaMessage, SagaTimer> = {
  id: 'saga',
  title: 'Saga with compensating transactions',
  paramsSchema: sagaParams,
  checkParams: (params, nodes) => [
    ...checkNodeParam(params.orchestrator, nodes, 'params.orchestrator'),
    ...checkNodeParam(params.checkNode, nodes, 'params.checkNode'),
    ...checkPlacement(params.placement, nodes),
    ...checkInitialValues(params.initial, params.placement),
  ],
  initDurable: ({ self, params }) => ({
    role: roleOf(self, params),
    nextSaga: 0,
    sagas: {},
    kv: initialValuesOn(self, params.initial, params.placement),
    ledger: {},
  }),
  initVolatile: () => ({ clientRequests: {}, stepSentAt: {} }),
  onStart(ctx, state) {
    if (state.durable.role === 'orchestrator') resumeSagas(ctx, state);
  },
  onMessage(ctx, state, from, message) {
    switch (message.type) {
      case 'step': {
        const result = runStep(ctx, state, message);
        ctx.send(from, { type: 'step-result', saga: message.saga, index: message.index, ...result });
        return;
      }
      case 'compensate':
        runCompensation(ctx, state, message);
        ctx.send(from, { type: 'compensated', saga: message.saga, index: message.index });
        return;
      case 'step-result':
        return onStepResult(ctx, state, message);
      case 'compensated':
        return onCompensated(ctx, state, message);
    }
  },
  onTimer(ctx, state, timer) {
    switch (timer.kind) {
      case 'retry':
        return onRetry(ctx, state, timer.id);
      default:
        return unhandledKind(timer.kind);
    }
  },
  onClientRequest(ctx, state, request) {
    const { orchestrator, placement } = ctx.params;
    if (request.op === 'read') {
      const owner = placement[request.key];
      if (owner === undefined) ctx.reply(request.id, { ok: false, error: `no node holds "${request.key}"` });
      else if (owner !== ctx.self)
        ctx.reply(request.id, { ok: false, error: `${owner} holds ${request.key}`, redirectTo: owner });
      else ctx.reply(request.id, { ok: true, value: state.durable.kv[request.key] ?? null });
      return;
    }
    if (request.op !== 'transfer') {
      ctx.reply(request.id, { ok: false, error: `a saga runs transfers and reads, not ${request.op}` });
      return;
    }
    if (ctx.self !== orchestrator) {
      ctx.reply(request.id, { ok: false, error: `${orchestrator} runs the sagas`, redirectTo: orchestrator });
      return;
    }
    const transfer = parseTransfer(request);
    const steps = transfer.ok
      ? transferSteps(ctx.params, transfer.value.from, transfer.value.to, transfer.value.amount)
      : transfer.error;
    if (typeof steps === 'string') ctx.reply(request.id, { ok: false, error: steps });
    else startSaga(ctx, state, request.id, steps);
  },
  describeMessage(message) {
    switch (message.type) {
      case 'step':
        return `${message.step.name} (${message.saga})`;
      case 'step-result':
        return `${message.ok ? 'DONE' : 'FAILED'} ${ledgerKey(message.saga, message.index)}`;
      case 'compensate':
        return `UNDO ${message.step.name} (${message.saga})`;
      case 'compensated':
        return `UNDONE ${ledgerKey(message.saga, message.index)}`;
    }
  },
  // The orchestrator drives every step and compensation; the services answer it and never each other.
  topology: ({ params, nodes }) =>
    hubTopology(params.orchestrator, [...Object.values(params.placement), params.checkNode], nodes),
  describeNode,
  gauges({ nodes, params }) {
    let total = 0;
    let sagasInFlight = 0;
    for (const [, { state }] of nodes) {
      total += sumOfNumbers(Object.values(state.durable.kv));
      for (const record of Object.values(state.durable.sagas)) {
        if (record.status === 'running' || record.status === 'compensating') sagasInFlight++;
      }
    }
    return {
      'money in flight': sumOfNumbers(Object.values(params.initial)) - total,
      'sagas in flight': sagasInFlight,
    };
  },
  invariants: [
    {
      name: 'money conserved when no saga is in flight',
      check({ nodes, params }) {
        let total = 0;
        for (const [, { state }] of nodes) {
          for (const record of Object.values(state.durable.sagas)) {
            if (record.status === 'running' || record.status === 'compensating') return null;
          }
          total += sumOfNumbers(Object.values(state.durable.kv));
        }
        const initialTotal = sumOfNumbers(Object.values(params.initial));
        return total === initialTotal
          ? null
          : `every saga has finished, yet the balances add up to ${total} instead of ${initialTotal}`;
      },
    },
  ],
};
