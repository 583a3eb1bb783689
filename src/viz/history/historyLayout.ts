/**
 * The history view's data: one lane per client, one bar per operation from invoke to completion, in the
 * style of Porcupine's visualizer. Operations that never got a reply stay open to the right edge.
 */
import type { CheckResult, HistoryOperation } from '../../engine/core/types';
import type { Outcome } from '../shared/palette';

export interface HistoryBar {
  operation: HistoryOperation;
  lane: number;
  start: number;
  /** Completion time, or `now` for an operation still waiting or that never got a reply. */
  end: number;
  /** True when no reply came (yet): the bar has no right edge. */
  open: boolean;
  outcome: Outcome;
}

export function outcomeOf(operation: HistoryOperation): Outcome {
  if (operation.ok === true) return 'ok';
  if (operation.ok === false) return 'failed';
  if (operation.complete === null && operation.error === undefined) return 'pending';
  return 'indeterminate';
}

/** Client names in natural order (c2 before c10), so lanes stay put as clients appear. */
export function clientLanes(history: readonly HistoryOperation[]): string[] {
  const names = [...new Set(history.map((operation) => operation.process))];
  return names.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** Bars for the operations that overlap [from, to] (all of them when no window is given). */
export function historyBars(
  history: readonly HistoryOperation[],
  now: number,
  window?: { from: number; to: number },
): { lanes: string[]; bars: HistoryBar[] } {
  const lanes = clientLanes(history);
  const laneOf = new Map(lanes.map((name, index) => [name, index]));
  const bars: HistoryBar[] = [];
  for (const operation of history) {
    if (operation.invoke > now) continue;
    const open = operation.complete === null;
    const end = open ? now : Math.min(operation.complete!, now);
    if (window && (end < window.from || operation.invoke > window.to)) continue;
    bars.push({
      operation,
      lane: laneOf.get(operation.process)!,
      start: operation.invoke,
      end,
      open,
      outcome: outcomeOf(operation),
    });
  }
  return { lanes, bars };
}

/** A checker result that lists the operations of its violation (a field checkers may add). */
export type CheckWithOperations = CheckResult & { operations?: readonly number[] };

/**
 * Ids of the operations failing checks point at, for highlighting: the `operations` list when a check
 * gives one, else the "#id" references in its detail (the linearizability checker names the operations
 * that cannot be ordered as "#12, #15"), kept only if the history has them.
 */
export function violatingOperationIds(
  checks: readonly CheckWithOperations[],
  history: readonly HistoryOperation[],
): Set<number> {
  const known = new Set(history.map((operation) => operation.id));
  const ids = new Set<number>();
  for (const check of checks) {
    if (check.ok) continue;
    const named = check.operations ?? [...check.detail.matchAll(/#(\d+)/g)].map((match) => Number(match[1]));
    for (const id of named) if (known.has(id)) ids.add(id);
  }
  return ids;
}

/** A one-line description of an operation for labels and the screen reader. */
export function describeOperation(operation: HistoryOperation): string {
  const what =
    operation.type === 'write'
      ? `write ${operation.key}=${String(operation.value)}`
      : operation.type === 'read'
        ? `read ${operation.key}${operation.ok ? ` → ${String(operation.value)}` : ''}`
        : operation.type === 'cas'
          ? `cas ${operation.key} ${String(operation.expected)}→${String(operation.value)}`
          : `${operation.type} ${operation.key}`;
  const when =
    operation.complete === null
      ? `from ${operation.invoke} ms`
      : `${operation.invoke}–${operation.complete} ms`;
  const error = operation.error ? ` (${operation.error})` : '';
  return `${operation.process} ${what} at ${operation.node}, ${when}${error}`;
}
