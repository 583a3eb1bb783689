/**
 * Runs each multi-region pattern with the same seed and tabulates the median read and write latency seen
 * by the clients of each region, plus what each pattern costs in consistency.
 */
import { findStaleReads } from '../checkers';
import type { Simulation } from '../core/simulation';
import { createSimulation } from '../catalog/resolve';
import type { MultiLeaderDurable } from '../protocols/multileader/protocol';
import { latencySummary } from './historyStats';
import { threeRegions } from '../protocols/shared/regionNodes';
import { multiRegionPatterns, warmUpMs, type MultiRegionPattern } from '../protocols/multiregion/scenarios';

export interface RegionLatency {
  /** Median latency of successful reads / writes by clients in this region, in ms (null if none succeeded). */
  readP50: number | null;
  writeP50: number | null;
}

export interface PatternReport {
  pattern: MultiRegionPattern;
  byRegion: Record<string, RegionLatency>;
  /** Reads that returned a value older than a write acknowledged before the read began. */
  staleReads: number;
  /** Merges of concurrent updates, summed over the regions that made them (multi-leader only). */
  conflictMerges: number;
}

function conflictMerges(sim: Simulation): number {
  if (sim.protocol.id !== 'multileader') return 0;
  return sim.nodeIds.reduce(
    (sum, id) => sum + (sim.node(id).state.durable as MultiLeaderDurable).conflicts,
    0,
  );
}

export function measurePattern(pattern: MultiRegionPattern, sim: Simulation): PatternReport {
  const measured = sim.world.history.filter((op) => op.invoke >= warmUpMs);
  const byRegion: Record<string, RegionLatency> = {};
  for (const region of threeRegions) {
    const ops = measured.filter((op) => op.node === region);
    byRegion[region] = {
      readP50: latencySummary(ops.filter((op) => op.type === 'read'))?.p50 ?? null,
      writeP50: latencySummary(ops.filter((op) => op.type === 'write'))?.p50 ?? null,
    };
  }
  return {
    pattern,
    byRegion,
    staleReads: findStaleReads(sim.world.history).length,
    conflictMerges: conflictMerges(sim),
  };
}

export function compareMultiRegionPatterns(
  options: { seed?: number } = {},
): Record<MultiRegionPattern, PatternReport> {
  const overrides = options.seed === undefined ? {} : { seed: options.seed };
  const entries = multiRegionPatterns.map(
    (pattern) =>
      [
        pattern,
        measurePattern(pattern, createSimulation(`multiregion/${pattern}`, overrides).run()),
      ] as const,
  );
  return Object.fromEntries(entries) as Record<MultiRegionPattern, PatternReport>;
}
