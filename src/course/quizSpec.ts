import { Children, Fragment, isValidElement, type ReactNode } from 'react';

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
  answer: number;
  tolerance: number;
  unit?: string;
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
 * Reads the children of a `<Quiz>` (as written in MDX) into a QuizSpec, checking the authoring rules:
 * at least one question; unique question ids; a prompt on each; a single-choice question has exactly one
 * correct choice, a multi-choice question at least one; a numeric question has a numeric answer and no choices.
 *
 * Elements are recognised by their component's static `quizRole`, so any components carrying the roles work
 * (the page's own, or stand-ins in a lesson checker). Pure: no hooks, no DOM.
 */
export function extractQuizSpec(children: ReactNode): QuizSpecResult {
  const problems: string[] = [];
  const questions: QuestionSpec[] = [];
  const seenIds = new Set<string>();

  for (const child of meaningfulChildren(children)) {
    const part = asQuizPart(child);
    if (part?.role !== 'question') {
      problems.push(`A <Quiz> may only contain <Question> elements, but it contains ${describe(child)}`);
      continue;
    }
    const read = readQuestion(part.props as QuestionProps);
    if ('problems' in read) {
      problems.push(...read.problems);
      continue;
    }
    if (seenIds.has(read.question.id)) problems.push(`Two questions use the id "${read.question.id}"`);
    seenIds.add(read.question.id);
    questions.push(read.question);
  }
  if (questions.length === 0 && problems.length === 0)
    problems.push('A <Quiz> needs at least one <Question>');

  return problems.length > 0 ? { ok: false, problems } : { ok: true, spec: { questions } };
}

function readQuestion(props: QuestionProps): { question: QuestionSpec } | { problems: string[] } {
  const name = typeof props.id === 'string' && props.id ? `Question "${props.id}"` : 'A <Question>';
  const problems: string[] = [];
  const kind = props.kind ?? 'single';
  if (typeof props.id !== 'string' || props.id.trim() === '') problems.push(`${name} needs an id`);
  if (typeof props.prompt !== 'string' || props.prompt.trim() === '') problems.push(`${name} needs a prompt`);
  if (!questionKinds.includes(kind)) {
    problems.push(`${name} has kind="${String(kind)}"; use one of ${questionKinds.join(', ')}`);
  }

  const choices: ChoiceSpec[] = [];
  let explanation: ReactNode | undefined;
  for (const child of meaningfulChildren(props.children)) {
    const part = asQuizPart(child);
    if (part?.role === 'choice') {
      const { correct, why, children } = part.props as ChoiceProps;
      choices.push({ index: choices.length, correct: correct === true, content: children, why });
    } else if (part?.role === 'explain' && explanation === undefined) {
      explanation = (part.props as ExplainProps).children;
    } else if (part?.role === 'explain') {
      problems.push(`${name} has more than one <Explain>`);
    } else {
      problems.push(`${name} may only contain <Choice> and <Explain>, but it contains ${describe(child)}`);
    }
  }

  const base = { id: props.id, prompt: props.prompt, explanation };
  if (kind === 'numeric') {
    const tolerance = props.tolerance ?? 0;
    if (choices.length > 0)
      problems.push(`${name} is numeric, so it takes an answer={…}, not <Choice> elements`);
    if (typeof props.answer !== 'number' || !Number.isFinite(props.answer)) {
      problems.push(`${name} is numeric and needs answer={a number}`);
    }
    if (typeof tolerance !== 'number' || !(tolerance >= 0)) {
      problems.push(`${name} needs a tolerance of 0 or more`);
    }
    if (problems.length > 0) return { problems };
    return { question: { ...base, kind, answer: props.answer as number, tolerance, unit: props.unit } };
  }

  const correctCount = choices.filter((choice) => choice.correct).length;
  if (choices.length < 2) problems.push(`${name} needs at least two <Choice> elements`);
  if (kind === 'single' && correctCount !== 1) {
    problems.push(`${name} is single-choice and needs exactly one <Choice correct>, but has ${correctCount}`);
  }
  if (kind === 'multi' && correctCount === 0) problems.push(`${name} needs at least one <Choice correct>`);
  if (problems.length > 0) return { problems };
  return { question: { ...base, kind: kind as 'single' | 'multi', choices } };
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
