/** What a <Simulation> and a <Compare> both need to mount: the worker connection, store options and error messages. */
import { createContext, useContext } from 'react';
import type { EmbedConfig } from './props';
import { readShareLink } from './shareLink';
import type { SharedLink, StoreOptions } from './store';
import { nodeIdsOf } from '../engine/core/world';
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
