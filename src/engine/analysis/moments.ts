/**
 * Moments: a point in a run named the way a lesson talks about it ("at 1.9 s", "when n1 crashes", "when a
 * new leader is elected", "when the first PREPARE is sent"), which the engine can detect while it runs so
 * that a run pauses exactly there, a guided step knows when it is done, and a prediction knows when to
 * reveal its answer.
 *
 * A moment is plain JSON (it travels to the worker and sits in MDX props). Lessons usually write the short
 * text form, which `parseMoment` turns into the object form:
 *
 *   "1.9 s", "1900 ms"                    a simulated time
 *   "n1 crashes", "a node crashes"        a node crashes (also "restarts")
 *   "new leader", "n2 becomes leader"     a node takes the leader role (per the protocol's own view)
 *   "first PREPARE", "first RequestVote from n2"
 *                                         a node sends a message whose label starts with that word
 *   "a request fails", "a request succeeds"
 *                                         a client operation finishes that way
 *   "note: network healed"                the run's notes (the live summary) gain a line containing the text
 *
 * Any event form may end in "after 3 s" to skip occurrences before that time ("n1 crashes after 3 s").
 *
 * Detection is pure and deterministic: it reads the simulation between events and never changes it, so
 * watching for a moment leaves the run (and its digest) exactly as it would be without.
 */
import { z } from 'zod';
import type { Simulation } from '../core/simulation';
import type { SentMessage } from '../core/world';
import type { Moment } from '../core/moment';
import type { NodeId } from '../core/types';

export type { Moment } from '../core/moment';

const after = { afterMs: z.number().int().min(0).optional() };
const node = z.string().min(1);

/** The object form, strictly: what the worker accepts. */
export const momentObjectSchema: z.ZodType<Moment> = z.union([
  z.strictObject({ atMs: z.number().int().min(0) }),
  z.strictObject({ event: z.enum(['crash', 'restart', 'leader']), node: node.optional(), ...after }),
  z.strictObject({
    event: z.literal('send'),
    message: z.string().min(1),
    from: node.optional(),
    to: node.optional(),
    ...after,
  }),
  z.strictObject({
    event: z.literal('operation'),
    outcome: z.enum(['ok', 'failed', 'indeterminate']),
    ...after,
  }),
  z.strictObject({ event: z.literal('note'), text: z.string().min(1), ...after }),
]);

const timePattern = /^(\d+(?:\.\d+)?)\s*(ms|s)$/;
const afterPattern = /^(.*?)\s+after\s+(\d+(?:\.\d+)?\s*(?:ms|s))$/;
const nodePattern = '([A-Za-z][\\w-]*)';

function parseTime(text: string): number | null {
  const match = timePattern.exec(text.trim());
  if (!match) return null;
  return Math.round(Number(match[1]) * (match[2] === 's' ? 1000 : 1));
}

/** Reads the short text form of a moment (see the top of this file). */
export function parseMoment(text: string): { ok: true; moment: Moment } | { ok: false; problem: string } {
  const trimmed = text.trim();
  const atMs = parseTime(trimmed);
  if (atMs !== null) return { ok: true, moment: { atMs } };
  const withAfter = afterPattern.exec(trimmed);
  const body = (withAfter ? withAfter[1]! : trimmed).trim();
  const afterMs = withAfter ? parseTime(withAfter[2]!)! : undefined;
  const event = parseEvent(body);
  if (!event) {
    return {
      ok: false,
      problem: `"${text}" is not a moment: write a time ("1.9 s"), "n1 crashes", "n1 restarts", "new leader", "n2 becomes leader", "first PREPARE", "a request fails" or "note: some text", optionally ending in "after 3 s"`,
    };
  }
  return { ok: true, moment: afterMs === undefined ? event : { ...event, afterMs } };
}

function parseEvent(body: string): Moment | null {
  const lower = body.toLowerCase();
  let match = new RegExp(`^(?:a node|any node|${nodePattern}) (crashes|restarts)$`).exec(body);
  if (match)
    return { event: match[2] === 'crashes' ? 'crash' : 'restart', ...(match[1] ? { node: match[1] } : {}) };
  if (/^(?:a )?new leader(?: is elected)?$/.test(lower)) return { event: 'leader' };
  match = new RegExp(`^${nodePattern} becomes leader$`).exec(body);
  if (match) return { event: 'leader', node: match[1]! };
  match = new RegExp(`^first (\\S+)(?: from ${nodePattern})?(?: to ${nodePattern})?$`).exec(body);
  if (match) {
    return {
      event: 'send',
      message: match[1]!,
      ...(match[2] ? { from: match[2] } : {}),
      ...(match[3] ? { to: match[3] } : {}),
    };
  }
  match = /^a request (succeeds|fails|times out)$/.exec(lower);
  if (match)
    return {
      event: 'operation',
      outcome: match[1] === 'succeeds' ? 'ok' : match[1] === 'fails' ? 'failed' : 'indeterminate',
    };
  match = /^note:\s*(.+)$/i.exec(body);
  if (match) return { event: 'note', text: match[1]! };
  return null;
}

/** A moment as a lesson writes it: the short text form or the object form. */
export const momentSchema = z.union([z.string(), momentObjectSchema]).transform((value, context): Moment => {
  if (typeof value !== 'string') return value;
  const parsed = parseMoment(value);
  if (!parsed.ok) {
    context.addIssue({ code: 'custom', message: parsed.problem });
    return z.NEVER;
  }
  return parsed.moment;
});

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms % 100 === 0 ? 1 : 2)} s`;
}

/** The moment in words, completing "Pause …": "at 1.9 s", "when n1 crashes", "when a new leader is elected". */
export function describeMoment(moment: Moment): string {
  if ('atMs' in moment) return `at ${formatSeconds(moment.atMs)}`;
  const afterText = moment.afterMs === undefined ? '' : ` after ${formatSeconds(moment.afterMs)}`;
  const who = 'node' in moment && moment.node ? moment.node : 'a node';
  switch (moment.event) {
    case 'crash':
      return `when ${who} crashes${afterText}`;
    case 'restart':
      return `when ${who} restarts${afterText}`;
    case 'leader':
      return `when ${'node' in moment && moment.node ? `${moment.node} becomes leader` : 'a new leader is elected'}${afterText}`;
    case 'send': {
      const route = `${moment.from ? ` from ${moment.from}` : ''}${moment.to ? ` to ${moment.to}` : ''}`;
      return `when the first ${moment.message}${route} is sent${afterText}`;
    }
    case 'operation':
      return `when a request ${moment.outcome === 'ok' ? 'succeeds' : moment.outcome === 'failed' ? 'fails' : 'times out without an answer'}${afterText}`;
    case 'note':
      return `when the run notes "${moment.text}"${afterText}`;
  }
}

/** Node names a moment refers to, so a lesson check can report one the scenario does not have. */
export function momentNodes(moment: Moment): NodeId[] {
  if ('atMs' in moment) return [];
  const names = [
    'node' in moment ? moment.node : undefined,
    'from' in moment ? moment.from : undefined,
    'to' in moment ? moment.to : undefined,
  ];
  return names.filter((name): name is NodeId => name !== undefined);
}

/** Watches a simulation for one moment. Call `check()` after every event; `stop()` when done. */
export interface MomentWatch {
  /** True once the moment has happened (at or after the time the watch started). */
  check(): boolean;
  stop(): void;
}

function isLeader(sim: Simulation, index: number): boolean {
  const runtime = sim.world.nodes[index]!;
  return runtime.status === 'up' && sim.protocol.describeNode(runtime.state, true).role === 'leader';
}

/**
 * Starts watching `sim` for the moment's next occurrence: what has already happened does not count. Time
 * moments are handled by the caller (they need no watching), so this answers false for them until the
 * run reaches the time.
 */
export function watchMoment(sim: Simulation, moment: Moment): MomentWatch {
  const early = () => 'afterMs' in moment && moment.afterMs !== undefined && sim.now < moment.afterMs;
  if ('atMs' in moment) return { check: () => sim.now >= moment.atMs, stop: () => undefined };
  const nodes = sim.world.nodes;
  const matches = (id: NodeId) => !('node' in moment) || moment.node === undefined || moment.node === id;
  switch (moment.event) {
    case 'crash':
    case 'restart': {
      const wanted = moment.event === 'crash';
      let before = nodes.map((runtime) => runtime.status === 'crashed');
      return {
        check: () => {
          const now = sim.world.nodes.map((runtime) => runtime.status === 'crashed');
          const hit = now.some(
            (crashed, i) => crashed === wanted && before[i] !== wanted && matches(sim.world.nodes[i]!.id),
          );
          before = now;
          return hit && !early();
        },
        stop: () => undefined,
      };
    }
    case 'leader': {
      let before = nodes.map((_, i) => isLeader(sim, i));
      return {
        check: () => {
          const now = sim.world.nodes.map((_, i) => isLeader(sim, i));
          const hit = now.some((leader, i) => leader && !before[i] && matches(sim.world.nodes[i]!.id));
          before = now;
          return hit && !early();
        },
        stop: () => undefined,
      };
    }
    case 'send': {
      let seen = false;
      const previous = sim.onSend;
      const observe = (message: SentMessage) => {
        previous?.(message);
        if (
          message.label.startsWith(moment.message) &&
          (moment.from === undefined || moment.from === message.from) &&
          (moment.to === undefined || moment.to === message.to) &&
          !early()
        )
          seen = true;
      };
      sim.onSend = observe;
      return {
        check: () => seen,
        stop: () => {
          if (sim.onSend === observe) sim.onSend = previous;
        },
      };
    }
    case 'operation': {
      const counter = {
        ok: 'operationsSucceeded',
        failed: 'operationsFailed',
        indeterminate: 'operationsIndeterminate',
      } as const;
      const key = counter[moment.outcome];
      let before = sim.world.counters[key];
      return {
        check: () => {
          const now = sim.world.counters[key];
          const hit = now > before;
          before = now;
          return hit && !early();
        },
        stop: () => undefined,
      };
    }
    case 'note': {
      const text = moment.text.toLowerCase();
      let seen = sim.world.notes.length;
      return {
        check: () => {
          const notes = sim.world.notes;
          let hit = false;
          for (; seen < notes.length; seen++) if (notes[seen]!.text.toLowerCase().includes(text)) hit = true;
          return hit && !early();
        },
        stop: () => undefined,
      };
    }
  }
}

/** What `runToMoment` drives: a Timeline, or a bare Simulation wrapped by `stepperOf`. */
export interface Stepper {
  readonly sim: Simulation;
  readonly now: number;
  /** When the next event (or logged command) happens; Infinity when nothing will. */
  nextTime(): number;
  /** Processes the next event or command. */
  step(): boolean;
  /** Runs forward to `time`. */
  runUntil(time: number): void;
}

/** A bare simulation (commands already enqueued) as a stepper. */
export function stepperOf(sim: Simulation): Stepper {
  return {
    sim,
    get now() {
      return sim.now;
    },
    nextTime: () => sim.nextEventTime(),
    step: () => sim.step(),
    runUntil: (time) => void sim.runUntil(time),
  };
}

/**
 * Runs forward until the moment happens or the run reaches `untilMs`, whichever is first. Returns the
 * simulated time the moment happened (the run stops right after the event that made it happen, before
 * any later event of the same instant), or null when it did not happen by `untilMs` (the run then stands
 * at `untilMs`).
 */
export function runToMoment(stepper: Stepper, moment: Moment, untilMs: number): number | null {
  return runToFirstMoment(stepper, [moment], untilMs)?.at ?? null;
}

/**
 * Like runToMoment for several moments at once: stops at whichever happens first and says which (its index
 * in `moments`) and when; null when none happens by `untilMs`. A time already passed never happens.
 */
export function runToFirstMoment(
  stepper: Stepper,
  moments: readonly Moment[],
  untilMs: number,
): { index: number; at: number } | null {
  // The earliest time moment still ahead caps the run; event moments are watched event by event.
  let timeIndex = -1;
  let stopAt = untilMs;
  moments.forEach((moment, index) => {
    if ('atMs' in moment && moment.atMs >= stepper.now && moment.atMs <= stopAt) {
      if (timeIndex < 0 || moment.atMs < stopAt) timeIndex = index;
      stopAt = moment.atMs;
    }
  });
  const watched = moments.flatMap((moment, index) =>
    'atMs' in moment ? [] : [{ index, watch: watchMoment(stepper.sim, moment) }],
  );
  try {
    if (watched.length > 0) {
      while (stepper.nextTime() <= stopAt) {
        stepper.step();
        const hit = watched.find(({ watch }) => watch.check());
        if (hit) return { index: hit.index, at: stepper.now };
      }
    }
    stepper.runUntil(Math.max(stepper.now, stopAt));
    return timeIndex >= 0 ? { index: timeIndex, at: stopAt } : null;
  } finally {
    for (const { watch } of watched) watch.stop();
  }
}
