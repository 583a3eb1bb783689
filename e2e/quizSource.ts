/**
 * Every lesson's quiz pool as its MDX source writes it, read with the lesson checker's parser: the answer key
 * for browser tests, whichever questions an attempt happens to draw.
 */
import type { Nodes } from 'mdast';
import { readFileSync, readdirSync } from 'node:fs';
import { readAttribute } from '../scripts/lessons-check/literals.ts';
import { parseLesson } from '../scripts/lessons-check/parse.ts';
import { elementsNamed, isJsxElement, textOf, type JsxElement } from '../scripts/lessons-check/tree.ts';
import { computeMeasures } from '../src/engine/analysis/measures/index.ts';
import { answerOf, variantOf } from '../src/course/generated/template.ts';
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

function readQuestion(element: JsxElement): WrittenQuestion {
  const props = attributes(element);
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
  };
}

/** Every lesson's quiz, by lesson id. */
export const writtenQuizzes: ReadonlyMap<string, WrittenQuiz> = new Map(
  readdirSync(lessonsDir)
    .filter((name) => name.endsWith('.mdx'))
    .flatMap((name) => {
      const source = readFileSync(new URL(name, lessonsDir), 'utf8');
      const parsed = parseLesson(source);
      if (!parsed.ok) throw new Error(`lessons/${name}: ${parsed.problem.message}`);
      const lessonId = /^id:\s*(\S+)/m.exec(source)?.[1] ?? name;
      const quiz = elementsNamed(parsed.tree, 'Quiz')[0]?.element;
      if (!quiz) return [];
      const props = attributes(quiz);
      const questions = quiz.children
        .filter((child): child is JsxElement => isJsxElement(child) && child.name === 'Question')
        .map(readQuestion);
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

/**
 * A generated question as the page asked it (its template and seed are on its fieldset), with the answer
 * the engine gives for those parameters, computed here in Node.
 */
export async function generatedQuestion(
  key: string,
  templateId: string,
  seed: string,
): Promise<WrittenQuestion> {
  const template = questionTemplates.get(templateId);
  if (!template) throw new Error(`No question template "${templateId}" (asked as ${key})`);
  const variant = variantOf(template, seed);
  const answer = await answerOf(template, variant, (run, requests) =>
    Promise.resolve(computeMeasures(run, requests)),
  );
  const { asked } = variant;
  return {
    id: key,
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
