/** The embed's store reaches its views and controls through React context (one store per embed). */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Action } from '../engine/scenarios/schema';
import type { SimulationState, SimulationStore } from './store';

export const SimulationStoreContext = createContext<SimulationStore | null>(null);

export function useSimulationStore(): SimulationStore {
  const store = useContext(SimulationStoreContext);
  if (!store) throw new Error('useSimulation must be used inside a <Simulation> embed');
  return store;
}

/** Reads a slice of the embed's state; the component re-renders when that slice changes. */
export function useSimulation<T>(selector: (state: SimulationState) => T): T {
  return useStore(useSimulationStore(), selector);
}

/** A stable empty list for selectors: a fresh `[]` on every call would re-render forever. */
export const none: readonly never[] = Object.freeze([]);

/**
 * Where the student's actions go. Normally to this embed's own run; compare mode replaces it to send
 * each action to both runs, so the two stay comparable.
 */
export const CommandContext = createContext<((action: Action) => void) | null>(null);

export function useCommand(): (action: Action) => void {
  const mirrored = useContext(CommandContext);
  const own = useSimulation((state) => state.command);
  return mirrored ?? own;
}
