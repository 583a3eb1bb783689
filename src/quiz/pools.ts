import type { MDXComponents } from 'mdx/types';
import { Children, Fragment, isValidElement, type ReactElement, type ReactNode } from 'react';
import { quizPools } from 'virtual:lesson-index';
import { findLesson } from '../course/lessons.ts';
import { extractPoolQuestions, type PoolQuestionSpec } from '../course/quizSpec.ts';
import type { TocEntry } from '../course/tableOfContents.ts';
import { readPredictProps, type PredictSpec } from '../predict/spec.ts';
import type { SectionLink } from './QuestionField.tsx';

/** A lesson's quiz pool, read from its pool module (see src/course/quizPoolModule.ts). */
export interface LessonPool {
  lessonId: string;
  questions: PoolQuestionSpec[];
  tableOfContents: readonly TocEntry[];
  /** The lesson's <Predict>s, for asking a missed prediction again in review (none for a lesson's own quiz). */
  predictions?: PredictSpec[];
}

/** A question as one quiz holds it: the final test holds other lessons' questions next to its own. */
export interface PooledQuestion {
  /** Unique within the quiz, and the question's id for grading: `lesson-id/question-id` in the final test. */
  key: string;
  /** The lesson whose pool holds it, and its id there. */
  lessonId: string;
  questionId: string;
  /** The question (or its template), with `key` as its id. */
  question: PoolQuestionSpec;
  /** Which questions a draw spreads over: sections of one lesson, or lessons in the final test. */
  group: string;
  reread: SectionLink;
  /** Shown above it in Review when it is asked differently from the first time: what changed and why. */
  changed?: string;
}

const loading = new Map<string, Promise<LessonPool>>();

/**
 * Loads one lesson's quiz pool. The promise is cached (React's `use` needs the same one on every render);
 * a failed load is forgotten, so the next attempt downloads again.
 */
export function loadQuizPool(lessonId: string, components: MDXComponents): Promise<LessonPool> {
  const cached = loading.get(lessonId);
  if (cached) return cached;
  const loader = quizPools[lessonId];
  const promise = (
    loader ? loader() : Promise.reject(new Error(`The lesson "${lessonId}" has no quiz`))
  ).then((module) => {
    const content = withoutFragments(module.default({ components }) as ReactNode);
    const isPredict = (child: unknown) => isValidElement(child) && child.type === components.Predict;
    const read = extractPoolQuestions(content.filter((child) => !isPredict(child)));
    if (!read.ok) throw new Error(`The quiz of "${lessonId}" is broken: ${read.problems.join('; ')}`);
    const predictions = content.filter(isPredict).flatMap((child) => {
      const spec = readPredictProps((child as ReactElement<Record<string, unknown>>).props);
      return spec.ok ? [spec.value] : [];
    });
    return { lessonId, questions: read.questions, tableOfContents: module.tableOfContents, predictions };
  });
  promise.catch(() => loading.delete(lessonId));
  loading.set(lessonId, promise);
  return promise;
}

/** The elements of MDX content, with fragments opened up. */
function withoutFragments(content: ReactNode): ReactNode[] {
  return Children.toArray(content).flatMap((child) =>
    isValidElement<{ children?: ReactNode }>(child) && child.type === Fragment
      ? withoutFragments(child.props.children)
      : [child],
  );
}

const loadingAll = new Map<string, Promise<LessonPool[]>>();

/**
 * Every lesson's pool that exists, in the order given. Cached by the list of ids like loadQuizPool, since
 * React's `use` suspends again on every new promise.
 */
export function loadQuizPools(
  lessonIds: readonly string[],
  components: MDXComponents,
): Promise<LessonPool[]> {
  const ids = lessonIds.filter((id) => id in quizPools);
  const key = ids.join(' ');
  const cached = loadingAll.get(key);
  if (cached) return cached;
  const promise = Promise.all(ids.map((id) => loadQuizPool(id, components)));
  promise.catch(() => loadingAll.delete(key));
  loadingAll.set(key, promise);
  return promise;
}

/**
 * A question answered from the student's run of a simulation on its lesson's page: no other page (the final
 * test, Review) can ask it, so it is neither pooled there nor scheduled for review.
 */
export function isAboutARun(question: PoolQuestionSpec): boolean {
  return 'run' in question && question.run !== undefined;
}

/**
 * The pool questions of lessons as one quiz on `quizLessonId`'s page asks them. Questions of the quiz's own
 * lesson keep their ids; others are keyed `lesson-id/question-id`. A draw spreads over sections when the
 * pool is one lesson's, and over lessons when it is several.
 */
export function pooledQuestions(quizLessonId: string, pools: readonly LessonPool[]): PooledQuestion[] {
  const tocs = new Map(pools.map((pool) => [pool.lessonId, pool.tableOfContents]));
  return pools.flatMap(({ lessonId, questions }) =>
    questions
      .filter((question) => lessonId === quizLessonId || !isAboutARun(question))
      .map((question) => {
        const key = lessonId === quizLessonId ? question.id : `${lessonId}/${question.id}`;
        return {
          key,
          lessonId,
          questionId: question.id,
          question: { ...question, id: key },
          group: pools.length > 1 ? lessonId : question.section,
          reread: sectionLink(quizLessonId, lessonId, question.section, tocs),
        };
      }),
  );
}

/**
 * Where `section` (a heading id, or `other-lesson#heading-id`) of a question in `lessonId` points, seen
 * from the page of `pageLessonId`.
 */
export function sectionLink(
  pageLessonId: string,
  lessonId: string,
  section: string,
  tocs: ReadonlyMap<string, readonly TocEntry[]>,
): SectionLink {
  const [targetLessonId, headingId] = section.includes('#') ? section.split('#', 2) : [lessonId, section];
  const title = tocs.get(targetLessonId!)?.find((entry) => entry.id === headingId)?.title ?? headingId!;
  if (targetLessonId === pageLessonId) return { to: `#${headingId}`, label: `“${title}”` };
  const lessonTitle = findLesson(targetLessonId!)?.title ?? targetLessonId;
  return { to: `/lessons/${targetLessonId}#${headingId}`, label: `“${title}” in ${lessonTitle}` };
}
