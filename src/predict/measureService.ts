/**
 * How lesson components read a measure from a run: in the simulation worker, so a replay never blocks
 * the page. Results are cached by run and request, since several components often ask the same thing
 * of the same run. Tests provide another service through the context.
 */
import { createContext } from 'react';
import type { MeasureRequest, MeasureResult, RunSpec } from '../engine/analysis/measures/types';

export type MeasureService = (run: RunSpec, request: MeasureRequest) => Promise<MeasureResult>;

const cache = new Map<string, Promise<MeasureResult>>();
const cacheLimit = 200;

/** Reads through the page's simulation worker. */
export const workerMeasureService: MeasureService = (run, request) => {
  const key = JSON.stringify([run, request]);
  const cached = cache.get(key);
  if (cached) return cached;
  const result = import('../worker/client')
    .then(({ getSimulationWorker }) => getSimulationWorker().measure(run, [request]))
    .then(([first]) => first ?? { ok: false as const, problem: 'The simulation worker gave no answer' })
    .catch((error: unknown) => {
      cache.delete(key);
      return { ok: false as const, problem: error instanceof Error ? error.message : String(error) };
    });
  if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value!);
  cache.set(key, result);
  return result;
};

export const MeasureServiceContext = createContext<MeasureService>(workerMeasureService);
