/**
 * Measurements over finished runs, shared by the replication and failover tests: write latencies,
 * availability, acknowledged writes a log lost. Only tests import this module.
 */
import type { Simulation } from '../../core/simulation';
import type { HistoryOperation, NodeId } from '../../core/types';
import { isAtLeastAsUpToDate, positionOf, type LogEntry } from './core/log';
import type { ReplicaDurable } from './core/replica';

export function durableOf(sim: Simulation, node: NodeId): ReplicaDurable {
  return sim.node(node).state.durable as ReplicaDurable;
}

export function acknowledgedWrites(history: readonly HistoryOperation[]): HistoryOperation[] {
  return history.filter((op) => op.type === 'write' && op.ok === true);
}

/** Writes a client saw acknowledged whose value the log does not hold (every written value is unique). */
export function acknowledgedWritesMissingFrom(
  history: readonly HistoryOperation[],
  log: readonly LogEntry[],
): HistoryOperation[] {
  const held = new Set(log.map((entry) => `${entry.key}\u0000${String(entry.value)}`));
  return acknowledgedWrites(history).filter((op) => !held.has(`${op.key}\u0000${String(op.value)}`));
}

/** Completion times of successful operations of one type, sorted. */
export function latencies(history: readonly HistoryOperation[], type: string): number[] {
  return history
    .filter((op) => op.type === type && op.ok === true && op.complete !== null)
    .map((op) => op.complete! - op.invoke)
    .sort((a, b) => a - b);
}

export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

/** The share of operations of `type` invoked in [from, to) that succeeded. */
export function availability(
  history: readonly HistoryOperation[],
  type: string,
  from: number,
  to: number,
): number {
  const invoked = history.filter((op) => op.type === type && op.invoke >= from && op.invoke < to);
  if (invoked.length === 0) return NaN;
  return invoked.filter((op) => op.ok === true).length / invoked.length;
}

/** Of these nodes, the one whose log is most up to date (highest last epoch, then longest). */
export function mostUpToDate(sim: Simulation, nodes: readonly NodeId[]): NodeId {
  return nodes.reduce((best, node) =>
    isAtLeastAsUpToDate(positionOf(durableOf(sim, best).log), positionOf(durableOf(sim, node).log))
      ? best
      : node,
  );
}

/** Samples the protocol's gauges every `everyMs` until `until`. */
export function sampleGauges(sim: Simulation, until: number, everyMs: number): Record<string, number>[] {
  const samples: Record<string, number>[] = [];
  for (let time = sim.now + everyMs; time <= until; time += everyMs) {
    sim.runUntil(time);
    samples.push(sim.protocol.gauges!(sim.invariantContext()));
  }
  return samples;
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
