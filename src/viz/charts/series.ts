/**
 * Time series computed from the client history: throughput, latency percentiles and availability per
 * time bucket. Throughput and latency count operations by completion time; availability counts them by
 * invocation time, over the operations that have an answer (still-waiting ones are left out).
 */
import { quantileSorted, tickStep } from 'd3';
import type { HistoryOperation } from '../../engine/core/types';

export interface Bucket {
  start: number;
  end: number;
  /** Successful operations completed per simulated second. */
  throughput: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /** Share of answered operations invoked in this bucket that succeeded, 0..1; null when none answered. */
  availability: number | null;
}

/** A round bucket width giving about `target` buckets over `span` ms. */
export function bucketWidth(span: number, target = 40): number {
  if (span <= 0) return 1;
  return Math.max(1, tickStep(0, span, target));
}

export function historySeries(
  history: readonly HistoryOperation[],
  now: number,
  bucketMs = bucketWidth(now),
): Bucket[] {
  const count = Math.max(1, Math.ceil(now / bucketMs));
  const latencies: number[][] = Array.from({ length: count }, () => []);
  const answered = new Array<number>(count).fill(0);
  const succeeded = new Array<number>(count).fill(0);
  const indexOf = (time: number) => Math.min(count - 1, Math.floor(time / bucketMs));

  for (const operation of history) {
    if (operation.invoke > now) continue;
    const completedByNow = operation.complete !== null && operation.complete <= now;
    if (operation.ok === true && completedByNow)
      latencies[indexOf(operation.complete!)]!.push(operation.complete! - operation.invoke);
    const answeredByNow = completedByNow || (operation.complete === null && operation.error !== undefined);
    if (answeredByNow) {
      const bucket = indexOf(operation.invoke);
      answered[bucket]!++;
      if (operation.ok === true) succeeded[bucket]!++;
    }
  }

  return latencies.map((values, index) => {
    const start = index * bucketMs;
    const end = Math.min(now, start + bucketMs);
    const sorted = values.sort((a, b) => a - b);
    const seconds = Math.max(end - start, 1) / 1000;
    return {
      start,
      end,
      throughput: sorted.length / seconds,
      p50: quantileSorted(sorted, 0.5) ?? null,
      p95: quantileSorted(sorted, 0.95) ?? null,
      p99: quantileSorted(sorted, 0.99) ?? null,
      availability: answered[index]! > 0 ? succeeded[index]! / answered[index]! : null,
    };
  });
}

/** Whole-run totals, for compare mode's side-by-side table. */
export interface Summary {
  operations: number;
  succeeded: number;
  failed: number;
  indeterminate: number;
  throughput: number;
  p50: number | null;
  p99: number | null;
  availability: number | null;
}

export function summarize(history: readonly HistoryOperation[], now: number): Summary {
  const latencies: number[] = [];
  let succeeded = 0;
  let failed = 0;
  let indeterminate = 0;
  let operations = 0;
  for (const operation of history) {
    if (operation.invoke > now) continue;
    operations++;
    const completed = operation.complete !== null && operation.complete <= now;
    if (operation.ok === true && completed) {
      succeeded++;
      latencies.push(operation.complete! - operation.invoke);
    } else if (operation.ok === false && completed) failed++;
    else if (operation.ok === null && (completed || operation.error !== undefined)) indeterminate++;
  }
  latencies.sort((a, b) => a - b);
  const answered = succeeded + failed + indeterminate;
  return {
    operations,
    succeeded,
    failed,
    indeterminate,
    throughput: now > 0 ? succeeded / (now / 1000) : 0,
    p50: quantileSorted(latencies, 0.5) ?? null,
    p99: quantileSorted(latencies, 0.99) ?? null,
    availability: answered > 0 ? succeeded / answered : null,
  };
}

/**
 * One point of every chart. The engine samples these in simulated time (frame metrics); without them the
 * charts fall back to buckets computed from the history, which have no protocol gauges.
 */
export interface ChartSample {
  /** End of the sampled window, in simulated ms. */
  at: number;
  throughput: number;
  availability: number | null;
  latencyMs: { p50: number | null; p95: number | null; p99: number | null };
  gauges: Record<string, number>;
}

export function samplesFromHistory(history: readonly HistoryOperation[], now: number): ChartSample[] {
  return historySeries(history, now).map((bucket) => ({
    at: bucket.end,
    throughput: bucket.throughput,
    availability: bucket.availability,
    latencyMs: { p50: bucket.p50, p95: bucket.p95, p99: bucket.p99 },
    gauges: {},
  }));
}

/**
 * Gauges grouped into one chart per family: the part of the name before the first dot ("lag.n2" and
 * "lag.n3" are lines of the "lag" chart). Families in order of first appearance, lag first.
 */
export function gaugeFamilies(samples: readonly ChartSample[]): { family: string; names: string[] }[] {
  const families = new Map<string, Set<string>>();
  for (const sample of samples) {
    for (const name of Object.keys(sample.gauges)) {
      const dot = name.indexOf('.');
      const family = dot > 0 ? name.slice(0, dot) : name;
      if (!families.has(family)) families.set(family, new Set());
      families.get(family)!.add(name);
    }
  }
  const byName = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
  return [...families]
    .map(([family, names]) => ({ family, names: [...names].sort(byName) }))
    .sort((a, b) => (a.family === 'lag' ? -1 : b.family === 'lag' ? 1 : 0));
}
