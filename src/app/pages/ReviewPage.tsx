import { Suspense, use, useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { isAnswerCorrect } from '../../course/grading.ts';
import { dueItems, localDate, reviewKey, type ReviewItem } from '../../course/review.ts';
import { hasPassed } from '../../course/scores.ts';
import { seededShuffle } from '../../course/shuffle.ts';
import { mdxComponents } from '../../mdx/components.tsx';
import { answerFromDraft, emptyDraft, missingAnswerHint, type Draft } from '../../quiz/drafts.ts';
import { useDrawnQuestions } from '../../quiz/generated.tsx';
import { loadQuizPools, pooledQuestions, type LessonPool, type PooledQuestion } from '../../quiz/pools.ts';
import { findLesson } from '../../course/lessons.ts';
import type { QuestionSpec } from '../../course/quizSpec.ts';
import { choiceFor } from '../../predict/spec.ts';
import { predictionReviewId, type PredictionProgress } from '../../store/predictionsSlice.ts';
import { QuestionField } from '../../quiz/QuestionField.tsx';
import { useCourse } from '../../store/index.ts';
import { courseTitle } from '../courseInfo.ts';

const dueDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });

/**
 * `/review`: the quiz questions the student got wrong, asked again 1, 3, 7 and 21 days later. Optional: it
 * never locks or unlocks anything.
 */
export function ReviewPage() {
  const items = useCourse((state) => state.review.items);
  // The due list is fixed when the page opens, so answering one question does not reshuffle the rest.
  const [today] = useState(() => localDate(new Date()));
  const [due] = useState(() => dueItems(items, today));
  const upcoming = Object.values(items)
    .filter((item) => item.dueOn > today)
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn));

  return (
    <section className="review-page" aria-labelledby="review-title">
      <title>{`Review · ${courseTitle}`}</title>
      <h1 id="review-title">Review</h1>
      <p className="review-page__lede">
        Questions and predictions you got wrong come back here after 1 day, then 3, 7 and 21 days while you
        keep answering them right; a wrong answer starts them over. Reviewing is optional and never locks
        anything.
      </p>
      {due.length === 0 ? (
        <p className="review-page__none">
          Nothing is due today.
          {upcoming[0]
            ? ` ${upcoming.length} ${upcoming.length === 1 ? 'question comes' : 'questions come'} back later; the next on ${formatDue(upcoming[0].dueOn)}.`
            : ' When you miss a quiz question, it will come back here the next day.'}{' '}
          <Link to="/">Back to the lessons</Link>
        </p>
      ) : (
        <Suspense fallback={<p className="loading">Loading the questions…</p>}>
          <ReviewSession due={due} today={today} />
        </Suspense>
      )}
    </section>
  );
}

function formatDue(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return dueDate.format(new Date(year, month - 1, day));
}

/** The due questions, one at a time. */
function ReviewSession({ due, today }: { due: readonly ReviewItem[]; today: string }) {
  const lessonIds = [...new Set(due.map((item) => item.lessonId))];
  const pools = use(loadQuizPools(lessonIds, mdxComponents));
  const predictions = useCourse((state) => state.predictions);
  const byKey = new Map(
    [...pooledQuestions('review', pools), ...missedPredictions(pools, predictions)].map((entry) => [
      reviewKey(entry.lessonId, entry.questionId),
      entry,
    ]),
  );
  // A question removed from its lesson since it was missed cannot be asked; it is skipped.
  const questions = due.flatMap((item) => byKey.get(reviewKey(item.lessonId, item.questionId)) ?? []);
  const [position, setPosition] = useState(0);

  const entry = questions[position];
  if (!entry)
    return (
      <p className="review-page__done" role="status">
        That was every question due today. <Link to="/">Back to the lessons</Link>
      </p>
    );
  return (
    <ReviewQuestion
      key={entry.key}
      entry={entry}
      number={position + 1}
      total={questions.length}
      seed={`review/${entry.key}/${today}`}
      onNext={() => setPosition((current) => current + 1)}
    />
  );
}

/**
 * Each missed prediction of the lessons, as a question: a fresh variant of the generated template the
 * <Predict> names (the same idea with new numbers, answered by a new run), or else the <Predict>'s own
 * question, answered by what the student's run measured when it reached the moment.
 */
function missedPredictions(pools: readonly LessonPool[], predictions: PredictionProgress): PooledQuestion[] {
  return pools.flatMap(({ lessonId, predictions: specs = [] }) =>
    specs.flatMap((spec): PooledQuestion[] => {
      const value = predictions[lessonId]?.made[spec.id]?.outcome?.value;
      if (value === undefined || value === null) return [];
      const questionId = predictionReviewId(spec.id);
      const title = findLesson(lessonId)?.title ?? lessonId;
      const reread = { to: `/lessons/${lessonId}`, label: `the simulation in “${title}”` };
      if (spec.variant)
        return [
          {
            key: reviewKey(lessonId, questionId),
            lessonId,
            questionId,
            question: {
              kind: 'generated' as const,
              id: reviewKey(lessonId, questionId),
              section: '',
              template: spec.variant,
            },
            group: lessonId,
            reread,
            changed: `You predicted “${spec.question}” in “${title}”, and your run showed otherwise. Here is the same idea with new numbers; a new run of the simulation decides the answer.`,
          },
        ];
      const base = {
        id: reviewKey(lessonId, questionId),
        section: '',
        prompt: `${spec.question} (About your run of the simulation in “${title}”: what did it show?)`,
      };
      const right = spec.kind === 'choice' ? choiceFor(spec.choices, value) : null;
      const question: QuestionSpec | null =
        spec.kind === 'number'
          ? typeof value === 'number'
            ? { ...base, kind: 'numeric', answer: value, tolerance: spec.tolerance, unit: spec.unit }
            : null
          : right === null
            ? null
            : {
                ...base,
                kind: 'single',
                choices: spec.choices.map((choice, index) => ({
                  index,
                  correct: index === right,
                  content: choice.label,
                })),
              };
      if (!question) return [];
      return [
        {
          key: question.id,
          lessonId,
          questionId,
          question,
          group: lessonId,
          reread,
        },
      ];
    }),
  );
}

function ReviewQuestion(props: {
  entry: PooledQuestion;
  number: number;
  total: number;
  seed: string;
  onNext: () => void;
}) {
  const { entry, number, total, seed, onNext } = props;
  // A generated question comes back as a fresh variant: its parameters are drawn from the review's seed.
  const drawn = useDrawnQuestions([entry.question], () => seed);
  const question = drawn.questions[0]!;
  const recordReviewAnswer = useCourse((state) => state.recordReviewAnswer);
  // Like the quiz, a review shows answers and explanations only for a lesson whose quiz is passed.
  const lessonPassed = useCourse((state) => hasPassed(state.lessons[entry.lessonId]?.attempts ?? []));
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(question));
  const [verdict, setVerdict] = useState<boolean | undefined>(undefined);
  const [missing, setMissing] = useState(false);
  const idPrefix = useId();

  const check = (event: FormEvent) => {
    event.preventDefault();
    if (verdict !== undefined) return onNext();
    const answer = answerFromDraft(draft);
    setMissing(!answer);
    if (!answer || drawn.pending.length > 0) return;
    const correct = isAnswerCorrect(question, answer);
    recordReviewAnswer(entry.lessonId, entry.questionId, correct);
    setVerdict(correct);
  };

  return (
    <form className="review" onSubmit={check} noValidate aria-label="Review question">
      <QuestionField
        question={question}
        number={number}
        total={total}
        shownChoices={question.kind === 'numeric' ? [] : seededShuffle(question.choices, seed)}
        draft={draft}
        onChange={setDraft}
        verdict={verdict}
        reveal={lessonPassed}
        reread={entry.reread}
        missingHint={missing && !answerFromDraft(draft) ? missingAnswerHint(question) : undefined}
        idPrefix={idPrefix}
        note={
          <>
            {entry.changed && <p className="question__hint question__changed">{entry.changed}</p>}
            {drawn.noticeFor(question)}
          </>
        }
      />
      <p className="review__result" aria-live="polite">
        {verdict === true && 'Right. It comes back after a longer wait, or retires after 21 days.'}
        {verdict === false && 'Not this time. It comes back tomorrow.'}
      </p>
      <div className="quiz__actions">
        <button type="submit" className="button button--primary">
          {verdict === undefined ? 'Check answer' : number < total ? 'Next question' : 'Finish'}
        </button>
      </div>
    </form>
  );
}
