import { useSyncExternalStore } from 'react';

/** A module the dev server could not compile, as Vite reports it (file, position, message, code frame). */
export interface CompileError {
  file?: string;
  line?: number;
  column?: number;
  message: string;
  frame?: string;
}

interface ViteErrorPayload {
  err: {
    message: string;
    id?: string;
    frame?: string;
    loc?: { file?: string; line: number; column: number };
  };
}

let latest: CompileError | null = null;
const listeners = new Set<() => void>();
const updateListeners = new Set<() => void>();
const publish = (error: CompileError | null) => {
  latest = error;
  for (const listener of listeners) listener();
};

/** Vite's error for an MDX file often has no `loc`; the position is in the message: "… (15:1-15:21)". */
function positionIn(message: string): { line?: number; column?: number } {
  const match = /\((\d+):(\d+)(?:-\d+:\d+)?\)/.exec(message);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : {};
}

/**
 * In development a lesson that fails to compile reaches the page only as a failed dynamic import (HTTP 500,
 * no details). Vite sends the details over its hot-reload socket, for its overlay; we keep the latest so
 * the lesson page can show them too. The next successful hot update clears it. Production has no socket.
 */
if (import.meta.hot) {
  import.meta.hot.on('vite:error', ({ err }: ViteErrorPayload) =>
    publish({
      file: err.loc?.file ?? err.id,
      ...(err.loc ? { line: err.loc.line, column: err.loc.column } : positionIn(err.message)),
      message: err.message,
      frame: err.frame || undefined,
    }),
  );
  import.meta.hot.on('vite:afterUpdate', () => {
    publish(null);
    for (const listener of updateListeners) listener();
  });
}

/** Calls `listener` after every successful hot update (never in production); returns how to stop. */
export function onHotUpdate(listener: () => void): () => void {
  updateListeners.add(listener);
  return () => updateListeners.delete(listener);
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function useCompileError(): CompileError | null {
  return useSyncExternalStore(
    subscribe,
    () => latest,
    () => null,
  );
}
