import { Link } from 'react-router-dom';
import { courseTitle } from '../courseInfo.ts';

/** Unknown addresses, including lesson ids that don't exist. */
export function NotFoundPage({ missingLessonId }: { missingLessonId?: string }) {
  return (
    <section className="status-page" aria-labelledby="not-found-title">
      <title>{`Page not found · ${courseTitle}`}</title>
      <p className="eyebrow">Error 404</p>
      <h1 id="not-found-title">Page not found</h1>
      <p>
        {missingLessonId
          ? `There is no lesson called “${missingLessonId}”. It may have been renamed, or the link may be mistyped.`
          : 'Nothing lives at this address. The link may be mistyped or out of date.'}
      </p>
      <p>
        <Link to="/">Go to the list of lessons</Link>
      </p>
    </section>
  );
}
