/**
 * What a lesson really embeds and asks, read from the compiled lesson itself, so that claim tests run
 * each simulation with exactly the configuration its <Simulation> runs (validated by the embed's own
 * prop checks, compare sides built by the embed's own code) and check each quiz answer that comes from
 * a simulation against exactly the number the quiz accepts. Editing a lesson's embed or answer
 * without re-checking the claim then fails a test instead of silently drifting.
 */
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router-dom';
import type { Simulation, SimulationOptions } from '../../engine/core/simulation';
import { createSimulation } from '../../engine/catalog/resolve';
import type { ScenarioOverrides } from '../../engine/core/schema';
import { mdxComponents } from '../../mdx/components.tsx';
import { sideProps, type SideProps } from '../../sim/Compare.tsx';
import { displayPropNames, validateProps, type EmbedConfig } from '../../sim/props.ts';
import { readSteps } from '../../sim/steps/Steps.tsx';
import type { Moment } from '../../engine/analysis/moments';
import { findLesson, loadLesson } from '../lessons.ts';
import { extractQuizSpec, type NumericQuestionSpec, type QuestionSpec, type QuizProps } from '../quizSpec.ts';
import type { RunSpec } from '../../engine/analysis/measures/types';
import { readPredictProps, type MeasureBinding, type PredictSpec } from '../../predict/spec.ts';

export interface Embed {
  scenario: string;
  /** The scenario overrides as written on the <Simulation> (for a compare embed, its left side's). */
  overrides: ScenarioOverrides;
  /** The `compare` prop's overrides as written, for a compare embed. */
  compare?: ScenarioOverrides;
  /**
   * What the page really runs, validated as the embed validates it: one configuration, or for a compare
   * embed the left and then the right one. Prefer these (through `simulate`) over rebuilding them.
   */
  sides: EmbedConfig[];
}

export interface LessonContent {
  /** The embed with this `id` prop (or, without one, this scenario id). */
  embed(id: string): Embed;
  /** The numeric question with this id. */
  numericQuestion(id: string): NumericQuestionSpec;
  /** Every embed, in page order. */
  embeds: Embed[];
  /** Every <Predict>, in page order, as the page reads it. */
  predictions: PredictSpec[];
  /** Every quiz question whose answer is a measure of the student's run. */
  runBoundQuestions: (NumericQuestionSpec & { run: MeasureBinding })[];
  /** The run a binding reads, configured as the page configures its embed (side included), with another seed. */
  runFor(binding: Pick<MeasureBinding, 'for' | 'side'>, seed: number): RunSpec;
  /** Every guided step list: the embed it guides and each step's moment (null for a step without one). */
  stepLists: { for: string; moments: (Moment | null)[] }[];
  /**
   * A fresh simulation of the embed with this id, configured as the page configures it (with `side:
   * 'right'`, the right-hand side of a compare embed), plus any extra overrides such as another seed.
   */
  simulate(
    id: string,
    options?: {
      side?: 'left' | 'right';
      overrides?: ScenarioOverrides;
      onTrace?: SimulationOptions['onTrace'];
    },
  ): Simulation;
}

function overridesOf(props: Record<string, unknown>): ScenarioOverrides {
  const ignored: readonly string[] = [...displayPropNames, 'scenario', 'compare', 'children'];
  return Object.fromEntries(
    Object.entries(props).filter(([name]) => !ignored.includes(name)),
  ) as ScenarioOverrides;
}

/**
 * The configurations <Simulation> runs for these props, validated as the embed validates them: a compare
 * embed becomes a left side (its own overrides) and a right side (the `compare` overrides).
 */
function embedConfigs(file: string, props: Record<string, unknown>): EmbedConfig[] {
  const candidates = props.compare ? compareSides(props) : [props];
  return candidates.map((candidate) => {
    const validated = validateProps(withoutUndefined(candidate));
    if (!validated.ok)
      throw new Error(
        `${file}: <Simulation scenario="${String(props.scenario)}">: ${validated.problems.join('; ')}`,
      );
    return validated.config;
  });
}

/** The two sides exactly as Simulation.tsx hands them to <Compare>. */
function compareSides({ compare, ...props }: Record<string, unknown>): Record<string, unknown>[] {
  const shared = Object.fromEntries(
    displayPropNames.filter((name) => name !== 'title').map((name) => [name, props[name]]),
  );
  const left = overridesOf(props);
  const common = { ...shared, scenario: props.scenario };
  return [
    sideProps(common, { ...left, title: typeof props.title === 'string' ? props.title : undefined }, 'left'),
    sideProps(common, compare as SideProps, 'right'),
  ];
}

function withoutUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined));
}

export async function readLesson(lessonId: string): Promise<LessonContent> {
  const lesson = findLesson(lessonId);
  if (!lesson) throw new Error(`No lesson with id "${lessonId}"`);
  const { default: Content } = await loadLesson(lesson);
  const embeds = new Map<string, Embed>();
  const inOrder: Embed[] = [];
  const questions: QuestionSpec[] = [];
  const predictions: PredictSpec[] = [];
  const stepLists: LessonContent['stepLists'] = [];

  renderToStaticMarkup(
    <MemoryRouter>
      <Content
        components={{
          ...mdxComponents,
          Simulation: (props: Record<string, unknown>) => {
            const embed: Embed = {
              scenario: String(props.scenario),
              overrides: overridesOf(props),
              ...(props.compare ? { compare: overridesOf(props.compare as Record<string, unknown>) } : {}),
              sides: embedConfigs(lesson.file, props),
            };
            inOrder.push(embed);
            embeds.set(String(props.id ?? props.scenario), embed);
            return null;
          },
          Steps: ({ for: target, children }: { for: string; children?: ReactNode }) => {
            const { steps, problems } = readSteps(children);
            if (problems.length > 0)
              throw new Error(`${lesson.file}: <Steps for="${target}">: ${problems.join('; ')}`);
            stepLists.push({ for: target, moments: steps.map((step) => step.moment) });
            return null;
          },
          Predict: (props: Record<string, unknown>) => {
            const read = readPredictProps(props);
            if (!read.ok) throw new Error(`${lesson.file}: ${read.problems.join('; ')}`);
            predictions.push(read.value);
            return null;
          },
          Quiz: (props: QuizProps) => {
            const result = extractQuizSpec(props);
            if (!result.ok) throw new Error(`${lesson.file}: ${result.problems.join('; ')}`);
            // Generated questions are checked by src/course/generated/templates.test.ts.
            questions.push(...result.spec.questions.filter((question) => question.kind !== 'generated'));
            return null;
          },
        }}
      />
    </MemoryRouter>,
  );

  const embed = (id: string) => {
    const found = embeds.get(id);
    if (!found)
      throw new Error(
        `${lesson.file} has no <Simulation id="${id}"> (it has: ${[...embeds.keys()].join(', ')})`,
      );
    return found;
  };
  const configOf = (id: string, side: 'left' | 'right' = 'left') => {
    const config = embed(id).sides[side === 'left' ? 0 : 1];
    if (!config)
      throw new Error(
        `${lesson.file}: <Simulation id="${id}"> is not a compare embed, so it has no right-hand side`,
      );
    return config;
  };
  return {
    embeds: inOrder,
    stepLists,
    embed,
    predictions,
    runBoundQuestions: questions.filter(
      (question): question is NumericQuestionSpec & { run: MeasureBinding } =>
        question.kind === 'numeric' && question.run !== undefined,
    ),
    runFor(binding, seed) {
      const config = configOf(binding.for, binding.side);
      return { scenario: config.source, overrides: { ...config.overrides, seed } };
    },
    simulate(id, { side = 'left', overrides = {}, onTrace } = {}) {
      const config = configOf(id, side);
      return createSimulation(
        config.scenario,
        { ...config.overrides, ...overrides },
        { checkInvariants: true, onTrace },
      );
    },
    numericQuestion(id) {
      const question = questions.find((candidate) => candidate.id === id);
      if (question?.kind !== 'numeric') throw new Error(`${lesson.file} has no numeric question "${id}"`);
      return question;
    },
  };
}
