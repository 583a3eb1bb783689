/**
 * What a lesson writes to bind something to a run (a <Predict>, a "What you saw" number, a quiz answer)
 * and the rules for it, shared by the components, lessons:check and the claim tests. Pure: no React.
 */
import type { MeasureArgs, MeasureMoment, MeasureValue } from '../engine/analysis/measures/types';
import { readStudentActions, type StudentAction } from './studentActions';

/** Which run, which measure, read when. */
export interface MeasureBinding {
  /** The `id` of the <Simulation> in this lesson. */
  for: string;
  /** For a compare embed: which side's run (the left one when not given). */
  side?: 'left' | 'right';
  measure: string;
  args?: MeasureArgs;
  at: MeasureMoment;
  /**
   * What the student must do in the run before the measure has a value (send a write, say): the quiz
   * asks them to, and tests replay it. Only run-bound quiz questions take it.
   */
  actions?: StudentAction[];
}

/** One answer of a choice prediction: right when the measured value equals `value`, or lies in [min, max). */
export interface PredictChoice {
  label: string;
  value?: string | number;
  min?: number;
  max?: number;
}

export interface PredictSpec extends MeasureBinding {
  id: string;
  question: string;
  kind: 'number' | 'choice';
  /** number: how far from the measured value a prediction may be and still count as right. */
  tolerance: number;
  unit?: string;
  choices: PredictChoice[];
  /** How the outcome reads, with {value} for the measured value: "this run lost {value} writes". */
  reveal: string;
  /**
   * A generated question template (src/course/generated) that asks the same idea with new numbers:
   * Review re-asks a missed prediction as a fresh variant of it.
   */
  variant?: string;
}

export type Read<T> = { ok: true; value: T } | { ok: false; problems: string[] };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads for, side, measure, args and at; `what` names the element in messages. */
export function readBinding(props: Record<string, unknown>, what: string): Read<MeasureBinding> {
  const problems: string[] = [];
  if (typeof props.for !== 'string' || props.for === '')
    problems.push(`${what} needs for="…": the id of the <Simulation> it is about`);
  if (props.side !== undefined && props.side !== 'left' && props.side !== 'right')
    problems.push(`${what}: side must be "left" or "right" (a side of a compare embed)`);
  if (typeof props.measure !== 'string' || props.measure === '')
    problems.push(`${what} needs measure="…": the name of a measure (docs/authoring.md#measures)`);
  if (props.args !== undefined && !isRecord(props.args))
    problems.push(`${what}: args must be an object, e.g. args={{ node: "n2" }}`);
  const at = props.at;
  if (!(typeof at === 'string' ? at.trim() !== '' : typeof at === 'number' && Number.isFinite(at)))
    problems.push(
      `${what} needs at={…}: when the measure is read: a time in ms (at={4000}), at="end", or a moment such as at="n1 crashes"`,
    );
  const actions = props.actions === undefined ? null : readStudentActions(props.actions, what);
  if (actions && !actions.ok) problems.push(...actions.problems);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      for: props.for as string,
      ...(props.side ? { side: props.side as 'left' | 'right' } : {}),
      measure: props.measure as string,
      ...(props.args ? { args: props.args as MeasureArgs } : {}),
      at: at as MeasureMoment,
      ...(actions?.ok ? { actions: actions.actions } : {}),
    },
  };
}

export function readPredictProps(props: Record<string, unknown>): Read<PredictSpec> {
  const binding = readBinding(props, '<Predict>');
  const problems = binding.ok ? [] : [...binding.problems];
  if (typeof props.id !== 'string' || props.id === '')
    problems.push('<Predict> needs an id="…" (the student’s prediction is saved under it)');
  if (props.actions !== undefined)
    problems.push(
      '<Predict> takes no actions={…}: a prediction is made before the run; ask about the student’s own requests in a run-bound <Question>',
    );
  if (typeof props.question !== 'string' || props.question.trim() === '')
    problems.push('<Predict> needs a question="…"');
  const kind = props.kind ?? 'number';
  if (kind !== 'number' && kind !== 'choice') problems.push('<Predict> kind must be "number" or "choice"');
  let choices: PredictChoice[] = [];
  if (kind === 'number') {
    if (typeof props.tolerance !== 'number' || !(props.tolerance >= 0))
      problems.push(
        '<Predict kind="number"> needs tolerance={…}: how far from the measured value a prediction still counts as right (0 or more)',
      );
  } else {
    const given = props.choices;
    if (!Array.isArray(given) || given.length < 2 || !given.every(isRecord))
      problems.push(
        '<Predict kind="choice"> needs choices={[{ label: "…", value: … }, …]}: two or more, each with a label and a value or a min/max range',
      );
    else {
      choices = given as unknown as PredictChoice[];
      choices.forEach((choice, index) => {
        if (typeof choice.label !== 'string' || choice.label === '')
          problems.push(`<Predict> choices[${index}] needs a label`);
        const ranged = choice.min !== undefined || choice.max !== undefined;
        if ((choice.value === undefined) === !ranged)
          problems.push(
            `<Predict> choices[${index}] needs either a value (the measured value that makes it right) or a min/max range, not both`,
          );
      });
    }
  }
  if (props.reveal !== undefined && (typeof props.reveal !== 'string' || !props.reveal.includes('{value}')))
    problems.push(
      '<Predict> reveal must be text with {value} where the measured value goes, e.g. "this run lost {value} writes"',
    );
  if (props.variant !== undefined && (typeof props.variant !== 'string' || props.variant === ''))
    problems.push(
      '<Predict> variant must name a generated question template, e.g. variant="async-lost-writes"',
    );
  if (problems.length > 0 || !binding.ok) return { ok: false, problems };
  return {
    ok: true,
    value: {
      ...binding.value,
      id: props.id as string,
      question: props.question as string,
      kind: kind as PredictSpec['kind'],
      tolerance: kind === 'number' ? (props.tolerance as number) : 0,
      ...(typeof props.unit === 'string' ? { unit: props.unit } : {}),
      choices,
      reveal: typeof props.reveal === 'string' ? props.reveal : 'this run measured {value}',
      ...(typeof props.variant === 'string' ? { variant: props.variant } : {}),
    },
  };
}

/** The index of the choice the measured value makes right, or null when none does. */
export function choiceFor(choices: readonly PredictChoice[], value: MeasureValue): number | null {
  const index = choices.findIndex((choice) =>
    choice.value !== undefined
      ? choice.value === value
      : typeof value === 'number' && value >= (choice.min ?? -Infinity) && value < (choice.max ?? Infinity),
  );
  return index === -1 ? null : index;
}

/** Whether a prediction (a number, or a choice index) holds for the measured value. */
export function isPredictionRight(
  spec: Pick<PredictSpec, 'kind' | 'tolerance' | 'choices'>,
  answer: number,
  value: MeasureValue,
): boolean {
  if (spec.kind === 'choice') return choiceFor(spec.choices, value) === answer;
  return typeof value === 'number' && Math.abs(answer - value) <= spec.tolerance + 1e-9;
}

/** A measured value as prose: 1639 → "1,639"; 12.345 → "12.3"; text as it is; null → "nothing yet". */
export function formatMeasured(value: MeasureValue, unit?: string): string {
  if (value === null) return 'nothing yet';
  const text =
    typeof value === 'number'
      ? value.toLocaleString('en', { maximumFractionDigits: Number.isInteger(value) ? 0 : 1 })
      : value;
  return unit ? `${text} ${unit}` : text;
}

/** The outcome sentence's second half: "this run lost 33 writes". */
export function revealText(spec: Pick<PredictSpec, 'reveal' | 'unit'>, value: MeasureValue): string {
  return spec.reveal.replace('{value}', formatMeasured(value, spec.unit));
}
