/** What a <Simulation> and a <Compare> both need to mount: the worker connection, store options and error messages. */
import { createContext, useContext, useEffect, type RefObject } from 'react';
import type { EmbedConfig } from './props';
import { readShareLink } from './shareLink';
import type { SharedLink, SimulationStore, StoreOptions } from './store';
import { nodeIdsOf } from '../engine/core/world';
import { buildFrame, type Frame } from '../engine/core/frame';
import { Timeline } from '../engine/core/timeline';
import { createSimulation } from '../engine/catalog/resolve';
import { connectToWorker } from './workerConnection';

/** How embeds reach the worker; tests and the bench page may provide another connection. */
export const WorkerConnectionContext = createContext<StoreOptions['connect']>(connectToWorker);

/** The store options for an embed: its props, plus a run to replay if the page's URL carries one. */
export function useStoreOptions(config: EmbedConfig): StoreOptions {
  const connect = useContext(WorkerConnectionContext);
  return {
    scenario: config.source,
    overrides: config.overrides,
    seed: config.resolved.seed,
    speed: config.speed,
    autoplay: config.autoplay,
    link: () => sharedLinkFor(config),
    connect,
  };
}

async function sharedLinkFor(config: EmbedConfig): Promise<SharedLink> {
  if (typeof location === 'undefined') return null;
  const nodeIds = nodeIdsOf(config.resolved);
  const link = await readShareLink(location, config.embedKey, config.scenario, nodeIds);
  if (link === null) return null;
  return link.ok ? { seed: link.state.seed, commands: link.state.commands } : { problem: link.problem };
}

export function PropsProblems({ scenario, problems }: { scenario: unknown; problems: readonly string[] }) {
  return (
    <div className="sim sim--invalid" role="alert">
      <p className="sim-notice__title">
        This simulation{typeof scenario === 'string' ? ` (“${scenario}”)` : ''} cannot start because of its
        settings:
      </p>
      <ul>
        {problems.map((problem) => (
          <li key={problem}>
            <code>{problem}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Crashed({ retry }: { retry: () => void }) {
  return (
    <div className="sim sim--invalid" role="alert">
      <p>The simulation hit an unexpected error. The rest of the lesson still works.</p>
      <button type="button" className="sim-button" onClick={retry}>
        Restart the simulation
      </button>
    </div>
  );
}

/**
 * Starts the runs when their element first scrolls into view; they play only while it is on screen in a
 * visible tab. Compare mode passes both runs and its whole element, so a side scrolled off screen on a
 * phone keeps pace with the one in view.
 */
export function useVisibility(root: RefObject<HTMLElement | null>, stores: readonly SimulationStore[]) {
  useEffect(() => {
    const element = root.current;
    if (!element || stores.length === 0) return;
    const each = (act: (state: ReturnType<SimulationStore['getState']>) => void) =>
      stores.forEach((store) => act(store.getState()));
    const onVisibility = () => each((state) => state.setPageVisible(document.visibilityState !== 'hidden'));
    onVisibility();
    document.addEventListener('visibilitychange', onVisibility);
    let observer: IntersectionObserver | null = null;
    if (typeof IntersectionObserver === 'undefined') {
      each((state) => {
        state.setOnScreen(true);
        void state.start();
      });
    } else {
      observer = new IntersectionObserver(
        (entries) => {
          const visible = entries.some((entry) => entry.isIntersecting);
          each((state) => {
            if (visible && state.status === 'idle') void state.start();
            state.setOnScreen(visible);
          });
        },
        // A tall comparison counts as on screen as soon as any of it is.
        { threshold: stores.length > 1 ? 0 : 0.15 },
      );
      observer.observe(element);
    }
    return () => {
      observer?.disconnect();
      document.removeEventListener('visibilitychange', onVisibility);
      each((state) => state.dispose());
    };
  }, [root, stores]);
}

/**
 * The run's state at time 0 (the same seed and scenario the worker will start from), shown until the
 * worker's first frame arrives so the embed has its final layout before it starts.
 */
export function startingFrameOf(config: EmbedConfig): Frame {
  const sim = createSimulation(config.source, { ...config.overrides, seed: config.resolved.seed });
  // As the worker does: everything at time 0 has happened.
  new Timeline(sim).seek(0);
  return buildFrame(sim, { simulationId: '', horizon: 0, playing: false, speed: config.speed, commands: [] });
}
