/**
 * Measures: named numbers (or short texts) read from a run, so that a lesson's prose, its predictions,
 * its quiz answers and its claim tests all take a number from the same place as the run that shows it.
 * A measure is pure: the same run read at the same moment gives the same value, in Node and in the
 * worker alike.
 */
import type { Simulation } from '../../core/simulation';
import type { Action, Scenario, ScenarioInput, ScenarioOverrides } from '../../core/schema';
import type { Moment } from '../moments';

/** A measure's value: a number, a short text (a node id, a verdict), or null when the run has not shown it (yet). */
export type MeasureValue = number | string | null;

/** Arguments a lesson gives a measure, as written in MDX (`args={{ node: "n2" }}`). */
export type MeasureArgs = Readonly<Record<string, string | number | boolean>>;

/**
 * When a measure is read: a simulated time in ms, "end" (the scenario's duration), or a moment of the run
 * (src/engine/analysis/moments.ts: its text form such as "n1 crashes" or "new leader after 2 s", or its
 * object form), read right after the event that makes it happen. A prediction is revealed, and "What you
 * saw" unfolds, once the student's run has been played to this moment.
 */
export type MeasureMoment = number | 'end' | string | Moment;

/** What a measure can look at: the run stopped at the moment, and the student's commands that shaped it. */
export interface MeasureContext {
  sim: Simulation;
  commands: readonly Action[];
}

export interface ArgSpec {
  type: 'string' | 'number' | 'boolean';
  /** Shown by lessons:check and in docs/authoring.md. */
  description: string;
  optional?: boolean;
  /** For a string: the values allowed. */
  oneOf?: readonly string[];
}

export interface MeasureDefinition {
  /** Kebab-case name lessons write: measure="acknowledged-writes-lost". */
  id: string;
  /** What it measures, one sentence (docs and lessons:check messages). */
  description: string;
  /** Unit of a numeric value, e.g. "ms", "writes", "%". */
  unit?: string;
  args: Readonly<Record<string, ArgSpec>>;
  /** Why this measure means nothing for the scenario, or null when it applies. */
  inapplicable?(scenario: Scenario): string | null;
  compute(context: MeasureContext, args: MeasureArgs): MeasureValue;
}

/** A run as the student has it: the embed's scenario and overrides (with its seed), and their command log. */
export interface RunSpec {
  scenario: string | ScenarioInput;
  overrides?: ScenarioOverrides;
  commands?: readonly Action[];
}

/** One measure to read from a run. */
export interface MeasureRequest {
  measure: string;
  args?: MeasureArgs;
  at: MeasureMoment;
}

/** `at` is when the value was read, in simulated ms; an event moment that never happens in the run is a problem. */
export type MeasureResult = { ok: true; value: MeasureValue; at: number } | { ok: false; problem: string };
