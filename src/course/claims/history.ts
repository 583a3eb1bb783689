/** Small measurements over a run's history that several lessons' claims are stated in. */
import { latencyPercentiles } from '../../engine/core/metrics';
import type { HistoryOperation } from '../../engine/core/types';

/** Operations whose request was sent in [fromMs, toMs). */
export function invokedBetween(history: readonly HistoryOperation[], fromMs: number, toMs: number) {
  return history.filter((op) => op.invoke >= fromMs && op.invoke < toMs);
}

/** Share of the given operations that succeeded; give only operations that had time to finish. */
export function successRate(operations: readonly HistoryOperation[]): number {
  return operations.filter((op) => op.ok === true).length / Math.max(1, operations.length);
}

/** Latency percentiles (nearest rank, as the simulation's own metrics) of the successful operations. */
export function latencies(history: readonly HistoryOperation[]) {
  return latencyPercentiles(
    history.filter((op) => op.ok === true && op.complete !== null).map((op) => op.complete! - op.invoke),
  );
}
