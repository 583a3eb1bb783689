/**
 * Every lesson's quiz pool as its MDX source writes it, read with the lesson checker's parser: the answer key
 * for browser tests, whichever questions an attempt happens to draw.
 */
import type { Nodes } from 'mdast';
import { readFileSync, readdirSync } from 'node:fs';
import { computeMeasures } from '../src/engine/analysis/measures/compute.ts';
import { readBinding, type MeasureBinding } from '../src/predict/spec.ts';
import { studentCommands } from '../src/predict/studentActions.ts';
import { clientPanelKey } from '../src/sim/props.ts';
import {
  lessonEmbeds,
  runOfSide,
  type LessonEmbed,
  type RunChanges,
} from '../scripts/lessons-check/embeds.ts';
import { readAttribute } from '../scripts/lessons-check/literals.ts';
import { parseLesson } from '../scripts/lessons-check/parse.ts';
import { elementsNamed, isJsxElement, textOf, type JsxElement } from '../scripts/lessons-check/tree.ts';
import { answerOf as generatedAnswerOf, variantOf } from '../src/course/generated/template.ts';
import { questionTemplates } from '../src/course/generated/templates/index.ts';

export interface WrittenChoice {
  /** The choice's label as the student reads it (its accessible name). */
  label: string;
  correct: boolean;
  why?: string;
}

export interface WrittenQuestion {
  id: string;
  kind: 'single' | 'multi' | 'numeric';
  prompt: string;
  choices: WrittenChoice[];
  answer?: number;
  tolerance?: number;
  explanation?: string;
  /** A question about a run: its answer is this measure of the student's run (see `answerOf`). */
  run?: MeasureBinding;
  /** The lesson whose quiz pool holds it. */
  lessonId: string;
}

export interface WrittenQuiz {
  lessonId: string;
  /** How many questions an attempt asks. */
  draw: number;
  fromCourse: boolean;
  questions: WrittenQuestion[];
  /** The pool's generated questions (<Generated>): their ids and templates. */
  generated: { id: string; template: string }[];
}

const lessonsDir = new URL('../lessons/', import.meta.url);

function attributes(element: JsxElement): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const attribute of element.attributes) {
    if (attribute.type !== 'mdxJsxAttribute') continue;
    const read = readAttribute(attribute);
    if (read.ok) values[attribute.name] = read.value;
  }
  return values;
}

const text = (node: Nodes) => textOf(node).replace(/\s+/g, ' ').trim();

function readQuestion(element: JsxElement, lessonId: string): WrittenQuestion {
  const props = attributes(element);
  const run =
    props.run === undefined
      ? null
      : readBinding({ ...props, for: props.run }, `<Question id="${String(props.id)}">`);
  if (run && !run.ok) throw new Error(`${lessonId}: ${run.problems.join('; ')}`);
  const children = element.children.filter(isJsxElement);
  const explain = children.find((child) => child.name === 'Explain');
  return {
    id: String(props.id),
    kind: (props.kind as WrittenQuestion['kind'] | undefined) ?? 'single',
    prompt: String(props.prompt),
    choices: children
      .filter((child) => child.name === 'Choice')
      .map((choice) => {
        const { correct, why } = attributes(choice);
        return {
          label: text(choice),
          correct: correct === true,
          why: typeof why === 'string' ? why : undefined,
        };
      }),
    answer: typeof props.answer === 'number' ? props.answer : undefined,
    tolerance: typeof props.tolerance === 'number' ? props.tolerance : undefined,
    explanation: explain ? text(explain) : undefined,
    ...(run ? { run: run.value } : {}),
    lessonId,
  };
}

/** Each lesson's embeds, by lesson id, as the page starts their runs. */
const embedsByLesson = new Map<string, Map<string, LessonEmbed>>();

/** Every lesson's quiz, by lesson id. */
export const writtenQuizzes: ReadonlyMap<string, WrittenQuiz> = new Map(
  readdirSync(lessonsDir)
    .filter((name) => name.endsWith('.mdx'))
    .flatMap((name) => {
      const source = readFileSync(new URL(name, lessonsDir), 'utf8');
      const parsed = parseLesson(source);
      if (!parsed.ok) throw new Error(`lessons/${name}: ${parsed.problem.message}`);
      const lessonId = /^id:\s*(\S+)/m.exec(source)?.[1] ?? name;
      embedsByLesson.set(lessonId, lessonEmbeds(parsed.tree));
      const quiz = elementsNamed(parsed.tree, 'Quiz')[0]?.element;
      if (!quiz) return [];
      const props = attributes(quiz);
      const questions = quiz.children
        .filter((child): child is JsxElement => isJsxElement(child) && child.name === 'Question')
        .map((element) => readQuestion(element, lessonId));
      const generated = quiz.children
        .filter((child): child is JsxElement => isJsxElement(child) && child.name === 'Generated')
        .map((element) => {
          const { id, template } = attributes(element);
          return { id: String(id ?? template), template: String(template) };
        });
      return [
        [
          lessonId,
          { lessonId, draw: Number(props.draw), fromCourse: props.from === 'course', questions, generated },
        ] as const,
      ];
    }),
);

/**
 * The written question behind a question on `lessonId`'s page, by the key the page gives it: its id, or
 * `other-lesson/id` for another lesson's question in the final test.
 */
export function writtenQuestion(lessonId: string, key: string): WrittenQuestion {
  const [owner, id] = key.includes('/') ? (key.split('/', 2) as [string, string]) : [lessonId, key];
  const question = writtenQuizzes.get(owner)?.questions.find((candidate) => candidate.id === id);
  if (!question) throw new Error(`No question "${key}" in the quiz pools (asked on ${lessonId})`);
  return question;
}

const measuredAnswers = new Map<string, number>();

/**
 * When the browser helper (Quiz.runBoundSimulations) sends the requests a run-bound question asks for:
 * the i-th at this simulated time, in ms, so that the answer key replays the very run it makes.
 */
export const helperSendAtMs = (index: number) => 2000 + 1000 * index;

/**
 * The right answer to a numeric question. For a question about a run, it is the question's measure of
 * the run the test performs, replayed here in Node through the same measures the page reads: the
 * embed's run as the lesson configures it (its own seed, no commands, or the requests the question asks
 * the student to send, sent as the browser helper sends them), or with the test's `changes` when the test
 * reseeded or acted in it. No answer key is written down for a run.
 */
export function answerOf(question: WrittenQuestion, changes: RunChanges = {}): number {
  if (!question.run) {
    if (question.answer === undefined) throw new Error(`Question "${question.id}" has no numeric answer`);
    return question.answer;
  }
  const binding = question.run;
  const key = JSON.stringify([question.lessonId, question.id, changes]);
  const known = measuredAnswers.get(key);
  if (known !== undefined) return known;
  const embed = embedsByLesson.get(question.lessonId)?.get(binding.for);
  const config = embed?.sides[binding.side === 'right' ? 1 : 0];
  if (!config)
    throw new Error(
      `Question "${question.id}" (${question.lessonId}) is about the run of "${binding.for}", which the lesson does not embed${binding.side ? ` with a ${binding.side} side` : ''}`,
    );
  // The requests the question asks for, sent as the browser helper sends them unless the test sent its own.
  const run = runOfSide(
    config,
    binding.actions && changes.commands === undefined
      ? {
          ...changes,
          commands: studentCommands(
            binding.actions,
            binding.actions.map((_, index) => helperSendAtMs(index)),
            clientPanelKey(config),
          ),
        }
      : changes,
  );
  const [result] = computeMeasures(run, [{ measure: binding.measure, args: binding.args, at: binding.at }]);
  if (!result!.ok || typeof result!.value !== 'number')
    throw new Error(
      `Question "${question.id}" (${question.lessonId}): the run gives no number: ${result!.ok ? String(result!.value) : result!.problem}`,
    );
  measuredAnswers.set(key, result!.value);
  return result!.value;
}

/**
 * A generated question as the page asked it (its template and seed are on its fieldset), with the answer
 * the engine gives for those parameters, computed here in Node.
 */
export async function generatedQuestion(
  lessonId: string,
  key: string,
  templateId: string,
  seed: string,
): Promise<WrittenQuestion> {
  const template = questionTemplates.get(templateId);
  if (!template) throw new Error(`No question template "${templateId}" (asked as ${key})`);
  const variant = variantOf(template, seed);
  const answer = await generatedAnswerOf(template, variant, (run, requests) =>
    Promise.resolve(computeMeasures(run, requests)),
  );
  const { asked } = variant;
  return {
    id: key,
    lessonId: key.includes('/') ? key.split('/', 1)[0]! : lessonId,
    kind: asked.kind,
    prompt: asked.prompt,
    choices:
      asked.kind === 'single'
        ? asked.choices.map((label, index) => ({ label, correct: index === answer }))
        : [],
    ...(asked.kind === 'numeric' ? { answer, tolerance: asked.tolerance } : {}),
    explanation: template.explain(variant.params, answer),
  };
}
