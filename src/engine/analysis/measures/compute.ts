/** Reads measures from a run: replays the run (scenario, overrides, commands) and reads each at its moment. */
import { Simulation } from '../../core/simulation';
import { resolveScenario, validateAction } from '../../catalog/resolve';
import type { Action } from '../../core/schema';
import { measureUseProblems, measures } from './registry';
import type { MeasureContext, MeasureMoment, MeasureRequest, MeasureResult, RunSpec } from './types';

/** The moment as a time in ms for a run of this duration. */
export function momentTime(at: MeasureMoment, durationMs: number): number {
  return at === 'end' ? durationMs : Math.min(durationMs, Math.max(0, Math.round(at)));
}

/**
 * Computes every request over one replay of the run, in the order of their moments (the replay only goes
 * forward). A request that cannot be read (unknown measure, bad arguments) gets its problem; the others
 * are unaffected. A run that cannot be built (an invalid scenario or command) fails every request.
 */
export function computeMeasures(run: RunSpec, requests: readonly MeasureRequest[]): MeasureResult[] {
  const resolved = resolveScenario(run.scenario, run.overrides ?? {});
  if (!resolved.ok)
    return requests.map(() => ({
      ok: false,
      problem: `The run cannot be rebuilt: ${resolved.problems.join('; ')}`,
    }));
  const sim = new Simulation(resolved.scenario, resolved.protocol, resolved.params);
  const commands: Action[] = [];
  for (const [index, input] of (run.commands ?? []).entries()) {
    const checked = validateAction(input, sim.nodeIds, `commands[${index}]`);
    if (!checked.ok)
      return requests.map(() => ({
        ok: false,
        problem: `The run cannot be replayed: ${checked.problems.join('; ')}`,
      }));
    commands.push(checked.action);
  }
  commands.sort((a, b) => a.at - b.at).forEach((action, index) => sim.enqueueCommand(action, index));
  const context: MeasureContext = { sim, commands };

  const order = requests
    .map((request, index) => ({ request, index, time: momentTime(request.at, sim.scenario.durationMs) }))
    .sort((a, b) => a.time - b.time || a.index - b.index);
  const results: MeasureResult[] = new Array<MeasureResult>(requests.length);
  for (const { request, index, time } of order) {
    const problems = measureUseProblems(request.measure, request.args, request.at, sim.scenario);
    if (problems.length > 0) {
      results[index] = { ok: false, problem: problems.join('; ') };
      continue;
    }
    sim.runUntil(time);
    results[index] = {
      ok: true,
      value: measures.get(request.measure)!.compute(context, request.args ?? {}),
      at: time,
    };
  }
  return results;
}

/** One measure, for tests and the CLI: throws with the problem instead of returning it. */
export function measureOf(run: RunSpec, request: MeasureRequest): MeasureResult & { ok: true } {
  const [result] = computeMeasures(run, [request]);
  if (!result!.ok) throw new Error(result!.problem);
  return result!;
}
