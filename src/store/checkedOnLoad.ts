import { requiredToPass } from '../course/grading.ts';
import type { LessonMeta } from '../course/lessonIndex.ts';
import type { QuizAttempt } from '../course/scores.ts';
import type { ProgressData } from './progressData.ts';

/** The longest name the certificate takes (its input's maxLength). */
export const studentNameMaxLength = 80;
/** No quiz in the course asks more questions than this; an attempt claiming more is not one of ours. */
export const quizQuestionsMax = 50;
/** Another device's clock may run a little ahead; an attempt dated further in the future is not believed. */
const clockSkewMsMax = 24 * 60 * 60 * 1000;

export type LessonRules = Pick<LessonMeta, 'id' | 'passMark'>;

/**
 * Progress as loaded (saved in this browser, or imported from a file) is checked against the course before
 * the certificate or the gates read it. A local course cannot stop forgery, but it never shows a record that
 * contradicts itself: a pass is recomputed from the score and the lesson's pass mark (0 of 3 never passes),
 * attempts with no questions, more than any quiz asks or a date in the future are dropped, lessons the
 * course does not have are dropped, and the name is cut to what the name field accepts.
 */
export function checkedOnLoad(
  progress: ProgressData,
  lessons: readonly LessonRules[],
  now: Date,
): ProgressData {
  const rulesById = new Map(lessons.map((lesson) => [lesson.id, lesson]));
  const latest = now.getTime() + clockSkewMsMax;
  const checkedLessons = Object.fromEntries(
    Object.entries(progress.lessons).flatMap(([id, { attempts }]) => {
      const rules = rulesById.get(id);
      if (!rules) return [];
      const believable = attempts
        .filter((attempt) => believableAttempt(attempt, latest))
        .map((attempt) => ({
          ...attempt,
          passed: attempt.correct >= requiredToPass(attempt.total, rules.passMark),
        }));
      return [[id, { attempts: believable }]];
    }),
  );
  const ofCourseLessons = <T>(byLesson: Record<string, T> | undefined) =>
    byLesson ? Object.fromEntries(Object.entries(byLesson).filter(([id]) => rulesById.has(id))) : undefined;
  const predictions = ofCourseLessons(progress.predictions);
  const guidedSteps = ofCourseLessons(progress.guidedSteps);
  return {
    ...progress,
    lessons: checkedLessons,
    lastVisitedLessonId:
      progress.lastVisitedLessonId !== null && rulesById.has(progress.lastVisitedLessonId)
        ? progress.lastVisitedLessonId
        : null,
    studentName: progress.studentName.slice(0, studentNameMaxLength),
    ...(predictions ? { predictions } : {}),
    ...(guidedSteps ? { guidedSteps } : {}),
  };
}

function believableAttempt(attempt: QuizAttempt, latestMs: number): boolean {
  return (
    attempt.total > 0 &&
    attempt.total <= quizQuestionsMax &&
    attempt.correct <= attempt.total &&
    Date.parse(attempt.at) <= latestMs
  );
}
