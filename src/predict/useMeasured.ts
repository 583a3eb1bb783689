import { useContext, useEffect, useState } from 'react';
import type { MeasureResult, MeasureValue } from '../engine/analysis/measures/types';
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

/**
 * Where each bound run stands: its identity (seed and command log) and the furthest time it has been
 * played to (seeking back keeps what was seen; a new seed or a changed past starts over). Null while the
 * embed has no frame.
 */
function runViewOf(store: SimulationStore | undefined): string | null {
  const frame = store?.getState().frame;
  return frame ? JSON.stringify([store!.getState().seed, frame.commands, frame.horizon]) : null;
}

/** The later of two views of the same run (same seed and command log); a different run replaces the old one. */
function furthest(previous: string | null, next: string | null): string | null {
  if (next === null || previous === null) return next ?? previous;
  const [seed, commands, horizon] = JSON.parse(next) as [number, unknown, number];
  const [oldSeed, oldCommands, oldHorizon] = JSON.parse(previous) as [number, unknown, number];
  const sameRun = seed === oldSeed && JSON.stringify(commands) === JSON.stringify(oldCommands);
  return sameRun && oldHorizon > horizon ? previous : next;
}

/**
 * Measures of the student's runs in the bound embeds. Each is computed in the worker as soon as its run
 * exists, but shown only once the run has been played to the measure's moment; each follows its run as
 * the student reseeds it or acts in it.
 */
export function useMeasuredAll(bindings: readonly MeasureBinding[]): Measured[] {
  const registry = useEmbedRegistryVersion();
  const stores = bindings.map((binding) => embedStoreFor(binding.for, binding.side));
  const [views, setViews] = useState<readonly (string | null)[]>([]);
  const service = useContext(MeasureServiceContext);
  const [results, setResults] = useState<ReadonlyMap<string, MeasureResult>>(new Map());
  const bindingsKey = JSON.stringify(bindings);

  useEffect(() => {
    const unique = [...new Set(stores.filter((store) => store !== undefined))];
    const update = () =>
      setViews((previous) => {
        // An embed scrolled far away may drop its run to save memory: what the student ran stays what was measured.
        // Nor does a rebuilt run (same seed and actions, back at 0) fold what the student already saw.
        const next = stores.map((store, index) => furthest(previous[index] ?? null, runViewOf(store)));
        return next.length === previous.length && next.every((view, index) => view === previous[index])
          ? previous
          : next;
      });
    update();
    const stops = unique.map((store) => store.subscribe(update));
    return () => stops.forEach((stop) => stop());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [registry, bindingsKey]);

  // A request is keyed by the run (without how far it has been played) and the binding.
  const requestKeys = bindings.map((binding, index) => {
    const view = views[index];
    return view ? JSON.stringify([JSON.parse(view).slice(0, 2), binding]) : null;
  });
  const requestsKey = JSON.stringify(requestKeys);
  useEffect(() => {
    let current = true;
    bindings.forEach((binding, index) => {
      const key = requestKeys[index];
      const run = stores[index] && runOf(stores[index]);
      if (!key || !run || results.has(key)) return;
      void service(run, { measure: binding.measure, args: binding.args, at: binding.at }).then((answer) => {
        if (current) setResults((previous) => new Map(previous).set(key, answer));
      });
    });
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requestsKey, service]);

  return bindings.map((_, index) => {
    const view = views[index];
    const key = requestKeys[index];
    if (!view || !key) return { status: 'no-embed' };
    const answer = results.get(key);
    if (!answer) return { status: 'computing' };
    if (!answer.ok) return { status: 'failed', problem: answer.problem };
    const horizon = (JSON.parse(view) as [number, unknown, number])[2];
    if (horizon < answer.at) return { status: 'waiting', momentMs: answer.at };
    return { status: 'ready', momentMs: answer.at, value: answer.value };
  });
}

/** A measure of the student's run in the bound embed (see useMeasuredAll). */
export function useMeasured(binding: MeasureBinding): Measured {
  return useMeasuredAll([binding])[0]!;
}

/** Seeks the bound embed (both sides of a compare embed, so they stay in line) to a time. */
export function jumpToMoment(binding: Pick<MeasureBinding, 'for'>, momentMs: number): void {
  for (const key of [binding.for, `${binding.for}-left`, `${binding.for}-right`])
    embedStore(key)?.getState().seek(momentMs);
}
