/**
 * What `npm run sim` prints: one JSON object for machines, or a short readable summary for people.
 */
import { runChecks } from '../../src/engine/checkers';
import { formatDigest } from '../../src/engine/core/frame';
import { summarizeOperations, type MetricSample, type MetricSummary } from '../../src/engine/core/metrics';
import type { Simulation } from '../../src/engine/core/simulation';
import { formatTraceEntry, type TraceEntry } from '../../src/engine/core/trace';
import type { CheckResult, Value } from '../../src/engine/core/types';

export interface JsonHistoryItem {
  process: string;
  type: string;
  key: string;
  /** A read's result or a write's value; a cas's [expected, new], as Knossos and Porcupine models take it. */
  value: Value | [Value, Value];
  invoke: number;
  complete: number | null;
  ok: boolean | null;
}

export interface JsonReport {
  scenario: string;
  seed: number;
  digest: string;
  events: number;
  metrics: { summary: MetricSummary; intervalMs: number; samples: MetricSample[] };
  history: JsonHistoryItem[];
  checks: CheckResult[];
  trace?: TraceEntry[];
}

/** Everything a finished (or stopped) run reports. */
export function buildReport(sim: Simulation, trace: TraceEntry[] | null): JsonReport {
  const w = sim.world;
  const pending = new Set(w.clients.flatMap((client) => (client.current ? [client.current.request.id] : [])));
  const report: JsonReport = {
    scenario: sim.scenario.id,
    seed: sim.scenario.seed,
    digest: formatDigest(w.digest),
    events: w.counters.events,
    metrics: {
      summary: summarizeOperations(w.history, w.now, w.counters, pending),
      intervalMs: sim.metricsIntervalMs,
      samples: w.samples,
    },
    history: w.history.map(({ process, type, key, value, expected, invoke, complete, ok }) => ({
      process,
      type,
      key,
      value: type === 'cas' ? [expected ?? null, value] : value,
      invoke,
      complete,
      ok,
    })),
    checks: runChecks(sim),
  };
  if (trace) report.trace = trace;
  return report;
}

const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)} %`);
const ms = (value: number | null) => (value === null ? '—' : `${value} ms`);

export function formatPlain(sim: Simulation, report: JsonReport, wallMs: number): string {
  const { summary } = report.metrics;
  const lines = [
    `${sim.scenario.id} — ${sim.scenario.title} (seed ${report.seed}, ran to ${sim.now} ms)`,
    sim.scenario.description,
    '',
    `events        ${report.events} in ${wallMs.toFixed(1)} ms wall (${Math.round(report.events / Math.max(wallMs, 1e-3)) * 1000} events/s)`,
    `messages      ${summary.messagesSent} sent, ${summary.messagesDelivered} delivered, ${summary.messagesDropped} dropped, ${summary.messagesDuplicated} duplicated`,
    `operations    ${summary.operations}: ${summary.succeeded} ok, ${summary.failed} failed, ${summary.indeterminate} indeterminate, ${summary.pending} pending`,
    `availability  ${percent(summary.availability)}    throughput ${summary.throughput.toFixed(1)} ops/s`,
    `latency       p50 ${ms(summary.latencyMs.p50)}, p95 ${ms(summary.latencyMs.p95)}, p99 ${ms(summary.latencyMs.p99)}`,
  ];
  const notes = sim.world.notes;
  if (notes.length > 0) {
    lines.push('', `notes (${notes.length}${notes.length > 20 ? ', first 20' : ''})`);
    for (const note of notes.slice(0, 20)) lines.push(`  ${String(note.at).padStart(7)} ms  ${note.text}`);
  }
  lines.push('', report.checks.length > 0 ? 'checks' : 'checks        none for this scenario');
  for (const check of report.checks) {
    const at = check.at === null ? '' : ` (at ${check.at} ms)`;
    lines.push(`  ${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}${at}`);
  }
  lines.push('', `digest        ${report.digest}`);
  if (report.trace) lines.push('', 'trace', ...report.trace.map(formatTraceEntry));
  return lines.join('\n');
}
