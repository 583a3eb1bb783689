/**
 * PN-Counter: a counter that goes up and down, built from two G-Counters (increments and decrements).
 * Its value is their difference; each half merges as a G-Counter.
 */
import type { NodeId } from '../../../core/types';
import { emptyGCounter, gCounterValue, incrementGCounter, mergeGCounters, type GCounter } from './gCounter';

export interface PnCounter {
  readonly increments: GCounter;
  readonly decrements: GCounter;
}

export const emptyPnCounter: PnCounter = { increments: emptyGCounter, decrements: emptyGCounter };

/** Adds `amount` (negative to subtract) at `node`. */
export function addToPnCounter(counter: PnCounter, node: NodeId, amount: number): PnCounter {
  return amount >= 0
    ? { ...counter, increments: incrementGCounter(counter.increments, node, amount) }
    : { ...counter, decrements: incrementGCounter(counter.decrements, node, -amount) };
}

export function mergePnCounters(a: PnCounter, b: PnCounter): PnCounter {
  return {
    increments: mergeGCounters(a.increments, b.increments),
    decrements: mergeGCounters(a.decrements, b.decrements),
  };
}

export function pnCounterValue(counter: PnCounter): number {
  return gCounterValue(counter.increments) - gCounterValue(counter.decrements);
}
