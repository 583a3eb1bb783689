/** What the course tells an LMS: each lesson's status and score, and the course's as a whole. */
import type { LessonMeta } from '../course/lessonIndex.ts';
import { bestAttempt, hasPassed } from '../course/scores.ts';
import type { ProgressData } from '../store/progressData.ts';

export type ReportStatus = 'not attempted' | 'failed' | 'passed';

export interface LessonReport {
  lessonId: string;
  title: string;
  status: ReportStatus;
  /** Best attempt's share of correct answers, 0 to 100, rounded; undefined before the first attempt. */
  scorePercent: number | undefined;
}

export interface CourseReport {
  lessons: LessonReport[];
  /** Passed once the final test is passed (the gates mean every lesson before it was passed too). */
  status: ReportStatus;
  /** The final test's best score, as the course's score. */
  scorePercent: number | undefined;
  /** Every lesson with a quiz has been passed. */
  completed: boolean;
}

export function courseReport(lessons: readonly LessonMeta[], progress: ProgressData): CourseReport {
  const reports = lessons
    .filter((lesson) => lesson.hasQuiz)
    .map((lesson): LessonReport => {
      const attempts = progress.lessons[lesson.id]?.attempts ?? [];
      const best = bestAttempt(attempts);
      return {
        lessonId: lesson.id,
        title: lesson.title,
        status: attempts.length === 0 ? 'not attempted' : hasPassed(attempts) ? 'passed' : 'failed',
        scorePercent: best && best.total > 0 ? Math.round((100 * best.correct) / best.total) : undefined,
      };
    });
  const finalId = lessons.find((lesson) => lesson.final)?.id;
  const finalReport = reports.find((report) => report.lessonId === finalId) ?? reports.at(-1);
  return {
    lessons: reports,
    status: finalReport?.status ?? 'not attempted',
    scorePercent: finalReport?.scorePercent,
    completed: reports.length > 0 && reports.every((report) => report.status === 'passed'),
  };
}
