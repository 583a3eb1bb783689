import { useContext, useEffect, useState } from 'react';
import type { MeasureValue } from '../engine/analysis/measures/types';
import { embedStore, embedStoreFor, runOf, useEmbedRegistryVersion } from '../sim/embedRegistry';
import type { SimulationStore } from '../sim/store';
import { MeasureServiceContext } from './measureService';
import type { MeasureBinding } from './spec';

export type Measured =
  /** The embed is not on the page (yet: it loads when scrolled near). */
  | { status: 'no-embed' }
  | { status: 'computing' }
  /** Measured, but the student's run has not been played to the moment yet: the value stays hidden. */
  | { status: 'waiting'; momentMs: number }
  | { status: 'ready'; momentMs: number; value: MeasureValue }
  | { status: 'failed'; problem: string };

interface RunView {
  /** The run's identity: seed and command log. */
  runKey: string;
  /** The furthest time this run has been played to: seeking back keeps what was seen, a new seed or a changed past does not. */
  horizon: number;
}

function viewOf(embed: SimulationStore): RunView | null {
  const { frame, seed } = embed.getState();
  return frame ? { runKey: JSON.stringify([seed, frame.commands]), horizon: frame.horizon } : null;
}

/** Follows the bound embed's run; re-renders only when its identity or horizon changes. */
function useRunView(binding: Pick<MeasureBinding, 'for' | 'side'>): {
  embed: SimulationStore | null;
  view: RunView | null;
} {
  useEmbedRegistryVersion();
  const embed = embedStoreFor(binding.for, binding.side) ?? null;
  const [view, setView] = useState<RunView | null>(null);
  useEffect(() => {
    if (!embed) return undefined;
    const update = () =>
      setView((previous) => {
        const next = viewOf(embed);
        return previous && next && previous.runKey === next.runKey && previous.horizon === next.horizon
          ? previous
          : next;
      });
    update();
    return embed.subscribe(update);
  }, [embed]);
  return { embed, view: embed ? view : null };
}

/**
 * A measure of the student's run in the bound embed. It is computed in the worker as soon as the run
 * exists, but shown only once the run has been played to the measure's moment; it follows the run as the
 * student reseeds it or acts in it.
 */
export function useMeasured(binding: MeasureBinding): Measured {
  const { embed, view } = useRunView(binding);
  const service = useContext(MeasureServiceContext);
  const [result, setResult] = useState<{ key: string; answer: Awaited<ReturnType<typeof service>> } | null>(
    null,
  );
  const requestKey = embed && view ? JSON.stringify([view.runKey, binding]) : null;

  useEffect(() => {
    if (!embed || requestKey === null) return undefined;
    const run = runOf(embed);
    if (!run) return undefined;
    let current = true;
    void service(run, { measure: binding.measure, args: binding.args, at: binding.at }).then((answer) => {
      if (current) setResult({ key: requestKey, answer });
    });
    return () => {
      current = false;
    };
    // The binding's fields are in requestKey; the object itself is new on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requestKey, service]);

  if (!embed || !view) return { status: 'no-embed' };
  if (result?.key !== requestKey) return { status: 'computing' };
  const { answer } = result;
  if (!answer.ok) return { status: 'failed', problem: answer.problem };
  if (view.horizon < answer.at) return { status: 'waiting', momentMs: answer.at };
  return { status: 'ready', momentMs: answer.at, value: answer.value };
}

/** Seeks the bound embed (both sides of a compare embed, so they stay in line) to a time. */
export function jumpToMoment(binding: Pick<MeasureBinding, 'for'>, momentMs: number): void {
  for (const key of [binding.for, `${binding.for}-left`, `${binding.for}-right`])
    embedStore(key)?.getState().seek(momentMs);
}
