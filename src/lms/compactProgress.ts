/**
 * Progress in a compact form for an LMS to keep (SCORM 1.2's cmi.suspend_data holds at most 4,096 characters).
 *
 * Per lesson it keeps what the course shows and gates on: the first passing attempt (its date goes on the
 * certificate) and the best attempt, one entry when they are the same. Times are whole seconds in base 36.
 * The full history stays in the browser's own storage. Example:
 * `c1|Ada|replication|introduction:3,4,p,sxk9q0;replication:1,3,f,sxk9z4`.
 */
import type { ProgressData } from '../store/progressData.ts';
import { bestAttempt, type QuizAttempt } from '../course/scores.ts';

export const suspendDataLimitChars = 4096;

const formatTag = 'c1';
const nameLimitChars = 200;

export function encodeProgress(progress: ProgressData, limitChars = suspendDataLimitChars): string {
  const name = clean(progress.studentName).slice(0, nameLimitChars);
  const head = [formatTag, name, clean(progress.lastVisitedLessonId ?? '')].join('|');
  const lessons = Object.entries(progress.lessons).flatMap(([id, { attempts }]) =>
    attempts.length === 0 ? [] : [`${clean(id)}:${encodeLesson(attempts)}`],
  );
  // A course with very many lessons: keep the passes (they gate the next lesson), as many as fit.
  const kept = [...lessons];
  for (let i = kept.length - 1; i >= 0 && join(head, kept).length > limitChars; i -= 1) {
    if (!kept[i]!.includes(',p,')) kept.splice(i, 1);
  }
  while (join(head, kept).length > limitChars) kept.pop();
  return join(head, kept);
}

const join = (head: string, lessons: readonly string[]) => `${head}|${lessons.join(';')}`;

/** Reads `encodeProgress`'s output; undefined when the text is not in that form (e.g. empty suspend_data). */
export function decodeProgress(text: string): ProgressData | undefined {
  const [tag, name, lastVisited, lessonsPart] = text.split('|');
  if (tag !== formatTag || lessonsPart === undefined) return undefined;
  const lessons: ProgressData['lessons'] = {};
  for (const entry of lessonsPart.split(';').filter(Boolean)) {
    const [id, fields] = entry.split(':');
    const numbers = fields?.split(',') ?? [];
    if (!id || numbers.length === 0 || numbers.length % 4 !== 0) return undefined;
    const attempts: QuizAttempt[] = [];
    for (let i = 0; i < numbers.length; i += 4) {
      const [correct, total, passed, at] = numbers.slice(i, i + 4);
      const attempt = decodeAttempt(correct, total, passed, at);
      if (!attempt) return undefined;
      attempts.push(attempt);
    }
    lessons[id] = { attempts };
  }
  return { lessons, lastVisitedLessonId: lastVisited || null, studentName: name ?? '' };
}

/**
 * Progress from the LMS merged into progress in this browser: per lesson, the attempts of whichever side has
 * more of them (the same student on another computer may be ahead, or this browser may be), never losing a pass.
 */
export function mergeProgress(local: ProgressData, fromLms: ProgressData): ProgressData {
  const ids = new Set([...Object.keys(local.lessons), ...Object.keys(fromLms.lessons)]);
  const lessons: ProgressData['lessons'] = {};
  for (const id of ids) {
    const mine = local.lessons[id]?.attempts ?? [];
    const theirs = fromLms.lessons[id]?.attempts ?? [];
    const [more, fewer] = mine.length >= theirs.length ? [mine, theirs] : [theirs, mine];
    const lostPass = fewer.find((attempt) => attempt.passed && !more.some((other) => other.passed));
    lessons[id] = { attempts: lostPass ? [...more, lostPass] : more };
  }
  return {
    lessons,
    lastVisitedLessonId: local.lastVisitedLessonId ?? fromLms.lastVisitedLessonId,
    studentName: local.studentName || fromLms.studentName,
  };
}

/** The attempts kept for a lesson: the first pass and the best attempt (one entry when they are the same). */
function encodeLesson(attempts: readonly QuizAttempt[]): string {
  const best = bestAttempt(attempts)!;
  const firstPass = attempts.filter((attempt) => attempt.passed).sort((a, b) => a.at.localeCompare(b.at))[0];
  const kept = firstPass && firstPass !== best ? [firstPass, best] : [best];
  return kept
    .map((attempt) => {
      const seconds = Math.floor(Date.parse(attempt.at) / 1000).toString(36);
      return [attempt.correct, attempt.total, attempt.passed ? 'p' : 'f', seconds].join(',');
    })
    .join(',');
}

function decodeAttempt(
  correct: string | undefined,
  total: string | undefined,
  passed: string | undefined,
  at: string | undefined,
): QuizAttempt | undefined {
  const seconds = parseInt(at ?? '', 36);
  const [c, t] = [Number(correct), Number(total)];
  if (!Number.isInteger(c) || !Number.isInteger(t) || c < 0 || c > t || !Number.isFinite(seconds))
    return undefined;
  if (passed !== 'p' && passed !== 'f') return undefined;
  return { at: new Date(seconds * 1000).toISOString(), correct: c, total: t, passed: passed === 'p' };
}

/** Removes the separators the compact form uses, so a name such as "Ada | Lovelace" cannot break it. */
function clean(text: string): string {
  return text.replace(/[|;:,]/g, ' ');
}
