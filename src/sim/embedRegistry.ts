/**
 * The embeds on the page by id, so other lesson components can work with one: <Steps for="raft-leader-crash">
 * pauses its run at each step's moment; a <Predict> holds its Play back (store.holdPlay) and follows its time
 * (frame.now). An embed registers its store while mounted; `useEmbedStore(id)` re-renders when it comes or goes.
 */
import { useSyncExternalStore } from 'react';
import type { RunSpec } from '../engine/analysis/measures/types';
import type { ScenarioInput, ScenarioOverrides } from '../engine/core/schema';
import type { SimulationStore } from './store';

/** What an embed was built from: with the store's seed and command log, the run the student has (see `runOf`). */
export interface EmbedSource {
  scenario: string | ScenarioInput;
  overrides: ScenarioOverrides;
}

const stores = new Map<string, SimulationStore>();
const sources = new Map<SimulationStore, EmbedSource>();
const listeners = new Set<() => void>();

function changed() {
  for (const listener of listeners) listener();
}

/** Registers an embed's store under its id; returns the cleanup for a React effect. */
export function registerEmbed(id: string, store: SimulationStore, source?: EmbedSource): () => void {
  stores.set(id, store);
  if (source) sources.set(store, source);
  changed();
  return () => {
    if (stores.get(id) !== store) return;
    stores.delete(id);
    sources.delete(store);
    changed();
  };
}

export function embedStore(id: string): SimulationStore | undefined {
  return stores.get(id);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The store of the embed with this id, once it has mounted (undefined until then). */
export function useEmbedStore(id: string): SimulationStore | undefined {
  return useSyncExternalStore(
    subscribe,
    () => stores.get(id),
    () => undefined,
  );
}

/**
 * The store a lesson's `for` (and `side`) names: that embed's, or for a compare embed (whose sides
 * register as `<id>-left` and `<id>-right`) the given side's, the left one when none is given.
 */
export function embedStoreFor(id: string, side?: 'left' | 'right'): SimulationStore | undefined {
  if (side) return stores.get(`${id}-${side}`);
  return stores.get(id) ?? stores.get(`${id}-left`);
}

/** The stores of a lesson's `for` id: the embed's, or both sides' of a compare embed. */
export function embedStoresFor(id: string): SimulationStore[] {
  const own = stores.get(id);
  if (own) return [own];
  return [stores.get(`${id}-left`), stores.get(`${id}-right`)].filter((store) => store !== undefined);
}

/** Re-renders the caller whenever an embed registers or leaves; returns a number that changes with them. */
let version = 0;
listeners.add(() => (version += 1));
export function useEmbedRegistryVersion(): number {
  return useSyncExternalStore(
    subscribe,
    () => version,
    () => version,
  );
}

/** The run the student has in this embed now: its scenario, its overrides with the current seed, and its command log; null for an embed registered without its source. */
export function runOf(store: SimulationStore): RunSpec | null {
  const source = sources.get(store);
  if (!source) return null;
  const state = store.getState();
  return {
    scenario: source.scenario,
    overrides: { ...source.overrides, seed: state.seed },
    commands: state.frame?.commands ?? [],
  };
}
