/**
 * The embed's keyboard shortcuts as one key handler, for the element that holds everything an embed
 * shows (a <Simulation>'s section, a comparison's shared controls), so they work wherever focus is inside.
 */
import type { KeyboardEvent } from 'react';
import { useControls, useSimulationStore } from './context';
import { focusKindOf, nextSpeed, shortcutFor } from './keyboard';

export function useShortcuts({
  toggleHelp,
  close,
}: {
  toggleHelp(): void;
  /** Closes what is open (a menu, the help, a partition being drawn); false when nothing was. */
  close(): boolean;
}): (event: KeyboardEvent) => void {
  const store = useSimulationStore();
  const controls = useControls();
  return (event) => {
    const shortcut = shortcutFor(event, focusKindOf(event.target as Element));
    if (!shortcut) return;
    const state = store.getState();
    const now = state.frame?.now ?? 0;
    const scrub = (state.frame?.durationMs ?? 0) * 0.02;
    switch (shortcut) {
      case 'togglePlay':
        controls.togglePlay();
        break;
      case 'step':
        controls.step();
        break;
      case 'scrubBack':
        controls.seek(now - scrub);
        break;
      case 'scrubForward':
        controls.seek(now + scrub);
        break;
      case 'toStart':
        controls.seek(0);
        break;
      case 'toEnd':
        controls.seek(state.frame?.horizon ?? now);
        break;
      case 'slower':
      case 'faster':
        controls.setSpeed(nextSpeed(state.speed, shortcut === 'faster' ? 1 : -1));
        break;
      case 'reset':
        controls.reset();
        break;
      case 'help':
        toggleHelp();
        break;
      case 'close':
        if (!close()) return;
        break;
    }
    event.preventDefault();
  };
}
