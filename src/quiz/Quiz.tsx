import { useContext, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { gradeQuiz, requiredToPass, type Answer, type QuizGrade } from '../course/grading.ts';
import { extractQuizSpec, type QuestionSpec, type QuizSpec } from '../course/quizSpec.ts';
import { bestAttempt, type QuizAttempt } from '../course/scores.ts';
import { seededShuffle } from '../course/shuffle.ts';
import { pageSectionIds } from '../course/tableOfContents.ts';
import { useCourse } from '../store/index.ts';
import { AuthorError } from './AuthorError.tsx';
import { answerFromDraft, emptyDraft, missingAnswerHint, type Draft } from './drafts.ts';
import { QuestionField } from './QuestionField.tsx';
import { QuizLessonContext, type QuizLesson } from './QuizLessonContext.ts';
import { useRunBoundQuestions } from './runBound.tsx';

const noAttempts: readonly QuizAttempt[] = [];

/**
 * A lesson's end-of-lesson quiz, written in MDX as <Quiz><Question …><Choice …/>…</Question></Quiz>.
 * It reads its children as data (extractQuizSpec) and renders the whole quiz itself.
 */
export function Quiz({ children }: { children?: ReactNode }) {
  const lesson = useContext(QuizLessonContext);
  const spec = extractQuizSpec(children);
  if (!lesson)
    return <AuthorError what="This quiz" problems={['A <Quiz> can only be used inside a lesson']} />;
  if (!spec.ok) return <AuthorError what="This quiz" problems={spec.problems} />;
  return <QuizForm spec={spec.spec} lesson={lesson} />;
}

function QuizForm({ spec, lesson }: { spec: QuizSpec; lesson: QuizLesson }) {
  const attempts = useCourse((state) => state.lessons[lesson.id]?.attempts) ?? noAttempts;
  const recordAttempt = useCourse((state) => state.recordAttempt);
  const [attemptNumber, setAttemptNumber] = useState(() => attempts.length + 1);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [grade, setGrade] = useState<QuizGrade | null>(null);
  const [unansweredIds, setUnansweredIds] = useState<readonly string[]>([]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const actionRef = useRef<HTMLButtonElement>(null);
  const idPrefix = useId();

  const runBound = useRunBoundQuestions(spec.questions);
  const { questions } = runBound;
  const required = requiredToPass(questions.length, lesson.passMark);
  const best = bestAttempt(attempts);
  const draftOf = (question: QuestionSpec) => drafts[question.id] ?? emptyDraft(question);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (grade) return;
    const answers: Record<string, Answer | undefined> = {};
    for (const question of questions) answers[question.id] = answerFromDraft(draftOf(question));
    const missing = questions
      .filter((question) => !answers[question.id] || runBound.notRun.includes(question.id))
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
    setGrade(result);
  };

  // Grading disables the inputs, which would drop keyboard focus; "Try again", right after the result, takes it.
  useEffect(() => {
    if (grade) actionRef.current?.focus();
  }, [grade]);

  const retake = () => {
    setAttemptNumber(attempts.length + 1);
    setDrafts({});
    setGrade(null);
    headingRef.current?.focus();
  };

  return (
    <section className="quiz" aria-labelledby={pageSectionIds.quiz}>
      <h2 id={pageSectionIds.quiz} ref={headingRef} tabIndex={-1}>
        Quiz
      </h2>
      <p className="quiz__rules">
        {questions.length} {questions.length === 1 ? 'question' : 'questions'} ·{' '}
        <strong>
          Pass: {required} of {questions.length} correct
        </strong>
      </p>
      {best && (
        <p className="quiz__best">
          Your best so far: {best.correct} of {best.total}
          {best.passed ? ' (passed)' : ''} · {attempts.length}{' '}
          {attempts.length === 1 ? 'attempt' : 'attempts'}
        </p>
      )}

      <form onSubmit={submit} noValidate>
        {questions.map((question, position) => (
          <QuestionField
            key={`${attemptNumber}:${question.id}`}
            question={question}
            number={position + 1}
            total={questions.length}
            shownChoices={
              question.kind === 'numeric'
                ? []
                : seededShuffle(question.choices, `${lesson.id}/${question.id}/attempt-${attemptNumber}`)
            }
            draft={draftOf(question)}
            onChange={(draft) => setDrafts((current) => ({ ...current, [question.id]: draft }))}
            verdict={grade?.correctById[question.id]}
            missingHint={
              unansweredIds.includes(question.id) && !answerFromDraft(draftOf(question))
                ? missingAnswerHint(question)
                : undefined
            }
            idPrefix={`${idPrefix}-${question.id}`}
            note={runBound.noticeFor(question)}
          />
        ))}

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
        <p>Read the explanation under each question, then try again. Choices are reshuffled each time.</p>
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
