/**
 * Numbers read off a client history: availability and latency percentiles. Shared by the cap and
 * multiregion comparison helpers, and usable by any lesson view over `sim.world.history`.
 */
import { percentile } from '../core/metrics';
import type { HistoryOperation } from '../core/types';

export interface Availability {
  /** Operations invoked. */
  attempted: number;
  /** Operations that completed with ok = true. */
  succeeded: number;
  /** succeeded / attempted × 100, or null when nothing was attempted. */
  percent: number | null;
}

export function availability(operations: readonly HistoryOperation[]): Availability {
  const succeeded = operations.filter((op) => op.ok === true).length;
  const attempted = operations.length;
  return { attempted, succeeded, percent: attempted === 0 ? null : (100 * succeeded) / attempted };
}

export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
}

/** Latency (complete − invoke) of the operations that succeeded, or null when none did. */
export function latencySummary(operations: readonly HistoryOperation[]): LatencySummary | null {
  const latencies = operations
    .filter((op) => op.ok === true && op.complete !== null)
    .map((op) => op.complete! - op.invoke)
    .sort((a, b) => a - b);
  if (latencies.length === 0) return null;
  const mean = latencies.reduce((sum, latency) => sum + latency, 0) / latencies.length;
  return {
    count: latencies.length,
    mean,
    p50: percentile(latencies, 0.5)!,
    p95: percentile(latencies, 0.95)!,
  };
}

/** Operations invoked in [fromMs, toMs). */
export function invokedBetween(
  history: readonly HistoryOperation[],
  fromMs: number,
  toMs: number,
): HistoryOperation[] {
  return history.filter((op) => op.invoke >= fromMs && op.invoke < toMs);
}
