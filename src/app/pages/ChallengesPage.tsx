import { Link } from 'react-router-dom';
import { challenges } from '../../course/challenges/catalog.ts';
import { findLesson } from '../../course/lessons.ts';
import { describeAction } from '../../engine/core/faults.ts';
import { challengeStatus } from '../../store/challengesSlice.ts';
import { useCourse } from '../../store/index.ts';
import { courseTitle } from '../courseInfo.ts';
import '../../challenges/challenges.css';

const statusText = {
  'not tried': 'Not tried yet',
  tried: 'Tried, not solved yet',
  solved: 'Solved',
  explained: 'Given up: explained',
} as const;

/**
 * `/challenges`: every challenge in the course, lesson by lesson, with the student's status and, once
 * solved, the shrunk schedule. Challenges never lock or unlock anything.
 */
export default function ChallengesPage() {
  const records = useCourse((state) => state.challenges);
  const solved = challenges.filter((challenge) => records[challenge.id]?.solved).length;
  return (
    <section className="challenges-page" aria-labelledby="challenges-title">
      <title>{`Challenges · ${courseTitle}`}</title>
      <h1 id="challenges-title">Challenges</h1>
      <p>
        Break it yourself: each challenge gives you a cluster, a property it promises and a small budget of
        faults. Build a schedule that breaks the promise, and the course shrinks it to the few actions that
        matter. Some promises cannot be broken; those challenges teach why. Challenges are optional and never
        lock anything. You have solved {solved} of {challenges.length}.
      </p>
      <ol className="challenges-page__list">
        {challenges.map((challenge) => {
          const record = records[challenge.id];
          const lesson = findLesson(challenge.lesson);
          const shrunk = record?.solved?.shrunk;
          return (
            <li key={challenge.id} className="challenges-page__item">
              <h2>
                <Link to={`/lessons/${challenge.lesson}#challenge-${challenge.id}`}>{challenge.title}</Link>
              </h2>
              <p>
                {lesson ? `Lesson ${lesson.order}: ${lesson.title}` : challenge.lesson} ·{' '}
                {challenge.difficulty} · <strong>{statusText[challengeStatus(record)]}</strong>
              </p>
              {shrunk && (
                <p>
                  Your shrunk schedule:{' '}
                  {shrunk.map((action) => `${describeAction(action)} at ${action.at} ms`).join('; ')}
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
