/**
 * A test-only handle on each embed's store, in the spirit of tldraw's e2e API: when the page's URL has
 * `e2e=1`, `window.__simulations[embedKey]` is that embed's zustand store, so browser tests can read
 * frames (time, digest) and drive runs precisely. Without the flag nothing is exposed, and the production
 * build has no such hook at all.
 */
import type { SimulationStore } from './store';

declare global {
  interface Window {
    __simulations?: Record<string, SimulationStore>;
  }
}

function testApiEnabled(): boolean {
  return typeof location !== 'undefined' && new URLSearchParams(location.search).get('e2e') === '1';
}

/** Registers the store under its key; returns the cleanup for a React effect. */
export function registerForTests(embedKey: string, store: SimulationStore): (() => void) | undefined {
  // Only the test build (vite.config.ts, mode e2e) and the dev server have the hook: in a production build
  // the first test is the constant `true`, and the minifier drops the rest.
  if ((import.meta.env.MODE !== 'e2e' && !import.meta.env.DEV) || !testApiEnabled()) return undefined;
  const registry = (window.__simulations ??= {});
  registry[embedKey] = store;
  return () => {
    if (registry[embedKey] === store) delete registry[embedKey];
  };
}
