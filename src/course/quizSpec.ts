import { Children, Fragment, isValidElement, type ReactNode } from 'react';
import { readBinding, type MeasureBinding } from '../predict/spec.ts';
import type { StudentAction } from '../predict/studentActions.ts';
import { questionTemplates } from './generated/templates/index.ts';

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
  /**
   * The lesson section that teaches it, named to a student who got it wrong: a heading id of the same
   * lesson (`replication-lag`), or of another as `lesson-id#heading-id`.
   */
  section: string;
  explanation?: ReactNode;
  /** Set on a question drawn from a template (<Generated>): which template, and the seed of its parameters. */
  variant?: { templateId: string; seed: string };
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

/**
 * A question generated afresh for each attempt from a template (`<Generated template="quorum-overlap">`,
 * src/course/generated): in the pool it is only the template; an attempt draws its parameters and the
 * simulation computes its answer (src/quiz/generated.tsx).
 */
export interface GeneratedQuestionSpec {
  kind: 'generated';
  id: string;
  section: string;
  template: string;
}

/** What a pool holds: written questions and question templates. */
export type PoolQuestionSpec = QuestionSpec | GeneratedQuestionSpec;

export interface QuizSpec {
  /** The pool: every question an attempt may ask. */
  questions: PoolQuestionSpec[];
  /** How many questions one attempt asks, drawn afresh from the pool on every attempt. */
  draw: number;
  /** `course`: the final test, which also draws from every other lesson's pool. */
  from?: 'course';
}

/** A quiz's own attributes: `<Quiz draw={4}>`, `<Quiz draw={12} from="course">`. */
export interface QuizProps {
  draw?: number;
  from?: string;
  children?: ReactNode;
}

/** A pool must hold at least this many times the questions one attempt asks, so a retake can ask new ones. */
export const poolFactor = 2;

export type QuizSpecResult = { ok: true; spec: QuizSpec } | { ok: false; problems: string[] };

/** The part each compound component plays; set as a static `quizRole` on Question, Choice and Explain. */
export type QuizRole = 'question' | 'generated' | 'choice' | 'explain';

export interface QuestionProps {
  id: string;
  prompt: string;
  section?: string;
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
  /** What the student must do in the run first, e.g. [{ send: "write", to: "n2" }]. */
  actions?: StudentAction[];
  children?: ReactNode;
}

/** A generated question: `<Generated template="quorum-overlap" section="…" />`; id defaults to the template's. */
export interface GeneratedProps {
  template: string;
  section?: string;
  id?: string;
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
  /** Its attributes (for a question: id, prompt, section, kind, answer, tolerance, unit; for a choice: correct, why). */
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
export function extractQuizSpec(props: QuizProps): QuizSpecResult {
  const { children, ...quizProps } = props;
  const result = checkWrittenQuiz(readReactChildren(children), { props: quizProps, at: undefined });
  return result.ok ? result : { ok: false, problems: result.problems.map((problem) => problem.message) };
}

/**
 * Reads a lesson's questions on their own, without the <Quiz> around them (a quiz pool module's content, see
 * quizPoolModule.ts), with the same rules for each question.
 */
export function extractPoolQuestions(
  children: ReactNode,
): { ok: true; questions: PoolQuestionSpec[] } | { ok: false; problems: string[] } {
  const result = checkWrittenQuiz(readReactChildren(children), { props: null, at: undefined });
  return result.ok
    ? { ok: true, questions: result.spec.questions }
    : { ok: false, problems: result.problems.map((problem) => problem.message) };
}

/**
 * The quiz authoring rules, over a quiz as written: at least one question; only questions inside the quiz;
 * unique question ids; an id, a prompt and a section on each; a single-choice question has exactly one
 * correct choice and a multi-choice question at least one, each with two or more choices; a numeric question
 * has a number answer and a tolerance of 0 or more, and no choices; at most one explanation per question;
 * the quiz says how many questions an attempt draws, and its pool holds at least `poolFactor` times that
 * (the final test, `from="course"`, also draws from every lesson's pool).
 */
export function checkWrittenQuiz<At>(
  elements: readonly WrittenElement<At>[],
  /** The <Quiz>'s attributes and place; props null for questions read without their quiz (a pool module). */
  quiz: { props: Readonly<Record<string, unknown>> | null; at: At },
): WrittenQuizResult<At> {
  const quizAt = quiz.at;
  const problems: QuizProblem<At>[] = [];
  const questions: PoolQuestionSpec[] = [];
  const seenIds = new Set<string>();

  for (const element of elements) {
    if (element.role !== 'question' && element.role !== 'generated') {
      problems.push({
        message: `A <Quiz> may only contain <Question> and <Generated> elements, but it contains ${element.description}`,
        fix: 'move it above the <Quiz>, or into a <Question> as a <Choice> or <Explain>',
        at: element.at,
      });
      continue;
    }
    const id = element.role === 'generated' ? (element.props.id ?? element.props.template) : element.props.id;
    if (typeof id === 'string' && seenIds.has(id)) {
      problems.push({
        message: `Two questions use the id "${id}"`,
        fix: 'give each question its own id (saved answers and hints are keyed by it)',
        at: element.at,
        attribute: 'id',
      });
    }
    if (typeof id === 'string') seenIds.add(id);
    const read = element.role === 'generated' ? readGenerated(element) : readQuestion(element);
    if ('problems' in read) problems.push(...read.problems);
    else questions.push(read.question);
  }
  if (questions.length === 0 && problems.length === 0) {
    problems.push({
      message: 'A <Quiz> needs at least one <Question>',
      fix: 'add a <Question id="…" prompt="…" section="…"> with its <Choice> elements, or remove the empty <Quiz>',
      at: quizAt,
    });
  }
  const pool = quiz.props
    ? readPoolProps(quiz.props, elements.length, quizAt)
    : { spec: { draw: questions.length } };
  if ('problems' in pool) problems.push(...pool.problems);
  if (problems.length > 0 || 'problems' in pool) return { ok: false, problems };
  return { ok: true, spec: { questions, ...pool.spec } };
}

function readPoolProps<At>(
  props: Readonly<Record<string, unknown>>,
  poolSize: number,
  at: At,
): { spec: Pick<QuizSpec, 'draw' | 'from'> } | { problems: QuizProblem<At>[] } {
  const { draw, from } = props;
  const problems: QuizProblem<At>[] = [];
  if (from !== undefined && from !== 'course')
    problems.push({
      message: `A <Quiz> has from="${String(from)}"; the only value is "course"`,
      fix: 'remove from, or write from="course" on the final test to draw from every lesson\'s pool too',
      at,
      attribute: 'from',
    });
  if (draw === undefined) {
    problems.push({
      message: `A <Quiz> needs draw={…}: how many of its ${poolSize} questions one attempt asks`,
      fix: `add draw={${Math.max(1, Math.floor(poolSize / poolFactor))}}; each retake draws again, so the pool must hold at least ${poolFactor} × draw questions`,
      at,
    });
  } else if (typeof draw !== 'number' || !Number.isInteger(draw) || draw < 1) {
    problems.push({
      message: `A <Quiz> needs draw={a whole number of 1 or more}, got ${JSON.stringify(draw)}`,
      fix: 'write the number in braces, e.g. draw={4}',
      at,
      attribute: 'draw',
    });
  } else if (from !== 'course' && poolSize > 0 && poolSize < poolFactor * draw) {
    const missing = poolFactor * draw - poolSize;
    const lowerDraw = Math.floor(poolSize / poolFactor);
    problems.push({
      message: `A <Quiz> that asks ${draw} ${draw === 1 ? 'question' : 'questions'} needs a pool of at least ${poolFactor * draw}, but has ${poolSize}`,
      fix: `write ${missing} more <Question>${missing === 1 ? '' : 's'}${lowerDraw >= 1 ? `, or lower draw to ${lowerDraw}` : ''}, so that a retake can ask questions the attempt before did not`,
      at,
      attribute: 'draw',
    });
  }
  if (problems.length > 0) return { problems };
  return { spec: { draw: draw as number, ...(from === 'course' ? { from } : {}) } };
}

function readGenerated<At>(
  element: WrittenElement<At>,
): { question: GeneratedQuestionSpec } | { problems: QuizProblem<At>[] } {
  const { template, section, id = template } = element.props;
  const problems: QuizProblem<At>[] = [];
  const known = [...questionTemplates.keys()].join(', ');
  if (typeof template !== 'string' || !questionTemplates.has(template))
    problems.push({
      message:
        typeof template === 'string'
          ? `<Generated template="${template}"> names no question template`
          : '<Generated> needs template="…": the id of a question template',
      fix: `use one of ${known} (src/course/generated/templates), or write a new template`,
      at: element.at,
      attribute: 'template',
    });
  if (typeof id !== 'string' || id.trim() === '')
    problems.push({
      message: '<Generated> needs an id of text',
      fix: 'leave id out (it defaults to the template) or write id="a-short-kebab-case-id"',
      at: element.at,
      attribute: 'id',
    });
  if (typeof section !== 'string' || section.trim() === '')
    problems.push({
      message: `<Generated template="${String(template)}"> needs a section: the heading a student who got it wrong should reread`,
      fix: 'add section="heading-id" (the id of a ## or ### heading in this lesson, or other-lesson-id#heading-id)',
      at: element.at,
      attribute: 'section',
    });
  if (element.children.length > 0)
    problems.push({
      message: `<Generated template="${String(template)}"> takes no content: the template writes the question`,
      fix: 'write it as <Generated template="…" section="…" />',
      at: element.at,
    });
  if (problems.length > 0) return { problems };
  return {
    question: {
      kind: 'generated',
      id: id as string,
      section: section as string,
      template: template as string,
    },
  };
}

function readQuestion<At>(
  element: WrittenElement<At>,
): { question: QuestionSpec } | { problems: QuizProblem<At>[] } {
  const { id, prompt, section, kind = 'single', answer, tolerance, unit } = element.props;
  const name = typeof id === 'string' && id ? `Question "${id}"` : 'A <Question>';
  const problems: QuizProblem<At>[] = [];
  const problem = (message: string, fix: string, attribute?: string) =>
    problems.push({ message, fix, at: element.at, attribute });

  if (typeof id !== 'string' || id.trim() === '')
    problem(`${name} needs an id`, 'add id="a-short-kebab-case-id", unique within the quiz', 'id');
  if (typeof prompt !== 'string' || prompt.trim() === '')
    problem(`${name} needs a prompt`, 'add prompt="…the question, as the student reads it…"', 'prompt');
  if (typeof section !== 'string' || section.trim() === '')
    problem(
      `${name} needs a section: the heading a student who got it wrong should reread`,
      'add section="heading-id" (the id of a ## or ### heading in this lesson, or other-lesson-id#heading-id)',
      'section',
    );
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

  const base = { id: id as string, prompt: prompt as string, section: section as string, explanation };
  if (kind === 'numeric') {
    if (choices.length > 0)
      problem(
        `${name} is numeric, so it takes an answer={…}, not <Choice> elements`,
        'remove the <Choice> elements, or remove kind="numeric" for a choice question',
      );
    const run =
      element.props.run !== undefined
        ? readBinding({ ...element.props, for: element.props.run }, name)
        : null;
    if (run && !run.ok)
      for (const message of run.problems)
        problem(message, 'see docs/authoring.md#run-bound-quiz-questions', 'run');
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
      children: part.role === 'question' || part.role === 'generated' ? readReactChildren(inner) : [],
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
