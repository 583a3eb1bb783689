import { MDXProvider } from '@mdx-js/react';
import { Suspense, use, useEffect } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import type { LessonAccess } from '../../course/gating.ts';
import { findLesson, forgetLessonLoad, lessons, loadLesson, type LessonMeta } from '../../course/lessons.ts';
import { pageSectionIds, type TocEntry } from '../../course/tableOfContents.ts';
import { mdxComponents } from '../../mdx/components.tsx';
import { QuizLessonContext } from '../../quiz/QuizLessonContext.ts';
import { useCourse } from '../../store/index.ts';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { LessonLoadError } from '../components/LessonLoadError.tsx';
import { useLessonAccess } from '../useLessonAccess.ts';
import { LockedLessonPage } from './LockedLessonPage.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';

/** `/lessons/:lessonId`: the lesson, or why it is locked (without loading it), or a 404. */
export function LessonPage() {
  const { lessonId = '' } = useParams();
  const access = useLessonAccess();
  const lesson = findLesson(lessonId);
  const lessonAccess = lesson && access.get(lesson.id);

  if (!lesson || !lessonAccess) return <NotFoundPage missingLessonId={lessonId} />;
  if (lessonAccess.state === 'locked')
    return <LockedLessonPage lesson={lesson} blockedBy={lessonAccess.blockedBy} />;
  return <LessonView key={lesson.id} lesson={lesson} access={access} />;
}

function LessonView({ lesson, access }: { lesson: LessonMeta; access: ReadonlyMap<string, LessonAccess> }) {
  const markVisited = useCourse((state) => state.markVisited);
  const position = lessons.indexOf(lesson);
  const previous = lessons[position - 1];
  const next = lessons[position + 1];

  useEffect(() => markVisited(lesson.id), [lesson.id, markVisited]);

  return (
    <article className="lesson">
      <title>{`${lesson.title} · Distributed Databases, Live`}</title>
      <header className="lesson__header">
        <p className="eyebrow">
          Lesson {position + 1} of {lessons.length} · about {lesson.minutes} minutes
          {lesson.final ? ' · Final test' : ''}
        </p>
        <h1>{lesson.title}</h1>
        <p className="lesson__summary">{lesson.summary}</p>
        <section className="objectives" aria-labelledby={pageSectionIds.objectives}>
          <h2 id={pageSectionIds.objectives}>In this lesson you will</h2>
          <ul>
            {lesson.objectives.map((objective) => (
              <li key={objective}>{objective}</li>
            ))}
          </ul>
        </section>
      </header>

      <ErrorBoundary
        fallback={(retry, error) => (
          <LessonLoadError
            error={error}
            retry={() => {
              forgetLessonLoad(lesson.id);
              retry();
            }}
          />
        )}
      >
        <Suspense fallback={<p className="loading">Loading the lesson…</p>}>
          <LessonContent lesson={lesson} next={next} />
        </Suspense>
      </ErrorBoundary>

      <nav className="pager" aria-label="Lessons">
        {previous ? (
          <Link className="pager__link pager__link--previous" to={`/lessons/${previous.id}`} rel="prev">
            <span className="pager__direction">Previous</span>
            <span className="pager__title">{previous.title}</span>
          </Link>
        ) : (
          <Link className="pager__link pager__link--previous" to="/">
            <span className="pager__direction">Back to</span>
            <span className="pager__title">All lessons</span>
          </Link>
        )}
        {next && <NextLink next={next} access={access.get(next.id)} />}
      </nav>
    </article>
  );
}

function NextLink({ next, access }: { next: LessonMeta; access?: LessonAccess }) {
  const locked = access?.state === 'locked';
  return (
    <Link className="pager__link pager__link--next" to={`/lessons/${next.id}`} rel="next">
      <span className="pager__direction">Next{locked ? ' (locked until you pass this quiz)' : ''}</span>
      <span className="pager__title">{next.title}</span>
    </Link>
  );
}

/** The lesson's own chunk, loaded on demand; suspends until it arrives. */
function LessonContent({ lesson, next }: { lesson: LessonMeta; next?: LessonMeta }) {
  const { default: Content, tableOfContents } = use(loadLesson(lesson));
  const { hash } = useLocation();
  const contents: TocEntry[] = lesson.hasQuiz
    ? [...tableOfContents, { id: pageSectionIds.quiz, title: 'Quiz', depth: 2 }]
    : tableOfContents;

  // The browser could not jump to a #section before the lesson arrived; do it now.
  useEffect(() => {
    if (hash) document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
  }, [hash]);

  return (
    <div className="lesson__layout">
      {contents.length > 0 && <TableOfContents entries={contents} />}
      <div className="lesson__body prose">
        <QuizLessonContext
          value={{
            id: lesson.id,
            passMark: lesson.passMark,
            next: next && { id: next.id, title: next.title },
            sections: tableOfContents,
          }}
        >
          <MDXProvider components={mdxComponents}>
            <Content />
          </MDXProvider>
        </QuizLessonContext>
      </div>
    </div>
  );
}

function TableOfContents({ entries }: { entries: readonly TocEntry[] }) {
  return (
    <nav className="toc" aria-labelledby={pageSectionIds.tableOfContents}>
      <h2 id={pageSectionIds.tableOfContents} className="toc__heading">
        On this page
      </h2>
      <ol>
        {entries.map((entry) => (
          <li key={entry.id} className={`toc__item toc__item--depth-${entry.depth}`}>
            <a href={`#${entry.id}`}>{entry.title}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
