/**
 * Puts a linearizability violation in plain words, for the check's detail line and the history view:
 * "read of x by c2 (sent at 400 ms) returned 3 at 412 ms, but 5 had already been written by c1 and
 * acknowledged at 380 ms". Each explainer recognises one classic shape in the minimal set of operations
 * and states only facts that prove the violation; anything else is listed operation by operation.
 */
import type { Value } from '../core/types';
import {
  certainlyOlder,
  describeOperation,
  formatTime,
  formatValue,
  indexWrittenValues,
  observedValue,
  timesHeld,
  type Initial,
  type KvOperation,
  type WrittenValue,
} from './history';

export interface Explained {
  text: string;
  /** When the violation became visible (the offending operation's completion), if an explainer knows it. */
  at: number | null;
}

interface Facts {
  key: string;
  minimal: readonly KvOperation[];
  /** Every operation on the key, failed ones included. */
  all: readonly KvOperation[];
  written: Map<Value, WrittenValue>;
  reads: readonly KvOperation[];
}

type Explainer = (facts: Facts) => Explained | null;

/** `a` certainly took effect before `b` began: acknowledged earlier, or earlier in the same client's sequence. */
function before(a: KvOperation, b: KvOperation): boolean {
  if (a.ok !== true || a.complete === null) return false;
  if (a.complete < b.invoke) return true;
  return a.process === b.process && a.complete <= b.invoke && (a.invoke < b.invoke || a.id < b.id);
}

const valueNeverWritten: Explainer = ({ key, minimal, all, written }) => {
  for (const op of minimal) {
    const seen = observedValue(op);
    if (seen === undefined || written.has(seen)) continue;
    const failed = all.find((other) => other.type !== 'read' && other.ok === false && other.value === seen);
    const origin = failed
      ? `a value only a failed write tried to write (${describeOperation(failed)})`
      : 'a value no write ever wrote';
    const what =
      op.type === 'read'
        ? `read of ${key} by ${op.process} at ${formatTime(op.complete)} returned ${formatValue(seen)}`
        : `cas of ${key} by ${op.process} succeeded at ${formatTime(op.complete)} from ${formatValue(seen)}`;
    return { text: `${what}, ${origin}`, at: op.complete };
  }
  return null;
};

const readBeforeWrite: Explainer = ({ key, reads, written }) => {
  for (const read of reads) {
    const source = written.get(read.value)!;
    if (source.firstInvoked <= (read.complete ?? Infinity)) continue;
    return {
      text: `read of ${key} by ${read.process} returned ${formatValue(read.value)} at ${formatTime(read.complete)}, before any write of ${formatValue(read.value)} had begun (the first began at ${formatTime(source.firstInvoked)})`,
      at: read.complete,
    };
  }
  return null;
};

const staleRead: Explainer = ({ key, minimal, reads, written }) => {
  for (const read of reads) {
    const source = written.get(read.value)!;
    const newer = minimal
      .filter((op) => op.type !== 'read' && before(op, read) && certainlyOlder(source, op.invoke))
      .sort((a, b) => b.invoke - a.invoke)[0];
    if (!newer) continue;
    return {
      text: `read of ${key} by ${read.process} (sent at ${formatTime(read.invoke)}) returned ${formatValue(read.value)} at ${formatTime(read.complete)}, but ${formatValue(newer.value)} had already been written by ${newer.process} and acknowledged at ${formatTime(newer.complete)}`,
      at: read.complete,
    };
  }
  return null;
};

/** A read returned a value older than one an earlier read had already returned. */
const readWentBack: Explainer = ({ key, reads, written }) => {
  for (const later of reads) {
    const old = written.get(later.value)!;
    for (const earlier of reads) {
      const newer = written.get(earlier.value)!;
      if (!before(earlier, later) || !certainlyOlder(old, newer.firstInvoked)) continue;
      const reader = earlier.process === later.process ? 'it' : earlier.process;
      return {
        text: `read of ${key} by ${later.process} (sent at ${formatTime(later.invoke)}) returned ${formatValue(later.value)} at ${formatTime(later.complete)}, but ${reader} had already read the newer ${formatValue(earlier.value)} at ${formatTime(earlier.complete)} (${formatValue(later.value)} was acknowledged at ${formatTime(old.lastAcknowledged)}, before the write of ${formatValue(earlier.value)} began at ${formatTime(newer.firstInvoked)})`,
        at: later.complete,
      };
    }
  }
  return null;
};

/** Two successful cas from a value the register held only once: the second had to see the first's result. */
const lostUpdate: Explainer = ({ key, minimal, written }) => {
  const changing = minimal.filter(
    (op) => op.type === 'cas' && op.ok === true && op.value !== (op.expected ?? null),
  );
  for (const first of changing) {
    const expected = first.expected ?? null;
    const second = changing.find((other) => other !== first && (other.expected ?? null) === expected);
    const source = written.get(expected);
    if (!second || !source || timesHeld(source) !== 1) continue;
    return {
      text: `two compare-and-sets on ${key} both succeeded from ${formatValue(expected)} (${first.process} to ${formatValue(first.value)}, ${second.process} to ${formatValue(second.value)}), but ${key} held ${formatValue(expected)} only once, so one update was lost`,
      at: Math.max(first.complete!, second.complete!),
    };
  }
  return null;
};

const explainers: Explainer[] = [valueNeverWritten, readBeforeWrite, staleRead, readWentBack, lostUpdate];

export function explainViolation(
  key: string,
  minimal: readonly KvOperation[],
  all: readonly KvOperation[],
  initial: Initial,
): Explained {
  const facts: Facts = {
    key,
    minimal,
    all,
    written: indexWrittenValues(all, initial),
    reads: minimal.filter((op) => op.type === 'read' && op.ok === true),
  };
  for (const explain of explainers) {
    const explained = explain(facts);
    if (explained) return explained;
  }
  return {
    text: `no order of these ${minimal.length} operations on ${key} fits both their timing and a single register: ${minimal.map(describeOperation).join('; ')}`,
    at: null,
  };
}
