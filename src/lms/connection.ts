/**
 * The LMS bridge: when the course was launched by an LMS (SCORM 1.2, SCORM 2004 or cmi5), it resumes progress
 * the LMS kept, then watches the progress store and reports every change. The store itself does not know about
 * LMSs. Without an LMS nothing happens and the course runs as it does on its own.
 */
import type { LessonMeta } from '../course/lessonIndex.ts';
import { progressOf, type CourseStore } from '../store/createCourseStore.ts';
import { decodeProgress, encodeProgress, mergeProgress } from './compactProgress.ts';
import { courseReport, type CourseReport } from './courseReport.ts';

export interface LmsConnection {
  /** "SCORM 1.2", "SCORM 2004" or "cmi5", for messages. */
  kind: string;
  /** The compact progress saved in the LMS at the last session, if any. */
  savedProgress(): Promise<string | undefined>;
  save(compact: string, report: CourseReport): Promise<void>;
  /** Ends the session (the page is going away). */
  finish(): void;
}

export async function startLmsBridge(
  store: CourseStore,
  lessons: readonly LessonMeta[],
  connection: LmsConnection,
  window: Window,
): Promise<void> {
  const saved = decodeProgress((await connection.savedProgress()) ?? '');
  if (saved) store.getState().replaceProgress(mergeProgress(progressOf(store.getState()), saved));

  let lastSent = '';
  let sending = Promise.resolve();
  const send = () => {
    const progress = progressOf(store.getState());
    const compact = encodeProgress(progress);
    if (compact === lastSent) return;
    lastSent = compact;
    const report = courseReport(lessons, progress);
    sending = sending
      .then(() => connection.save(compact, report))
      .catch((error: unknown) => {
        lastSent = '';
        console.warn(
          `The ${connection.kind} LMS did not take the course's progress; it stays saved in this browser.`,
          error,
        );
      });
  };
  send();
  store.subscribe(send);
  window.addEventListener('pagehide', () => {
    send();
    connection.finish();
  });
  await sending;
}
