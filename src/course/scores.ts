/** One submitted quiz attempt. */
export interface QuizAttempt {
  /** When it was submitted, as an ISO 8601 timestamp. */
  at: string;
  correct: number;
  total: number;
  passed: boolean;
}

/** A student's progress on one lesson. */
export interface LessonProgress {
  attempts: QuizAttempt[];
}

export function hasPassed(attempts: readonly QuizAttempt[]): boolean {
  return attempts.some((attempt) => attempt.passed);
}

/** The attempt with the highest share of correct answers; the earliest one wins a tie. */
export function bestAttempt(attempts: readonly QuizAttempt[]): QuizAttempt | undefined {
  return attempts.reduce<QuizAttempt | undefined>(
    (best, attempt) => (!best || ratio(attempt) > ratio(best) ? attempt : best),
    undefined,
  );
}

/** When the lesson's quiz was first passed, or undefined if it never was. */
export function firstPassedAt(attempts: readonly QuizAttempt[]): string | undefined {
  return attempts
    .filter((attempt) => attempt.passed)
    .map((attempt) => attempt.at)
    .sort()[0];
}

function ratio(attempt: QuizAttempt): number {
  return attempt.total === 0 ? 0 : attempt.correct / attempt.total;
}
