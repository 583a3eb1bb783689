import { Children, Fragment, isValidElement, type ReactNode } from 'react';
import { readBinding, type MeasureBinding } from '../predict/spec.ts';

export type QuestionKind = 'single' | 'multi' | 'numeric';
const questionKinds: readonly QuestionKind[] = ['single', 'multi', 'numeric'];

export interface ChoiceSpec {
  /** Position in the lesson source; answers refer to choices by this index, whatever order they are shown in. */
  index: number;
  correct: boolean;
  content: ReactNode;
  why?: ReactNode;
}

interface QuestionBase {
  id: string;
  prompt: string;
  explanation?: ReactNode;
}

export interface ChoiceQuestionSpec extends QuestionBase {
  kind: 'single' | 'multi';
  choices: ChoiceSpec[];
}

export interface NumericQuestionSpec extends QuestionBase {
  kind: 'numeric';
  /** For a question bound to a run, NaN until the quiz fills it in from the student's run (src/quiz/runBound.tsx). */
  answer: number;
  tolerance: number;
  unit?: string;
  /** Set when the answer is a measure of the student's own run of an embed: run="embed-id" measure="…" at={…}. */
  run?: MeasureBinding;
}

export type QuestionSpec = ChoiceQuestionSpec | NumericQuestionSpec;

export interface QuizSpec {
  questions: QuestionSpec[];
}

export type QuizSpecResult = { ok: true; spec: QuizSpec } | { ok: false; problems: string[] };

/** The part each compound component plays; set as a static `quizRole` on Question, Choice and Explain. */
export type QuizRole = 'question' | 'choice' | 'explain';

export interface QuestionProps {
  id: string;
  prompt: string;
  kind?: QuestionKind;
  answer?: number;
  tolerance?: number;
  unit?: string;
  /** A numeric question about a run: the embed's id, and side, measure, args, at as for <Predict>. */
  run?: string;
  side?: 'left' | 'right';
  measure?: string;
  args?: Record<string, string | number | boolean>;
  at?: number | string;
  children?: ReactNode;
}

export interface ChoiceProps {
  correct?: boolean;
  why?: ReactNode;
  children?: ReactNode;
}

export interface ExplainProps {
  children?: ReactNode;
}

/**
 * One element of a quiz as written, whoever read it: the page reads React children (extractQuizSpec), the
 * lesson checker reads the MDX syntax tree. `At` is whatever the reader needs to point at the element
 * (nothing on the page, a source position in the checker).
 */
export interface WrittenElement<At> {
  /** Its part in a quiz, or undefined for anything else (text, a paragraph, another component). */
  role?: QuizRole;
  /** How a message names it when it is out of place: `a <p>`, `the text "…"`. */
  description: string;
  /** Its attributes (for a question: id, prompt, kind, answer, tolerance, unit; for a choice: correct, why). */
  props: Readonly<Record<string, unknown>>;
  /** What it wraps, as content: a choice's label, an explanation's text. */
  content: ReactNode;
  /** The quiz elements it contains (a question's choices and explanation). */
  children: readonly WrittenElement<At>[];
  at: At;
}

/** A broken quiz authoring rule: what is wrong, how to fix it, and where (the element and maybe its attribute). */
export interface QuizProblem<At> {
  message: string;
  fix: string;
  at: At;
  attribute?: string;
}

export type WrittenQuizResult<At> = { ok: true; spec: QuizSpec } | { ok: false; problems: QuizProblem<At>[] };

/**
 * Reads the children of a `<Quiz>` (as rendered from MDX) into a QuizSpec, or the authoring problems.
 * Elements are recognised by their component's static `quizRole`, so any components carrying the roles
 * work. Pure: no hooks, no DOM.
 */
export function extractQuizSpec(children: ReactNode): QuizSpecResult {
  const result = checkWrittenQuiz(readReactChildren(children), undefined);
  return result.ok ? result : { ok: false, problems: result.problems.map((problem) => problem.message) };
}

/**
 * The quiz authoring rules, over a quiz as written: at least one question; only questions inside the quiz;
 * unique question ids; an id and a prompt on each; a single-choice question has exactly one correct choice
 * and a multi-choice question at least one, each with two or more choices; a numeric question has a number
 * answer and a tolerance of 0 or more, and no choices; at most one explanation per question.
 */
export function checkWrittenQuiz<At>(
  elements: readonly WrittenElement<At>[],
  quizAt: At,
): WrittenQuizResult<At> {
  const problems: QuizProblem<At>[] = [];
  const questions: QuestionSpec[] = [];
  const seenIds = new Set<string>();

  for (const element of elements) {
    if (element.role !== 'question') {
      problems.push({
        message: `A <Quiz> may only contain <Question> elements, but it contains ${element.description}`,
        fix: 'move it above the <Quiz>, or into a <Question> as a <Choice> or <Explain>',
        at: element.at,
      });
      continue;
    }
    const { id } = element.props;
    if (typeof id === 'string' && seenIds.has(id)) {
      problems.push({
        message: `Two questions use the id "${id}"`,
        fix: 'give each question its own id (saved answers and hints are keyed by it)',
        at: element.at,
        attribute: 'id',
      });
    }
    if (typeof id === 'string') seenIds.add(id);
    const read = readQuestion(element);
    if ('problems' in read) problems.push(...read.problems);
    else questions.push(read.question);
  }
  if (questions.length === 0 && problems.length === 0) {
    problems.push({
      message: 'A <Quiz> needs at least one <Question>',
      fix: 'add a <Question id="…" prompt="…"> with its <Choice> elements, or remove the empty <Quiz>',
      at: quizAt,
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, spec: { questions } };
}

function readQuestion<At>(
  element: WrittenElement<At>,
): { question: QuestionSpec } | { problems: QuizProblem<At>[] } {
  const { id, prompt, kind = 'single', answer, tolerance, unit } = element.props;
  const name = typeof id === 'string' && id ? `Question "${id}"` : 'A <Question>';
  const problems: QuizProblem<At>[] = [];
  const problem = (message: string, fix: string, attribute?: string) =>
    problems.push({ message, fix, at: element.at, attribute });

  if (typeof id !== 'string' || id.trim() === '')
    problem(`${name} needs an id`, 'add id="a-short-kebab-case-id", unique within the quiz', 'id');
  if (typeof prompt !== 'string' || prompt.trim() === '')
    problem(`${name} needs a prompt`, 'add prompt="…the question, as the student reads it…"', 'prompt');
  if (!questionKinds.includes(kind as QuestionKind)) {
    problem(
      `${name} has kind="${String(kind)}"; use one of ${questionKinds.join(', ')}`,
      'use kind="multi" for select-all-that-apply, kind="numeric" for a number, or leave kind out for single choice',
      'kind',
    );
  }

  const choices: ChoiceSpec[] = [];
  let explanation: ReactNode | undefined;
  let explanations = 0;
  for (const child of element.children) {
    if (child.role === 'choice') {
      const { correct, why } = child.props as ChoiceProps;
      choices.push({ index: choices.length, correct: correct === true, content: child.content, why });
    } else if (child.role === 'explain') {
      explanations += 1;
      if (explanations === 1) explanation = child.content;
      else
        problems.push({
          message: `${name} has more than one <Explain>`,
          fix: 'merge them into one <Explain>',
          at: child.at,
        });
    } else {
      problems.push({
        message: `${name} may only contain <Choice> and <Explain>, but it contains ${child.description}`,
        fix: 'put text for the student into a <Choice> or the <Explain>, or move it above the <Quiz>',
        at: child.at,
      });
    }
  }

  const base = { id: id as string, prompt: prompt as string, explanation };
  if (kind === 'numeric') {
    if (choices.length > 0)
      problem(
        `${name} is numeric, so it takes an answer={…}, not <Choice> elements`,
        'remove the <Choice> elements, or remove kind="numeric" for a choice question',
      );
    const run = element.props.run !== undefined ? readBinding({ ...element.props, for: element.props.run }, name) : null;
    if (run && !run.ok) for (const message of run.problems) problem(message, 'see docs/authoring.md#run-bound-quiz-questions', 'run');
    if (run && answer !== undefined)
      problem(
        `${name} is bound to a run, so its answer comes from the student's run, not answer={…}`,
        'remove answer={…}; the quiz measures the student’s own run',
        'answer',
      );
    else if (!run && answer === undefined)
      problem(`${name} is numeric and needs answer={a number}`, 'add answer={12} (the right number)');
    else if (!run && (typeof answer !== 'number' || !Number.isFinite(answer)))
      problem(
        `${name} is numeric and needs answer={a number}, got ${JSON.stringify(answer)}`,
        'write the number in braces, e.g. answer={12}, not answer="12"',
        'answer',
      );
    if (tolerance === undefined)
      problem(`${name} is numeric and needs a tolerance`, 'add tolerance={0} for an exact answer');
    else if (typeof tolerance !== 'number' || !(tolerance >= 0))
      problem(
        `${name} needs a tolerance of 0 or more, got ${JSON.stringify(tolerance)}`,
        'use tolerance={0} for an exact answer, or the accepted margin either side, e.g. tolerance={0.5}',
        'tolerance',
      );
    if (problems.length > 0) return { problems };
    return {
      question: {
        ...base,
        kind,
        answer: run ? NaN : (answer as number),
        tolerance: tolerance as number,
        unit: unit as string | undefined,
        ...(run?.ok ? { run: run.value } : {}),
      },
    };
  }

  const correctCount = choices.filter((choice) => choice.correct).length;
  if (choices.length < 2) problem(`${name} needs at least two <Choice> elements`, 'add another <Choice>');
  if (kind === 'single' && correctCount !== 1) {
    problem(
      `${name} is single-choice and needs exactly one <Choice correct>, but has ${correctCount}`,
      correctCount === 0
        ? 'mark the right answer with <Choice correct>'
        : 'keep correct on one choice only, or add kind="multi" to make it select-all-that-apply',
    );
  }
  if (kind === 'multi' && correctCount === 0)
    problem(`${name} needs at least one <Choice correct>`, 'mark every right answer with <Choice correct>');
  if (problems.length > 0) return { problems };
  return { question: { ...base, kind: kind as 'single' | 'multi', choices } };
}

/** React children (as MDX renders them) as written quiz elements. */
function readReactChildren(children: ReactNode): WrittenElement<undefined>[] {
  return meaningfulChildren(children).map((child) => {
    const part = asQuizPart(child);
    if (!part) return { description: describe(child), props: {}, content: null, children: [], at: undefined };
    const { children: inner, ...props } = part.props as { children?: ReactNode };
    return {
      role: part.role,
      description: describe(child),
      props,
      content: inner,
      children: part.role === 'question' ? readReactChildren(inner) : [],
      at: undefined,
    };
  });
}

/** Children with fragments opened up and without the whitespace text MDX leaves between elements. */
function meaningfulChildren(children: ReactNode): ReactNode[] {
  return Children.toArray(children).flatMap((child) => {
    if (isValidElement<{ children?: ReactNode }>(child) && child.type === Fragment) {
      return meaningfulChildren(child.props.children);
    }
    return typeof child === 'string' && child.trim() === '' ? [] : [child];
  });
}

function asQuizPart(child: unknown): { role: QuizRole; props: unknown } | undefined {
  if (!isValidElement(child)) return undefined;
  const role = (child.type as { quizRole?: QuizRole }).quizRole;
  return role ? { role, props: child.props } : undefined;
}

function describe(child: unknown): string {
  if (!isValidElement(child)) return `the text "${String(child).trim().slice(0, 40)}"`;
  const type = child.type as string | { displayName?: string; name?: string };
  if (typeof type === 'string') return `a <${type}>`;
  return `a <${type.displayName ?? type.name ?? 'component'}>`;
}
