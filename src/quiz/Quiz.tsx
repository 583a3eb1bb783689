import { useMDXComponents } from '@mdx-js/react';
import { Suspense, use, useContext, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { drawQuestions } from '../course/draw.ts';
import { gradeQuiz, requiredToPass, type Answer, type QuizGrade } from '../course/grading.ts';
import { lessons } from '../course/lessons.ts';
import { extractQuizSpec, type QuestionSpec, type QuizProps } from '../course/quizSpec.ts';
import { bestAttempt, hasPassed, type QuizAttempt } from '../course/scores.ts';
import { seededShuffle } from '../course/shuffle.ts';
import { pageSectionIds } from '../course/tableOfContents.ts';
import { useCourse } from '../store/index.ts';
import { AuthorError } from './AuthorError.tsx';
import { useDrawnQuestions } from './generated.tsx';
import { answerFromDraft, emptyDraft, missingAnswerHint, type Draft } from './drafts.ts';
import {
  isAboutARun,
  loadQuizPools,
  pooledQuestions,
  type LessonPool,
  type PooledQuestion,
} from './pools.ts';
import { QuestionField } from './QuestionField.tsx';
import { QuizLessonContext, type QuizLesson } from './QuizLessonContext.ts';
import { useRunBoundQuestions } from './runBound.tsx';

const noAttempts: readonly QuizAttempt[] = [];
const noKeys: readonly string[] = [];

/**
 * A lesson's end-of-lesson quiz, written in MDX as <Quiz draw={4}><Question …><Choice …/>…</Question></Quiz>.
 * It reads its children as data (extractQuizSpec): they are the pool, and each attempt asks `draw` of them.
 * The final test (`from="course"`) also draws from every other lesson's pool, loaded on demand.
 */
export function Quiz(props: QuizProps) {
  const lesson = useContext(QuizLessonContext);
  const spec = extractQuizSpec(props);
  if (!lesson)
    return <AuthorError what="This quiz" problems={['A <Quiz> can only be used inside a lesson']} />;
  if (!spec.ok) return <AuthorError what="This quiz" problems={spec.problems} />;
  const ownPool: LessonPool = {
    lessonId: lesson.id,
    questions: spec.spec.questions,
    tableOfContents: lesson.sections,
  };
  if (spec.spec.from !== 'course')
    return <QuizForm pool={pooledQuestions(lesson.id, [ownPool])} draw={spec.spec.draw} lesson={lesson} />;
  return (
    <Suspense fallback={<p className="loading">Loading the questions…</p>}>
      <CourseQuiz ownPool={ownPool} draw={spec.spec.draw} lesson={lesson} />
    </Suspense>
  );
}

/** The final test: its own questions and every other lesson's pool. */
function CourseQuiz({ ownPool, draw, lesson }: { ownPool: LessonPool; draw: number; lesson: QuizLesson }) {
  const components = useMDXComponents();
  const others = lessons.filter((other) => other.hasQuiz && other.id !== lesson.id).map((other) => other.id);
  const pools = use(loadQuizPools(others, components));
  return <QuizForm pool={pooledQuestions(lesson.id, [ownPool, ...pools])} draw={draw} lesson={lesson} />;
}

interface Attempt {
  number: number;
  questions: PooledQuestion[];
  /** Whether the quiz had been passed before this attempt: then grading shows the answers either way. */
  passedBefore: boolean;
}

function QuizForm({
  pool,
  draw,
  lesson,
}: {
  pool: readonly PooledQuestion[];
  draw: number;
  lesson: QuizLesson;
}) {
  const attempts = useCourse((state) => state.lessons[lesson.id]?.attempts) ?? noAttempts;
  const lastDraw = useCourse((state) => state.review.lastDraws[lesson.id]) ?? noKeys;
  const recordAttempt = useCourse((state) => state.recordAttempt);
  const recordGradedDraw = useCourse((state) => state.recordGradedDraw);
  const startAttempt = (number: number, previousKeys: readonly string[], passedBefore: boolean): Attempt => {
    const keys = drawQuestions({
      pool: pool.map(({ key, group }) => ({ id: key, group })),
      count: draw,
      seed: `${lesson.id}/attempt-${number}`,
      previousIds: previousKeys,
    });
    return { number, questions: pool.filter((entry) => keys.includes(entry.key)), passedBefore };
  };
  const [attempt, setAttempt] = useState(() =>
    startAttempt(attempts.length + 1, lastDraw, hasPassed(attempts)),
  );
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [grade, setGrade] = useState<QuizGrade | null>(null);
  const [unansweredIds, setUnansweredIds] = useState<readonly string[]>([]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const actionRef = useRef<HTMLButtonElement>(null);
  const idPrefix = useId();

  const drawn = useDrawnQuestions(
    attempt.questions.map((entry) => entry.question),
    (questionId) => `${lesson.id}/attempt-${attempt.number}/${questionId}`,
  );
  const runBound = useRunBoundQuestions(drawn.questions);
  const { questions } = runBound;
  const required = requiredToPass(questions.length, lesson.passMark);
  const best = bestAttempt(attempts);
  const draftOf = (question: QuestionSpec) => drafts[question.id] ?? emptyDraft(question);
  const reveal = grade !== null && (grade.passed || attempt.passedBefore);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (grade) return;
    const answers: Record<string, Answer | undefined> = {};
    for (const question of questions) answers[question.id] = answerFromDraft(draftOf(question));
    const missing = questions
      .filter(
        (question) =>
          !answers[question.id] ||
          runBound.notRun.includes(question.id) ||
          drawn.pending.includes(question.id),
      )
      .map((question) => question.id);
    setUnansweredIds(missing);
    if (missing.length > 0) return;

    const result = gradeQuiz(questions, answers, lesson.passMark);
    recordAttempt(lesson.id, {
      at: new Date().toISOString(),
      correct: result.correct,
      total: result.total,
      passed: result.passed,
    });
    recordGradedDraw({
      quizLessonId: lesson.id,
      questionKeys: attempt.questions.map((entry) => entry.key),
      answers: attempt.questions
        .filter((entry) => !isAboutARun(entry.question))
        .map((entry) => ({
          lessonId: entry.lessonId,
          questionId: entry.questionId,
          correct: result.correctById[entry.key] === true,
        })),
    });
    setGrade(result);
  };

  // Grading disables the inputs, which would drop keyboard focus; "Try again", right after the result, takes it.
  useEffect(() => {
    if (grade) actionRef.current?.focus();
  }, [grade]);

  const retake = () => {
    setAttempt(
      startAttempt(
        attempts.length + 1,
        attempt.questions.map((entry) => entry.key),
        hasPassed(attempts),
      ),
    );
    setDrafts({});
    setGrade(null);
    setUnansweredIds([]);
    headingRef.current?.focus();
  };

  return (
    <section className="quiz" aria-labelledby={pageSectionIds.quiz}>
      <h2 id={pageSectionIds.quiz} ref={headingRef} tabIndex={-1}>
        Quiz
      </h2>
      <p className="quiz__rules">
        {questions.length} {questions.length === 1 ? 'question' : 'questions'}, drawn from {pool.length} ·{' '}
        <strong>
          Pass: {required} of {questions.length} correct
        </strong>
      </p>
      <p className="quiz__how">
        Each attempt draws its own questions. If you don’t pass, you’ll see which answers were wrong and which
        section to reread; the right answers and their explanations open once you pass.
      </p>
      {best && (
        <p className="quiz__best">
          Your best so far: {best.correct} of {best.total}
          {best.passed ? ' (passed)' : ''} · {attempts.length}{' '}
          {attempts.length === 1 ? 'attempt' : 'attempts'}
        </p>
      )}

      <form onSubmit={submit} noValidate>
        {attempt.questions.map(({ reread }, position) => {
          const question = questions[position]!;
          return (
            <QuestionField
              key={`${attempt.number}:${question.id}`}
              question={question}
              number={position + 1}
              total={questions.length}
              shownChoices={
                question.kind === 'numeric'
                  ? []
                  : seededShuffle(question.choices, `${lesson.id}/${question.id}/attempt-${attempt.number}`)
              }
              draft={draftOf(question)}
              onChange={(draft) => setDrafts((current) => ({ ...current, [question.id]: draft }))}
              verdict={grade?.correctById[question.id]}
              reveal={reveal}
              reread={reread}
              missingHint={
                unansweredIds.includes(question.id) && !answerFromDraft(draftOf(question))
                  ? missingAnswerHint(question)
                  : undefined
              }
              idPrefix={`${idPrefix}-${question.id}`}
              note={runBound.noticeFor(question) ?? drawn.noticeFor(question)}
            />
          );
        })}

        {unansweredIds.length > 0 && !grade && (
          <p className="quiz__problem" role="alert">
            Answer every question before checking. Still unanswered:{' '}
            {unansweredIds
              .map((id) => `question ${questions.findIndex((question) => question.id === id) + 1}`)
              .join(', ')}
            .
          </p>
        )}

        <div className="quiz__result" aria-live="polite">
          {grade && <QuizResult grade={grade} next={lesson.next} />}
        </div>

        <div className="quiz__actions">
          <button
            ref={actionRef}
            type={grade ? 'button' : 'submit'}
            className="button button--primary"
            onClick={grade ? retake : undefined}
          >
            {grade ? 'Try again' : 'Check answers'}
          </button>
        </div>
      </form>

      {attempts.length > 0 && <AttemptHistory attempts={attempts} />}
    </section>
  );
}

function QuizResult({ grade, next }: { grade: QuizGrade; next: QuizLesson['next'] }) {
  return (
    <div className={`result ${grade.passed ? 'result--passed' : 'result--failed'}`}>
      <p className="result__score">
        You got {grade.correct} of {grade.total} right.{' '}
        {grade.passed ? 'You passed!' : `You need ${grade.required} to pass.`}
      </p>
      {grade.passed && next && (
        <p>
          The next lesson is open: <Link to={`/lessons/${next.id}`}>{next.title}</Link>
        </p>
      )}
      {!grade.passed && (
        <p>
          Each question marked ✗ names the section to reread. Try again asks a new draw of questions; the
          answers and explanations open once you pass.
        </p>
      )}
    </div>
  );
}

const attemptTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function AttemptHistory({ attempts }: { attempts: readonly QuizAttempt[] }) {
  return (
    <details className="attempts">
      <summary>Your attempts ({attempts.length})</summary>
      <ol>
        {attempts.map((attempt, index) => (
          <li key={index}>
            <time dateTime={attempt.at}>{attemptTime.format(new Date(attempt.at))}</time>: {attempt.correct}{' '}
            of {attempt.total}, {attempt.passed ? 'passed' : 'not passed'}
          </li>
        ))}
      </ol>
    </details>
  );
}
