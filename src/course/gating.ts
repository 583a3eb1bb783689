import type { LessonMeta } from './lessonIndex.ts';
import { bestAttempt, firstPassedAt, hasPassed, type LessonProgress, type QuizAttempt } from './scores.ts';

/** The lesson facts gating needs. */
export type GatedLesson = Pick<LessonMeta, 'id' | 'title' | 'hasQuiz'>;

export type ProgressByLesson = Readonly<Record<string, LessonProgress | undefined>>;

export type LessonAccess =
  | { state: 'locked'; blockedBy: GatedLesson }
  | { state: 'available'; best?: QuizAttempt }
  | { state: 'passed'; best: QuizAttempt };

/**
 * Decides which lessons a student may open. A lesson unlocks once the quiz of the lesson before it is
 * passed; a lesson without a quiz does not hold back the next one. A locked lesson names the first quiz
 * still to pass. Instructor preview unlocks everything. `lessons` must be in course order.
 */
export function lessonAccess(
  lessons: readonly GatedLesson[],
  progress: ProgressByLesson,
  options: { preview: boolean },
): Map<string, LessonAccess> {
  const access = new Map<string, LessonAccess>();
  let firstUnpassedQuiz: GatedLesson | undefined;

  for (const lesson of lessons) {
    const attempts = progress[lesson.id]?.attempts ?? [];
    const best = bestAttempt(attempts);
    const passed = lesson.hasQuiz && hasPassed(attempts);

    if (firstUnpassedQuiz && !options.preview)
      access.set(lesson.id, { state: 'locked', blockedBy: firstUnpassedQuiz });
    else if (passed && best) access.set(lesson.id, { state: 'passed', best });
    else access.set(lesson.id, { state: 'available', best });

    if (!firstUnpassedQuiz && lesson.hasQuiz && !passed) firstUnpassedQuiz = lesson;
  }
  return access;
}

export interface CertificateStatus {
  eligible: boolean;
  /** Quizzes still to pass, in course order. */
  remaining: GatedLesson[];
  /** Each quiz and its best attempt, in course order. */
  scores: Array<{ lesson: GatedLesson; best: QuizAttempt | undefined }>;
  /** When the last outstanding quiz was first passed. */
  completedAt?: string;
}

/**
 * The certificate needs every quiz passed. The final test (frontmatter `final: true`) comes last, so in a
 * course with one, passing it is what unlocks the certificate; a course without one needs every quiz.
 */
export function certificateStatus(
  lessons: readonly GatedLesson[],
  progress: ProgressByLesson,
): CertificateStatus {
  const quizzes = lessons.filter((lesson) => lesson.hasQuiz);
  const attemptsOf = (lesson: GatedLesson) => progress[lesson.id]?.attempts ?? [];
  const remaining = quizzes.filter((lesson) => !hasPassed(attemptsOf(lesson)));
  const passedDates = quizzes.map((lesson) => firstPassedAt(attemptsOf(lesson)) ?? '').sort();
  return {
    eligible: remaining.length === 0,
    remaining,
    scores: quizzes.map((lesson) => ({ lesson, best: bestAttempt(attemptsOf(lesson)) })),
    completedAt: remaining.length === 0 ? passedDates.at(-1) || undefined : undefined,
  };
}

/** Share of quizzes passed, for the course progress bar. */
export function courseProgress(lessons: readonly GatedLesson[], progress: ProgressByLesson) {
  const quizzes = lessons.filter((lesson) => lesson.hasQuiz);
  const passed = quizzes.filter((lesson) => hasPassed(progress[lesson.id]?.attempts ?? [])).length;
  return { passed, total: quizzes.length };
}

/**
 * Where the home page's "Continue" leads: the last lesson visited while it is open and not yet passed, else
 * the first open lesson not yet passed (the next one after a passed quiz), else, with everything passed, the
 * last lesson visited or the first lesson.
 */
export function continueLesson<L extends GatedLesson>(
  lessons: readonly L[],
  access: ReadonlyMap<string, LessonAccess>,
  lastVisitedId: string | null,
): L | undefined {
  const lastVisited = lessons.find((lesson) => lesson.id === lastVisitedId);
  if (lastVisited && access.get(lastVisited.id)?.state === 'available') return lastVisited;
  const next = lessons.find((lesson) => access.get(lesson.id)?.state === 'available');
  if (next) return next;
  if (lastVisited && access.get(lastVisited.id)?.state !== 'locked') return lastVisited;
  return lessons[0];
}
