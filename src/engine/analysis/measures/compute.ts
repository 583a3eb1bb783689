/** Reads measures from a run: replays the run (scenario, overrides, commands) and reads each at its moment. */
import { Simulation } from '../../core/simulation';
import { resolveScenario, validateAction } from '../../catalog/resolve';
import type { Action } from '../../core/schema';
import { describeMoment, momentSchema, runToMoment, stepperOf, type Moment } from '../moments';
import { measureUseProblems, measures } from './registry';
import type { MeasureContext, MeasureMoment, MeasureRequest, MeasureResult, RunSpec } from './types';

/** A measure's moment read: a fixed time in ms (for a number or "end"), an event moment, or why it cannot be read. */
export type ReadMoment =
  { ok: true; timeMs: number } | { ok: true; event: Moment } | { ok: false; problem: string };

export function readMoment(at: MeasureMoment, durationMs: number): ReadMoment {
  if (at === 'end') return { ok: true, timeMs: durationMs };
  if (typeof at === 'number') return { ok: true, timeMs: Math.min(durationMs, Math.max(0, Math.round(at))) };
  const parsed = momentSchema.safeParse(at);
  if (!parsed.success)
    return {
      ok: false,
      problem: `the moment ${JSON.stringify(at)} cannot be read: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`,
    };
  const moment = parsed.data;
  return 'atMs' in moment
    ? { ok: true, timeMs: Math.min(durationMs, moment.atMs) }
    : { ok: true, event: moment };
}

type Replay = { ok: true; sim: Simulation; commands: Action[] };

/** A fresh simulation of the run with its commands queued, or why it cannot be built. */
function replayOf(run: RunSpec): Replay | { ok: false; problem: string } {
  const resolved = resolveScenario(run.scenario, run.overrides ?? {});
  if (!resolved.ok)
    return { ok: false, problem: `The run cannot be rebuilt: ${resolved.problems.join('; ')}` };
  const sim = new Simulation(resolved.scenario, resolved.protocol, resolved.params);
  const commands: Action[] = [];
  for (const [index, input] of (run.commands ?? []).entries()) {
    const checked = validateAction(input, sim.nodeIds, `commands[${index}]`);
    if (!checked.ok)
      return { ok: false, problem: `The run cannot be replayed: ${checked.problems.join('; ')}` };
    commands.push(checked.action);
  }
  commands.sort((a, b) => a.at - b.at).forEach((action, index) => sim.enqueueCommand(action, index));
  return { ok: true, sim, commands };
}

/**
 * Computes every request over one replay of the run, in the order of their moments (the replay only goes
 * forward). A request that cannot be read (unknown measure, bad arguments, a moment the run never
 * reaches) gets its problem; the others are unaffected. A run that cannot be built (an invalid scenario
 * or command) fails every request.
 */
export function computeMeasures(run: RunSpec, requests: readonly MeasureRequest[]): MeasureResult[] {
  const replay = replayOf(run);
  if (!replay.ok) return requests.map(() => ({ ok: false, problem: replay.problem }));
  const { sim, commands } = replay;
  const durationMs = sim.scenario.durationMs;

  // Event moments are found on replays of their own, so the main replay can read every request in time order.
  const eventTimes = new Map<string, number | null>();
  const timeOf = (moment: Moment): number | null => {
    const key = JSON.stringify(moment);
    if (!eventTimes.has(key)) {
      const probe = replayOf(run) as Replay;
      eventTimes.set(key, runToMoment(stepperOf(probe.sim), moment, durationMs));
    }
    return eventTimes.get(key)!;
  };

  const results: MeasureResult[] = new Array<MeasureResult>(requests.length);
  const readable: { request: MeasureRequest; index: number; time: number; event?: Moment }[] = [];
  requests.forEach((request, index) => {
    const problems = measureUseProblems(request.measure, request.args, request.at, sim.scenario);
    const moment = readMoment(request.at, durationMs);
    if (problems.length > 0 || !moment.ok) {
      results[index] = {
        ok: false,
        problem: problems.join('; ') || (moment.ok ? 'unreadable' : moment.problem),
      };
      return;
    }
    if ('timeMs' in moment) {
      readable.push({ request, index, time: moment.timeMs });
      return;
    }
    const time = timeOf(moment.event);
    if (time === null)
      results[index] = {
        ok: false,
        problem: `this run never gets to the moment: ${describeMoment(moment.event)}`,
      };
    else readable.push({ request, index, time, event: moment.event });
  });

  const context: MeasureContext = { sim, commands };
  for (const { request, index, time, event } of readable.sort(
    (a, b) => a.time - b.time || a.index - b.index,
  )) {
    // An event moment is read right after the event that makes it happen, as a run pausing there shows it.
    if (event && sim.now < time) {
      sim.runUntil(time - 1);
      runToMoment(stepperOf(sim), event, time);
    } else sim.runUntil(time);
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
