/** What a <Simulation> and a <Compare> both need to mount: the worker connection, store options and error messages. */
import { createContext, useContext } from 'react';
import type { EmbedConfig } from './props';
import { readShareLink } from './shareLink';
import type { StoreOptions } from './store';
import { connectToWorker } from './workerConnection';

/** How embeds reach the worker; tests and the bench page may provide another connection. */
export const WorkerConnectionContext = createContext<StoreOptions['connect']>(connectToWorker);

/** The store options for an embed: its props, plus a run to replay if the page's URL carries one. */
export function useStoreOptions(config: EmbedConfig): StoreOptions {
  const connect = useContext(WorkerConnectionContext);
  const link =
    typeof location === 'undefined' ? null : readShareLink(location.search, config.embedKey, config.scenario);
  return {
    scenario: config.source,
    overrides: config.overrides,
    seed: config.resolved.seed,
    speed: config.speed,
    autoplay: config.autoplay,
    link:
      link === null
        ? null
        : link.ok
          ? { seed: link.state.seed, commands: link.state.commands }
          : { problem: link.problem },
    connect,
  };
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
