/**
 * Metrics sampled over simulated time for the charts: every `intervalMs` the engine closes a window
 * and records what happened in it (messages, operations, latency percentiles) plus the protocol's
 * gauges at that instant. Samples are plain data kept in the world, so they replay and seek like
 * everything else.
 */
import type { HistoryOperation } from './types';

export const defaultMetricsIntervalMs = 250;

/** Latency percentiles in simulated ms; null when no operation succeeded in the window. */
export interface LatencyPercentiles {
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** What happened in the window (at − intervalMs, at]. */
export interface MetricSample {
  /** End of the window, in simulated ms. */
  at: number;
  messagesSent: number;
  messagesDelivered: number;
  messagesDropped: number;
  /** Operations that finished in the window (replied to or timed out). */
  operations: number;
  succeeded: number;
  failed: number;
  indeterminate: number;
  /** Share of finished operations that succeeded, 0–1; null when none finished. */
  availability: number | null;
  /** Successful operations per simulated second. */
  throughput: number;
  /** Invocation-to-reply time of the operations that succeeded in the window. */
  latencyMs: LatencyPercentiles;
  /** The protocol's gauges at the end of the window, e.g. { "lag.n2": 3 }. */
  gauges: Record<string, number>;
}

/** The running tallies of the open window. Lives in the world so checkpoints capture it. */
export interface MetricWindow {
  latencies: number[];
  succeeded: number;
  failed: number;
  indeterminate: number;
  /** Message counters when the window opened. */
  sentAtStart: number;
  deliveredAtStart: number;
  droppedAtStart: number;
}

export function openWindow(messages: {
  messagesSent: number;
  messagesDelivered: number;
  messagesDropped: number;
}): MetricWindow {
  return {
    latencies: [],
    succeeded: 0,
    failed: 0,
    indeterminate: 0,
    sentAtStart: messages.messagesSent,
    deliveredAtStart: messages.messagesDelivered,
    droppedAtStart: messages.messagesDropped,
  };
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function latencyPercentiles(latencies: readonly number[]): LatencyPercentiles {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), p99: percentile(sorted, 0.99) };
}

/** Closes a window into a sample. */
export function closeWindow(
  window: MetricWindow,
  at: number,
  intervalMs: number,
  messages: { messagesSent: number; messagesDelivered: number; messagesDropped: number },
  gauges: Record<string, number>,
): MetricSample {
  const operations = window.succeeded + window.failed + window.indeterminate;
  return {
    at,
    messagesSent: messages.messagesSent - window.sentAtStart,
    messagesDelivered: messages.messagesDelivered - window.deliveredAtStart,
    messagesDropped: messages.messagesDropped - window.droppedAtStart,
    operations,
    succeeded: window.succeeded,
    failed: window.failed,
    indeterminate: window.indeterminate,
    availability: operations === 0 ? null : window.succeeded / operations,
    throughput: (window.succeeded * 1000) / intervalMs,
    latencyMs: latencyPercentiles(window.latencies),
    gauges,
  };
}

/** Whole-run figures for the CLI and reports. */
export interface MetricSummary {
  durationMs: number;
  messagesSent: number;
  messagesDelivered: number;
  messagesDropped: number;
  messagesDuplicated: number;
  operations: number;
  succeeded: number;
  failed: number;
  indeterminate: number;
  /** Operations still waiting for a reply when the run stopped. */
  pending: number;
  availability: number | null;
  throughput: number;
  latencyMs: LatencyPercentiles;
}

export function summarizeOperations(
  history: readonly HistoryOperation[],
  durationMs: number,
  messages: {
    messagesSent: number;
    messagesDelivered: number;
    messagesDropped: number;
    messagesDuplicated: number;
  },
  pendingIds: ReadonlySet<number>,
): MetricSummary {
  let succeeded = 0;
  let failed = 0;
  let indeterminate = 0;
  const latencies: number[] = [];
  for (const op of history) {
    if (pendingIds.has(op.id)) continue;
    if (op.ok === true) {
      succeeded++;
      if (op.complete !== null) latencies.push(op.complete - op.invoke);
    } else if (op.ok === false) failed++;
    else indeterminate++;
  }
  const finished = succeeded + failed + indeterminate;
  return {
    durationMs,
    messagesSent: messages.messagesSent,
    messagesDelivered: messages.messagesDelivered,
    messagesDropped: messages.messagesDropped,
    messagesDuplicated: messages.messagesDuplicated,
    operations: history.length,
    succeeded,
    failed,
    indeterminate,
    pending: pendingIds.size,
    availability: finished === 0 ? null : succeeded / finished,
    throughput: durationMs > 0 ? (succeeded * 1000) / durationMs : 0,
    latencyMs: latencyPercentiles(latencies),
  };
}
