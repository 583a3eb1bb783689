/**
 * Linearizability of key-value histories (reads, writes, compare-and-set), after Wing & Gong, Lowe, and
 * Porcupine.
 *
 * Linearizability is local (Herlihy & Wing): a history is linearizable iff each key's sub-history is, so
 * every key is searched on its own. The search places operations one at a time in an order that respects
 * real time and the rules of a single register, backtracking when stuck, and remembers every
 * (set of placed operations, register value) it has already explored so no configuration is searched
 * twice. A budget of search steps (not wall time, so the same history always gets the same verdict)
 * turns a search that would take too long into the verdict 'unknown'.
 *
 * Semantics, per operation:
 * - ok === true: it took effect exactly once, between its invoke and its complete.
 *   read returns the register's value; write sets it; cas succeeded, so the register held `expected` and
 *   now holds `value`.
 * - ok === false: it definitely did not take effect; dropped. A cas whose comparison failed must be
 *   reported this way; the value it saw is not used (sound, slightly weaker).
 * - ok === null (no reply, or the node could not tell): it may take effect at any time after its invoke,
 *   or never. An indeterminate read constrains nothing and is dropped. An indeterminate write or cas may
 *   be placed anywhere after its invoke or left out; a cas only changes the value if it held `expected`.
 *
 * Real-time order: A must come before B when A was acknowledged before B was invoked (A.complete <
 * B.invoke; equal times are treated as concurrent, since events within one millisecond are not ordered in
 * the history), or when A and B come from the same client, whose operations are sequential.
 *
 * Initial value: null unless told otherwise (one value, one per key, or unknownInitialValue: whatever the
 * key is first seen to hold, provided no operation wrote or tried to write it).
 *
 * Two prunings keep indeterminate operations cheap without changing any verdict (the brute-force
 * cross-check in linearizability.crosscheck.test.ts holds them to that): one that would change nothing
 * where it stands is never placed there, and once one is placed, the next operation must observe its value
 * (a read of it or a cas from it); otherwise it could just as well have been left out.
 */
import type { HistoryOperation, Value } from '../core/types';
import { hashString } from '../core/random';
import {
  attemptedValues,
  groupByKey,
  initialValueOf,
  mayBeInitial,
  observedValue,
  unknownInitialValue,
  type Initial,
  type InitialValues,
  type KvOperation,
} from './history';
import { explainViolation } from './violationExplanation';

export type LinearizabilityVerdict = 'linearizable' | 'violation' | 'unknown';

export interface LinearizabilityOptions {
  /** What each key holds before any write: one value for all keys, one per key, or unknownInitialValue. Default null. */
  initialValue?: InitialValues;
  /** Search steps allowed per key before that key's verdict is 'unknown'. Default 1,000,000. */
  maxSteps?: number;
  /** Search steps allowed over all keys; keys reached after it is spent are 'unknown'. Default 10,000,000. */
  maxTotalSteps?: number;
  /** Search steps allowed for shrinking a violation to a minimal set of operations. Default 1,000,000. */
  maxShrinkSteps?: number;
}

export interface KeyLinearizability {
  verdict: LinearizabilityVerdict;
  /** Operations the search had to place (acknowledged ones plus indeterminate writes whose value was read). */
  checked: number;
  /** Failed operations, indeterminate reads and indeterminate writes nobody observed: they constrain nothing. */
  ignored: number;
  steps: number;
}

export interface LinearizabilityViolation {
  key: string;
  /**
   * A small set of the key's operations that cannot be ordered: shrunk (within the shrink budget) until
   * removing any one of them, other than a write some remaining read depends on, makes it orderable.
   */
  operationIds: number[];
  /** The longest order of the key's operations the search reached before getting stuck (operation ids). */
  partialLinearization: number[];
  /** Simulated time by which the history had become impossible to explain. */
  at: number;
  explanation: string;
}

export interface LinearizabilityResult {
  verdict: LinearizabilityVerdict;
  perKey: Record<string, KeyLinearizability>;
  violation?: LinearizabilityViolation;
  /** Search steps spent on the verdict, plus those spent shrinking a violation. */
  steps: number;
}

const defaults = { maxSteps: 1_000_000, maxTotalSteps: 10_000_000, maxShrinkSteps: 1_000_000 };

export function checkLinearizability(
  history: readonly HistoryOperation[],
  options: LinearizabilityOptions = {},
): LinearizabilityResult {
  const maxSteps = options.maxSteps ?? defaults.maxSteps;
  const maxTotalSteps = options.maxTotalSteps ?? defaults.maxTotalSteps;
  const perKey: Record<string, KeyLinearizability> = {};
  let steps = 0;
  let unknown = false;
  let worst: {
    key: string;
    register: Register;
    all: KvOperation[];
    ops: KvOperation[];
    search: KeySearch;
  } | null = null;

  for (const [key, all] of groupByKey(history)) {
    const register: Register = {
      initial: initialValueOf(options.initialValue, key),
      attempted: attemptedValues(all),
    };
    const ops = operationsToPlace(all);
    const search = searchRegister(ops, register, Math.min(maxSteps, maxTotalSteps - steps));
    steps += search.steps;
    perKey[key] = {
      verdict: search.verdict,
      checked: ops.length,
      ignored: all.length - ops.length,
      steps: search.steps,
    };
    if (search.verdict === 'unknown') unknown = true;
    if (search.verdict === 'violation' && (!worst || search.stuckAt < worst.search.stuckAt))
      worst = { key, register, all, ops, search };
  }

  if (!worst) return { verdict: unknown ? 'unknown' : 'linearizable', perKey, steps };
  const shrunk = shrinkViolation(
    worst.ops,
    worst.register,
    options.maxShrinkSteps ?? defaults.maxShrinkSteps,
  );
  const explained = explainViolation(worst.key, shrunk.ops, worst.all, worst.register.initial);
  return {
    verdict: 'violation',
    perKey,
    steps: steps + shrunk.steps,
    violation: {
      key: worst.key,
      operationIds: shrunk.ops.map((op) => op.id),
      partialLinearization: worst.search.deepest.map((index) => worst.ops[index]!.id),
      at: explained.at ?? shrunk.stuckAt,
      explanation: explained.text,
    },
  };
}

/**
 * The operations the search must consider: acknowledged ones, and indeterminate writes and cas whose
 * value some read returned or some cas expected. An indeterminate write nobody observed can always be
 * left out (its value would have to be overwritten before anyone looked), so dropping it loses nothing.
 */
export function operationsToPlace(ops: readonly KvOperation[]): KvOperation[] {
  const observed = new Set<Value>();
  for (const op of ops) {
    if (op.type === 'read' && op.ok === true) observed.add(op.value);
    if (op.type === 'cas' && op.ok !== false) observed.add(op.expected ?? null);
  }
  return ops.filter((op) => {
    if (op.ok === true) return true;
    if (op.ok === false || op.type === 'read') return false;
    return observed.has(op.value);
  });
}

// ---------------------------------------------------------------------------------------------------
// The search

interface KeySearch {
  verdict: LinearizabilityVerdict;
  steps: number;
  /** Indices (into the ops given) of the longest partial linearization reached. */
  deepest: number[];
  /** The acknowledgement time of the operation that could not be placed after `deepest`; Infinity if none. */
  stuckAt: number;
}

/** One key's register: its initial value, and the values operations wrote or tried to (for an unknown initial value). */
interface Register {
  initial: Initial;
  attempted: ReadonlySet<Value>;
}

/** The register's content during the search: a value, or the initial value while it is still unknown. */
type RegisterState = Initial;

const illegal = Symbol('illegal');

function holds(state: RegisterState, value: Value, register: Register): boolean {
  return state === unknownInitialValue ? mayBeInitial(state, register.attempted, value) : state === value;
}

/** The register's next state after `op`, or `illegal` when `op` cannot happen in state `state`. */
function applyToRegister(
  state: RegisterState,
  op: KvOperation,
  register: Register,
): RegisterState | typeof illegal {
  switch (op.type) {
    case 'read':
      return holds(state, op.value, register) ? op.value : illegal;
    case 'write':
      return op.value;
    case 'cas': {
      const matches = holds(state, op.expected ?? null, register);
      if (op.ok === true) return matches ? op.value : illegal;
      return matches ? op.value : state; // indeterminate: a failed comparison changes nothing
    }
  }
}

function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

function hashValue(value: RegisterState): number {
  if (value === null) return 0x9e3779b9;
  if (value === unknownInitialValue) return 0x3c6ef372;
  if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) < 2 ** 31)
    return mix32(value ^ 0x5bd1e995);
  return hashString(`${typeof value}:${String(value)}`);
}

/**
 * The configurations the search has explored: which operations are placed, and the register's value.
 * Operations are numbered in invoke order and the search places them roughly in that order, so a placed
 * set is stored compactly as its frontier (every operation before it is placed) plus the bitset words from
 * the frontier to the highest placed operation: a narrow window, whatever the history's length.
 */
class ExploredConfigurations {
  private words = new Uint32Array(64);
  private used = 0;
  private readonly start: number[] = [];
  private readonly length: number[] = [];
  private readonly frontier: number[] = [];
  private readonly value: RegisterState[] = [];
  private readonly awaiting: boolean[] = [];
  private readonly nextInBucket: number[] = [];
  private readonly buckets = new Map<number, number>();

  /**
   * Records the configuration; false when it had been explored already. `awaitingObserver` is part of
   * it: the search is more constrained right after placing an indeterminate operation.
   */
  add(
    hash: number,
    placed: Uint32Array,
    frontier: number,
    highest: number,
    value: RegisterState,
    awaitingObserver: boolean,
  ): boolean {
    const from = frontier >>> 5;
    const to = highest < frontier ? from : (highest >>> 5) + 1;
    const key =
      (hash ^ hashValue(value) ^ Math.imul(frontier, 0x9e3779b1) ^ (awaitingObserver ? 0x55555555 : 0)) >>> 0;
    const first = this.buckets.get(key) ?? -1;
    for (let entry = first; entry !== -1; entry = this.nextInBucket[entry]!) {
      if (
        this.frontier[entry] !== frontier ||
        this.value[entry] !== value ||
        this.awaiting[entry] !== awaitingObserver ||
        this.length[entry] !== to - from
      ) {
        continue;
      }
      const offset = this.start[entry]!;
      let same = true;
      for (let w = from; w < to && same; w++) same = this.words[offset + w - from] === placed[w];
      if (same) return false;
    }
    if (this.used + (to - from) > this.words.length) {
      const grown = new Uint32Array(Math.max(this.words.length * 2, this.used + (to - from)));
      grown.set(this.words.subarray(0, this.used));
      this.words = grown;
    }
    for (let w = from; w < to; w++) this.words[this.used + w - from] = placed[w]!;
    const entry = this.frontier.length;
    this.start.push(this.used);
    this.length.push(to - from);
    this.frontier.push(frontier);
    this.value.push(value);
    this.awaiting.push(awaitingObserver);
    this.nextInBucket.push(first);
    this.buckets.set(key, entry);
    this.used += to - from;
    return true;
  }
}

/**
 * Searches for an order of `ops` (one key) that a single register explains. Indeterminate operations
 * never have to be placed; the search succeeds once every acknowledged one is.
 *
 * Two dancing-links lists make each step cheap: unplaced operations by invoke time (the candidates are
 * a prefix of it) and unplaced acknowledged operations by complete time (the head is the deadline: no
 * operation invoked after it may go next).
 */
function searchRegister(input: readonly KvOperation[], register: Register, maxSteps: number): KeySearch {
  const ops = [...input].sort((a, b) => a.invoke - b.invoke || a.id - b.id);
  const n = ops.length;
  const head = n;
  const invoke = ops.map((op) => op.invoke);
  const acknowledged = ops.map((op) => op.ok === true);
  const complete = ops.map((op, i) => (acknowledged[i] ? (op.complete ?? Infinity) : Infinity));

  // The previous acknowledged operation of the same client on this key must be placed first.
  const predecessor = new Int32Array(n).fill(-1);
  const lastOfProcess = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const previous = lastOfProcess.get(ops[i]!.process);
    if (previous !== undefined) predecessor[i] = previous;
    if (acknowledged[i]) lastOfProcess.set(ops[i]!.process, i);
  }

  const byInvokeNext = new Int32Array(n + 1);
  const byInvokePrev = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) {
    byInvokeNext[i] = i === n ? 0 : i + 1;
    byInvokePrev[i] = i === 0 ? n : i - 1;
  }
  if (n === 0) byInvokeNext[head] = byInvokePrev[head] = head;

  const deadlineOrder = ops
    .map((_, i) => i)
    .filter((i) => acknowledged[i])
    .sort((a, b) => complete[a]! - complete[b]! || a - b);
  const byDeadlineNext = new Int32Array(n + 1).fill(head);
  const byDeadlinePrev = new Int32Array(n + 1).fill(head);
  let previous = head;
  for (const i of deadlineOrder) {
    byDeadlineNext[previous] = i;
    byDeadlinePrev[i] = previous;
    previous = i;
  }
  byDeadlineNext[previous] = head;
  byDeadlinePrev[head] = previous;

  const lift = (i: number) => {
    byInvokeNext[byInvokePrev[i]!] = byInvokeNext[i]!;
    byInvokePrev[byInvokeNext[i]!] = byInvokePrev[i]!;
    if (acknowledged[i]) {
      byDeadlineNext[byDeadlinePrev[i]!] = byDeadlineNext[i]!;
      byDeadlinePrev[byDeadlineNext[i]!] = byDeadlinePrev[i]!;
    }
  };
  const unlift = (i: number) => {
    byInvokeNext[byInvokePrev[i]!] = i;
    byInvokePrev[byInvokeNext[i]!] = i;
    if (acknowledged[i]) {
      byDeadlineNext[byDeadlinePrev[i]!] = i;
      byDeadlinePrev[byDeadlineNext[i]!] = i;
    }
  };

  const placed = new Uint32Array(Math.ceil(n / 32) || 1);
  const isPlaced = (i: number) => (placed[i >>> 5]! & (1 << (i & 31))) !== 0;
  const flip = (i: number) => (placed[i >>> 5]! ^= 1 << (i & 31));
  const zobrist = ops.map((_, i) => mix32(i + 0x2545f491));
  let placedHash = 0;

  const explored = new ExploredConfigurations();

  const stackOp = new Int32Array(n);
  // stackHighest[d]: the highest operation index among the first d placed (-1 for none).
  const stackHighest = new Int32Array(n + 1).fill(-1);
  const stackValue: RegisterState[] = new Array<RegisterState>(n);
  const stackAwaiting = new Uint8Array(n);
  let depth = 0;
  // The deepest partial linearization, copied lazily: `validPrefix` entries of `best` still match the stack.
  const best = new Int32Array(n);
  let bestDepth = 0;
  let validPrefix = 0;
  let stuckAt = complete[byDeadlineNext[head]!] ?? Infinity;

  let value: RegisterState = register.initial;
  // Set right after an indeterminate operation is placed: only an operation that sees its value may follow.
  let awaitingObserver = false;
  let unplacedAcknowledged = deadlineOrder.length;
  let steps = 0;
  let entry = byInvokeNext[head]!;

  const result = (verdict: LinearizabilityVerdict): KeySearch => ({
    verdict,
    steps,
    deepest: Array.from(best.subarray(0, bestDepth)),
    stuckAt: verdict === 'violation' ? stuckAt : Infinity,
  });

  for (;;) {
    if (unplacedAcknowledged === 0) return result('linearizable');
    if (steps >= maxSteps) return result('unknown');
    const deadlineOp = byDeadlineNext[head]!;
    const deadline = complete[deadlineOp] ?? Infinity;
    let placedOne = false;
    while (entry !== head && invoke[entry]! <= deadline) {
      const i = entry;
      entry = byInvokeNext[i]!;
      const before = predecessor[i]!;
      if (before !== -1 && !isPlaced(before)) continue;
      // An indeterminate write overwritten before anyone saw it might as well never have happened.
      if (awaitingObserver && ops[i]!.type === 'write') continue;
      steps++;
      const next = applyToRegister(value, ops[i]!, register);
      // An indeterminate operation that changes nothing can always be put off to the end instead.
      if (next === illegal || (!acknowledged[i] && next === value)) continue;
      flip(i);
      placedHash ^= zobrist[i]!;
      const highest = Math.max(stackHighest[depth]!, i);
      // The first unplaced operation once i is placed (head, numbered n, when none is left).
      const frontier = byInvokeNext[head] === i ? byInvokeNext[i]! : byInvokeNext[head]!;
      if (!explored.add(placedHash, placed, frontier, highest, next, !acknowledged[i])) {
        flip(i);
        placedHash ^= zobrist[i]!;
        continue;
      }
      stackOp[depth] = i;
      stackValue[depth] = value;
      stackAwaiting[depth] = awaitingObserver ? 1 : 0;
      depth++;
      awaitingObserver = !acknowledged[i];
      stackHighest[depth] = highest;
      value = next;
      lift(i);
      if (acknowledged[i]) unplacedAcknowledged--;
      if (depth > bestDepth) {
        best.set(stackOp.subarray(validPrefix, depth), validPrefix);
        bestDepth = validPrefix = depth;
        stuckAt = complete[byDeadlineNext[head]!] ?? Infinity;
      }
      entry = byInvokeNext[head]!;
      placedOne = true;
      break;
    }
    if (placedOne) continue;
    if (depth === 0) return result('violation');
    steps++;
    depth--;
    const i = stackOp[depth]!;
    value = stackValue[depth]!;
    awaitingObserver = stackAwaiting[depth] === 1;
    flip(i);
    placedHash ^= zobrist[i]!;
    unlift(i);
    if (acknowledged[i]) unplacedAcknowledged++;
    if (validPrefix > depth) validPrefix = depth;
    entry = byInvokeNext[i]!;
  }
}

// ---------------------------------------------------------------------------------------------------
// Shrinking a violation

interface Shrunk {
  ops: KvOperation[];
  steps: number;
  stuckAt: number;
}

/**
 * Removes operations from a non-linearizable key history while it stays non-linearizable: first the
 * shortest failing prefix (binary search on invoke order), then chunks and single operations
 * (delta debugging) until no single operation can go. A read is never separated from the writes of the
 * value it returned (nor a successful cas from the writes of the value it expected), so the minimal set
 * never blames an operation for a value that was in fact written.
 */
function shrinkViolation(input: readonly KvOperation[], register: Register, maxSteps: number): Shrunk {
  let budget = maxSteps;
  let ops = [...input].sort((a, b) => a.invoke - b.invoke || a.id - b.id);
  let stuckAt = Infinity;
  const everWritten = attemptedValues(input);
  const keepsSources = (candidate: readonly KvOperation[]) => {
    const written = attemptedValues(candidate);
    return candidate.every((op) => {
      const needed = observedValue(op);
      return needed === undefined || written.has(needed) || !everWritten.has(needed);
    });
  };
  const fails = (candidate: readonly KvOperation[]) => {
    if (budget <= 0 || !keepsSources(candidate)) return false;
    const search = searchRegister(candidate, register, budget);
    budget -= search.steps;
    if (search.verdict !== 'violation') return false;
    stuckAt = search.stuckAt;
    return true;
  };

  let low = 0;
  let high = ops.length;
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    if (fails(ops.slice(0, middle))) high = middle;
    else low = middle;
  }
  ops = ops.slice(0, high);

  for (
    let size = Math.max(1, 2 ** Math.floor(Math.log2(Math.max(1, ops.length / 2))));
    size >= 1;
    size = size / 2
  ) {
    for (let start = 0; start < ops.length;) {
      const candidate = [...ops.slice(0, start), ...ops.slice(start + size)];
      if (candidate.length > 0 && fails(candidate)) ops = candidate;
      else start += size;
    }
  }
  for (let changed = true; changed && budget > 0;) {
    changed = false;
    for (let i = 0; i < ops.length; i++) {
      const candidate = [...ops.slice(0, i), ...ops.slice(i + 1)];
      if (candidate.length > 0 && fails(candidate)) {
        ops = candidate;
        changed = true;
        i--;
      }
    }
  }
  // Re-run on the final set so the time reported is that set's own.
  const final = searchRegister(ops, register, Math.max(budget, 1));
  if (final.verdict === 'violation') stuckAt = final.stuckAt;
  return { ops, steps: maxSteps - budget + final.steps, stuckAt };
}
