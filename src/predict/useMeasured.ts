import { useContext, useEffect, useState } from 'react';
import { momentTime } from '../engine/analysis/measures/compute';
import type { MeasureValue } from '../engine/analysis/measures/types';
import {
  embedForBinding,
  findEmbed,
  runOf,
  useEmbedRegistryVersion,
  type RegisteredEmbed,
} from '../sim/embedRegistry';
import { MeasureServiceContext } from './measureService';
import type { MeasureBinding } from './spec';

export type Measured =
  /** The embed is not on the page (yet: it loads when scrolled near). */
  | { status: 'no-embed' }
  /** The student's run has not reached the moment. */
  | { status: 'waiting'; momentMs: number }
  | { status: 'computing'; momentMs: number }
  | { status: 'ready'; momentMs: number; value: MeasureValue }
  | { status: 'failed'; momentMs: number; problem: string };

export interface RunView {
  /** The run's identity: seed and command log. */
  runKey: string;
  momentMs: number;
  reached: boolean;
}

function viewOf(embed: RegisteredEmbed, binding: Pick<MeasureBinding, 'at'>): RunView | null {
  const { frame, seed } = embed.store.getState();
  if (!frame) return null;
  const momentMs = momentTime(binding.at, frame.durationMs);
  // The furthest time this run has been played to: seeking back does not fold what was seen, a new seed or a changed past does.
  return { runKey: JSON.stringify([seed, frame.commands]), momentMs, reached: frame.horizon >= momentMs };
}

const sameView = (a: RunView | null, b: RunView | null) =>
  a === b ||
  (a !== null && b !== null && a.runKey === b.runKey && a.momentMs === b.momentMs && a.reached === b.reached);

/** The bound embed and where its run stands relative to the moment (null until the embed has a frame). */
export function useRunView(binding: Pick<MeasureBinding, 'for' | 'side' | 'at'>): {
  embed: RegisteredEmbed | null;
  view: RunView | null;
} {
  useEmbedRegistryVersion();
  const embed = embedForBinding(binding.for, binding.side);
  const [view, setView] = useState<RunView | null>(null);
  useEffect(() => {
    if (!embed) return undefined;
    const update = () =>
      setView((previous) => {
        const next = viewOf(embed, binding);
        return sameView(previous, next) ? previous : next;
      });
    update();
    return embed.store.subscribe(update);
    // The binding's fields are plain values from MDX; its identity changes on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [embed, binding.at]);
  return { embed, view: embed ? view : null };
}

/**
 * A measure of the student's run in the bound embed, once that run has been played to the measure's
 * moment; it follows the run as the student reseeds it or acts in it.
 */
export function useMeasured(binding: MeasureBinding): Measured {
  const { embed, view } = useRunView(binding);
  const service = useContext(MeasureServiceContext);
  const [result, setResult] = useState<{ key: string; measured: Measured } | null>(null);

  const requestKey = embed && view?.reached ? JSON.stringify([view.runKey, binding]) : null;
  useEffect(() => {
    if (!embed || !view?.reached || requestKey === null) return undefined;
    let current = true;
    const { momentMs } = view;
    void service(runOf(embed), { measure: binding.measure, args: binding.args, at: binding.at }).then(
      (answer) => {
        if (!current) return;
        setResult({
          key: requestKey,
          measured: answer.ok
            ? { status: 'ready', momentMs, value: answer.value }
            : { status: 'failed', momentMs, problem: answer.problem },
        });
      },
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requestKey, service]);

  if (!embed || !view) return { status: 'no-embed' };
  if (!view.reached) return { status: 'waiting', momentMs: view.momentMs };
  if (result?.key === requestKey) return result.measured;
  return { status: 'computing', momentMs: view.momentMs };
}

/** Seeks the bound embed (both sides of a compare embed, so they stay in line) to the measure's moment. */
export function jumpToMoment(binding: MeasureBinding, momentMs: number): void {
  for (const key of [binding.for, `${binding.for}-left`, `${binding.for}-right`])
    findEmbed(key)?.store.getState().seek(momentMs);
}
