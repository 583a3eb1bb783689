/**
 * The CAP trade-off in numbers: run the CP and the AP configuration over the same partition (or over a
 * healthy network, for PACELC) and read availability from the client history and consistency violations
 * from the checkers. Pure apart from running the deterministic simulations, so tests and lesson views
 * share it.
 */
import { checkLinearizability, findStaleReads, type LinearizabilityVerdict } from '../checkers';
import type { Simulation } from '../core/simulation';
import { createSimulation } from '../catalog/resolve';
import {
  availability,
  invokedBetween,
  latencySummary,
  type Availability,
  type LatencySummary,
} from './historyStats';
import { capPartition } from '../protocols/cap/scenarios';

export interface CapSide {
  scenario: string;
  /** Operations invoked while the partition lasted (or in the same window, when there is no partition). */
  availability: Availability;
  /** The same, for operations sent to the cut-off minority region. */
  minorityAvailability: Availability;
  violations: {
    /** Reads that returned a value older than a write acknowledged before the read began. */
    staleReads: number;
    linearizable: LinearizabilityVerdict;
  };
  /** Latency of successful operations over the whole run. */
  latency: { write: LatencySummary | null; read: LatencySummary | null };
}

export interface CapComparison {
  cp: CapSide;
  ap: CapSide;
}

export function measureCapSide(sim: Simulation): CapSide {
  const { history } = sim.world;
  const duringPartition = invokedBetween(history, capPartition.fromMs, capPartition.toMs);
  const minority = new Set<string>(capPartition.minority);
  return {
    scenario: sim.scenario.id,
    availability: availability(duringPartition),
    minorityAvailability: availability(duringPartition.filter((op) => minority.has(op.node))),
    violations: {
      staleReads: findStaleReads(history).length,
      linearizable: checkLinearizability(history).verdict,
    },
    latency: {
      write: latencySummary(history.filter((op) => op.type === 'write')),
      read: latencySummary(history.filter((op) => op.type === 'read')),
    },
  };
}

/** Runs the CP and AP scenarios with the same seed; `partition: false` runs them on a healthy network (PACELC). */
export function compareCap(options: { seed?: number; partition?: boolean } = {}): CapComparison {
  const family = options.partition === false ? 'no-partition' : 'partition';
  const overrides = options.seed === undefined ? {} : { seed: options.seed };
  const run = (configuration: 'cp' | 'ap') =>
    measureCapSide(createSimulation(`cap/${family}-${configuration}`, overrides).run());
  return { cp: run('cp'), ap: run('ap') };
}
