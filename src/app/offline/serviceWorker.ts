/**
 * The service worker that keeps the course working offline (precached by vite-plugin-pwa's Workbox build), and
 * the "new version" signal: when a redeploy installs a new worker, it waits instead of taking over, so a page
 * never mixes the old course with the new one; the student reloads when ready, and the new worker takes over.
 */
import { Workbox } from 'workbox-window';

type Listener = () => void;

let waitingWorker: Workbox | undefined;
const listeners = new Set<Listener>();

export function subscribeToUpdate(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function updateWaiting(): boolean {
  return waitingWorker !== undefined;
}

/** Lets the waiting worker take over, then reloads the page with the new version. */
export function reloadWithNewVersion(): void {
  if (!waitingWorker) return;
  waitingWorker.addEventListener('controlling', () => window.location.reload());
  waitingWorker.messageSkipWaiting();
}

export function registerServiceWorker(scriptUrl: string): void {
  if (!('serviceWorker' in navigator)) return;
  const workbox = new Workbox(scriptUrl, { scope: import.meta.env.BASE_URL });
  workbox.addEventListener('waiting', () => {
    waitingWorker = workbox;
    for (const listener of listeners) listener();
  });
  workbox.register().catch((error: unknown) => {
    console.warn('The course could not be made available offline; it still works online.', error);
  });
}
