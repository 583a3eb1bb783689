import { Link } from 'react-router-dom';
import { certificateStatus, continueLesson, courseProgress, type LessonAccess } from '../../course/gating.ts';
import { lessons, type LessonMeta } from '../../course/lessons.ts';
import { dueItems, localDate } from '../../course/review.ts';
import { useCourse } from '../../store/index.ts';
import { ProgressBar } from '../components/ProgressBar.tsx';
import { ProgressTools } from '../components/ProgressTools.tsx';
import { courseTitle } from '../courseInfo.ts';
import { useLessonAccess } from '../useLessonAccess.ts';

export function HomePage() {
  const access = useLessonAccess();
  const progress = useCourse((state) => state.lessons);
  const lastVisitedId = useCourse((state) => state.lastVisitedLessonId);
  const { passed, total } = courseProgress(lessons, progress);
  const certificate = certificateStatus(lessons, progress);
  const next = continueLesson(lessons, access, lastVisitedId);
  const reviewItems = useCourse((state) => state.review.items);
  const reviewDue = dueItems(reviewItems, localDate(new Date())).length;

  return (
    <>
      <title>{courseTitle}</title>
      <section className="hero" aria-labelledby="course-title">
        <h1 id="course-title">{courseTitle}</h1>
        <p className="hero__lede">
          How databases spread data across many machines, and what that costs. Each lesson explains one idea,
          lets you watch it happen in a simulated cluster, and ends with a short quiz that opens the next
          lesson.
        </p>
        <ProgressBar
          label="Course progress"
          value={passed}
          max={total}
          valueText={`${passed} of ${total} ${total === 1 ? 'quiz' : 'quizzes'} passed`}
        />
        {Object.keys(reviewItems).length > 0 && (
          <p className="hero__review">
            <Link to="/review">
              Review:{' '}
              {reviewDue === 0
                ? 'nothing due today'
                : `${reviewDue} ${reviewDue === 1 ? 'question' : 'questions'} due`}
            </Link>{' '}
            <span className="hero__review-note">(questions you missed, spaced out; optional)</span>
          </p>
        )}
        {next && (
          <p className="hero__continue">
            <Link className="button button--primary" to={`/lessons/${next.id}`}>
              {!lastVisitedId && passed === 0
                ? 'Start the course'
                : next.id === lastVisitedId
                  ? 'Continue where you left off'
                  : 'Continue with the next lesson'}
              : {next.title}
            </Link>
          </p>
        )}
      </section>

      <section aria-labelledby="lessons-heading">
        <h2 id="lessons-heading">Lessons</h2>
        <ol className="lesson-list">
          {lessons.map((lesson, index) => (
            <LessonCard key={lesson.id} lesson={lesson} number={index + 1} access={access.get(lesson.id)} />
          ))}
        </ol>
        <p className="certificate-teaser">
          {certificate.eligible ? (
            <>
              Every quiz is passed. <Link to="/certificate">Get your certificate</Link>.
            </>
          ) : (
            <>
              Pass every quiz to earn a <Link to="/certificate">certificate</Link>.
            </>
          )}
        </p>
      </section>

      <ProgressTools />
    </>
  );
}

function LessonCard({
  lesson,
  number,
  access,
}: {
  lesson: LessonMeta;
  number: number;
  access?: LessonAccess;
}) {
  const state = access?.state ?? 'available';
  return (
    <li className={`lesson-card lesson-card--${state}`}>
      <p className="lesson-card__meta">
        Lesson {number} · about {lesson.minutes} min{lesson.final ? ' · Final test' : ''}
      </p>
      <h3 className="lesson-card__title">
        {state === 'locked' ? lesson.title : <Link to={`/lessons/${lesson.id}`}>{lesson.title}</Link>}
      </h3>
      <p className="lesson-card__summary">{lesson.summary}</p>
      <p className="lesson-card__status">
        <LessonStatusText lesson={lesson} access={access} />
      </p>
    </li>
  );
}

function LessonStatusText({ lesson, access }: { lesson: LessonMeta; access?: LessonAccess }) {
  switch (access?.state) {
    case 'locked':
      return (
        <>
          <span className="badge badge--locked">Locked</span> Pass the quiz in “{access.blockedBy.title}”
          first.
        </>
      );
    case 'passed':
      return (
        <>
          <span className="badge badge--passed">✓ Passed</span> Best score {access.best.correct} of{' '}
          {access.best.total}
        </>
      );
    default:
      return (
        <>
          <span className="badge badge--available">Available</span>
          {lesson.hasQuiz
            ? access?.best
              ? ` Best so far ${access.best.correct} of ${access.best.total}`
              : ''
            : ' No quiz'}
        </>
      );
  }
}
