import { Link } from 'react-router-dom';
import type { GatedLesson } from '../../course/gating.ts';
import type { LessonMeta } from '../../course/lessons.ts';
import { courseTitle } from '../courseInfo.ts';

/** Shown instead of a locked lesson. The lesson's chunk is never requested. */
export function LockedLessonPage({ lesson, blockedBy }: { lesson: LessonMeta; blockedBy: GatedLesson }) {
  return (
    <section className="status-page" aria-labelledby="locked-title">
      <title>{`Locked: ${lesson.title} · ${courseTitle}`}</title>
      <p className="eyebrow">Locked lesson</p>
      <h1 id="locked-title">“{lesson.title}” isn’t open yet</h1>
      <p>
        Lessons open one at a time. To open this one, first pass the quiz at the end of{' '}
        <Link to={`/lessons/${blockedBy.id}`}>{blockedBy.title}</Link>.
      </p>
      <p>
        <Link to="/">See all lessons</Link>
      </p>
    </section>
  );
}
