/**
 * The embeds on the page by id, so other lesson components can work with one: <Steps for="raft-leader-crash">
 * pauses its run at each step's moment; a <Predict> holds its Play back (store.holdPlay) and follows its time
 * (frame.now). An embed registers its store while mounted; `useEmbedStore(id)` re-renders when it comes or goes.
 */
import { useSyncExternalStore } from 'react';
import type { SimulationStore } from './store';

const stores = new Map<string, SimulationStore>();
const listeners = new Set<() => void>();

function changed() {
  for (const listener of listeners) listener();
}

/** Registers an embed's store under its id; returns the cleanup for a React effect. */
export function registerEmbed(id: string, store: SimulationStore): () => void {
  stores.set(id, store);
  changed();
  return () => {
    if (stores.get(id) !== store) return;
    stores.delete(id);
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
