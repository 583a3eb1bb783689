/**
 * The check every lesson's claim test runs on its predictions and its quiz questions about a run: on many
 * seeds of the embed each is bound to, the measure computes (a value, not "never happened"), a choice
 * prediction's value picks exactly one of its choices, and a run-bound answer is a number. Since the
 * outcome, the explanation's <Measured> numbers and the quiz answer are all this same measure, they
 * cannot disagree with the run that shows them.
 */
import { expect } from 'vitest';
import { computeMeasures, measureOf } from '../../engine/analysis/measures';
import type { MeasureValue, RunSpec } from '../../engine/analysis/measures/types';
import type { Action } from '../../engine/core/schema';
import { choiceFor, type MeasureBinding } from '../../predict/spec.ts';
import { studentCommands } from '../../predict/studentActions.ts';
import { clientPanelKey } from '../../sim/props.ts';
import type { LessonContent } from './lessonContent';

export const claimSeeds = Array.from({ length: 20 }, (_, index) => index + 1);

/** One measure of an embed's run on a seed (the run the page builds for it), for lesson-specific claims. */
export function measureEmbed(
  lesson: LessonContent,
  embed: string,
  seed: number,
  request: Parameters<typeof measureOf>[1],
  side?: 'left' | 'right',
): MeasureValue {
  return measureOf(lesson.runFor({ for: embed, side }, seed), request).value;
}

/** The binding's measure on each seed; fails with the seed and a reproducing command when one does not compute. */
/**
 * What the student does in a run before a binding can be read (a request they send, say): the commands
 * to replay with the embed's run on a seed. A binding it gives nothing for is read from the bare run.
 */
export type StudentActions = (binding: MeasureBinding, seed: number) => RunSpec['commands'];

/**
 * The requests a binding asks the student to send (its `actions`), as the client panel sends them at
 * `sendAtMs`; undefined for a binding that asks for none.
 */
export function studentRequestsFor(
  lesson: LessonContent,
  binding: MeasureBinding,
  sendAtMs: readonly number[],
): Action[] | undefined {
  if (!binding.actions) return undefined;
  const config = lesson.embed(binding.for).sides[binding.side === 'right' ? 1 : 0]!;
  return studentCommands(binding.actions, sendAtMs, clientPanelKey(config));
}

export function measureOnSeeds(
  lesson: LessonContent,
  binding: MeasureBinding,
  seeds = claimSeeds,
  actions?: StudentActions,
): MeasureValue[] {
  return seeds.map((seed) => {
    const commands = actions?.(binding, seed);
    const run = { ...lesson.runFor(binding, seed), ...(commands ? { commands } : {}) };
    const [result] = computeMeasures(run, [{ measure: binding.measure, args: binding.args, at: binding.at }]);
    const reproduce = `seed ${seed}: npm run sim -- ${typeof run.scenario === 'string' ? run.scenario : '(inline scenario)'} --seed ${seed}`;
    expect(result, `${binding.for} ${binding.measure}: ${reproduce}`).toMatchObject({ ok: true });
    const value = result!.ok ? result!.value : null;
    expect(value, `${binding.for} ${binding.measure} gave no value (${reproduce})`).not.toBeNull();
    return value;
  });
}

/** Every <Predict> and run-bound question of the lesson, on 20 seeds. Returns the values by id, for lesson-specific claims. */
export function expectRunBoundMeasures(
  lesson: LessonContent,
  actions?: StudentActions,
): Map<string, MeasureValue[]> {
  const values = new Map<string, MeasureValue[]>();
  for (const prediction of lesson.predictions) {
    const measured = measureOnSeeds(lesson, prediction, claimSeeds, actions);
    if (prediction.kind === 'choice')
      measured.forEach((value, index) =>
        expect(
          choiceFor(prediction.choices, value),
          `${prediction.id}: seed ${claimSeeds[index]} measured ${String(value)}, which matches no choice`,
        ).not.toBeNull(),
      );
    else
      measured.forEach((value) =>
        expect(typeof value, `${prediction.id} is a number prediction`).toBe('number'),
      );
    values.set(prediction.id, measured);
  }
  for (const question of lesson.runBoundQuestions) {
    const measured = measureOnSeeds(lesson, question.run, claimSeeds, actions);
    measured.forEach((value) => expect(typeof value, `${question.id}'s answer is a number`).toBe('number'));
    values.set(question.id, measured);
  }
  return values;
}
