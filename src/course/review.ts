/**
 * Spaced review: a question the student got wrong comes back after 1 day; each right answer in review
 * moves it to the next interval (3, 7, then 21 days), a wrong one starts it over at 1 day, and a right
 * answer at 21 days retires it. Days are calendar days in the student's local time, so "tomorrow" is
 * tomorrow wherever they are. Pure: the caller passes today.
 */

/** Days until a missed question is due again, by how many times in a row it has been answered in review. */
export const reviewIntervalsDays = [1, 3, 7, 21] as const;

/** A local calendar date, `YYYY-MM-DD`. */
export type LocalDate = string;

export interface ReviewItem {
  /** The lesson whose pool holds the question. */
  lessonId: string;
  questionId: string;
  /** Index into reviewIntervalsDays of the wait that ends on `dueOn`. */
  step: number;
  dueOn: LocalDate;
}

export function reviewKey(lessonId: string, questionId: string): string {
  return `${lessonId}/${questionId}`;
}

/** The student's local calendar date at `moment`. */
export function localDate(moment: Date): LocalDate {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;
}

/** `date` plus `days` calendar days. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  // Noon keeps a daylight-saving change from moving the result to another day.
  return localDate(new Date(year, month - 1, day + days, 12));
}

/** A question just missed (in a quiz or in review): due again after the first interval. */
export function scheduleMissed(lessonId: string, questionId: string, today: LocalDate): ReviewItem {
  return { lessonId, questionId, step: 0, dueOn: addDays(today, reviewIntervalsDays[0]) };
}

/** The item after a review answer, or undefined once it is answered right at the last interval. */
export function scheduleAfterReview(
  item: ReviewItem,
  correct: boolean,
  today: LocalDate,
): ReviewItem | undefined {
  if (!correct) return scheduleMissed(item.lessonId, item.questionId, today);
  const step = item.step + 1;
  const wait = reviewIntervalsDays[step];
  return wait === undefined ? undefined : { ...item, step, dueOn: addDays(today, wait) };
}

export function isDue(item: ReviewItem, today: LocalDate): boolean {
  return item.dueOn <= today;
}

/** Due items, the longest overdue first. */
export function dueItems(items: Readonly<Record<string, ReviewItem>>, today: LocalDate): ReviewItem[] {
  return Object.values(items)
    .filter((item) => isDue(item, today))
    .sort(
      (a, b) =>
        a.dueOn.localeCompare(b.dueOn) ||
        reviewKey(a.lessonId, a.questionId).localeCompare(reviewKey(b.lessonId, b.questionId)),
    );
}
