/** The embed's store reaches its views and controls through React context (one store per embed). */
import { createContext, useContext, useMemo } from 'react';
import { useStore } from 'zustand';
import type { SimulationActions, SimulationState, SimulationStore } from './store';

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
 * The runs the controls act on. Normally just this embed's; in compare mode both runs, so every action
 * (play, seek, a crash, a partition…) applies to the two configurations alike and they stay comparable.
 */
export const ControlTargetsContext = createContext<readonly SimulationStore[] | null>(null);

export type Controls = Pick<
  SimulationActions,
  'play' | 'pause' | 'step' | 'seek' | 'setSpeed' | 'command' | 'reset' | 'reseed'
> & { togglePlay(): void };

/** Actions for the controls, applied to every target run; state is read from this embed's own store. */
export function useControls(): Controls {
  const own = useSimulationStore();
  const provided = useContext(ControlTargetsContext);
  return useMemo(() => {
    const targets = provided ?? [own];
    const all = (run: (actions: SimulationActions) => void) => {
      for (const target of targets) run(target.getState());
    };
    const shown = () => own.getState().frame;
    // With several runs, playing and acting first line them up at the time this embed shows.
    const together = targets.length > 1;
    const play = () =>
      together ? all((actions) => actions.playFrom(shown()?.now ?? 0)) : all((actions) => actions.play());
    return {
      play,
      pause: () => all((actions) => actions.pause()),
      // Runs on one clock step together in the worker: one request moves both.
      step: () => {
        all((actions) => actions.pause());
        own.getState().step();
      },
      seek: (time) => all((actions) => actions.seek(time)),
      setSpeed: (speed) => all((actions) => actions.setSpeed(speed)),
      command: (action) =>
        together
          ? all((actions) => actions.commandAt(shown()?.now ?? 0, action, shown()?.playing ?? false))
          : all((actions) => actions.command(action)),
      reset: () => all((actions) => actions.reset()),
      reseed: (seed) => all((actions) => actions.reseed(seed)),
      togglePlay: () => (shown()?.playing ? all((actions) => actions.pause()) : play()),
    };
  }, [own, provided]);
}
