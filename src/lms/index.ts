/**
 * Entry point of the LMS build (`npm run build:lms`): connects to the LMS that launched the course, if any, and
 * starts the bridge. Loaded only in that build, so the course on its own ships none of this.
 */
import { lessons } from '../course/lessons.ts';
import { courseStore } from '../store/index.ts';
import { connectCmi5 } from './cmi5.ts';
import { startLmsBridge } from './connection.ts';
import { connectScorm } from './scorm.ts';

/** How long the course waits for the LMS before showing itself anyway (progress then syncs when it answers). */
const connectTimeoutMs = 8000;

export async function connectToLms(window: Window): Promise<void> {
  const connecting = (async () => {
    const connection = connectScorm(window, () => Date.now()) ?? (await connectCmi5());
    if (connection) await startLmsBridge(courseStore, lessons, connection, window);
  })().catch((error: unknown) => {
    console.warn(
      'The LMS that launched the course could not be reached; progress is saved in this browser.',
      error,
    );
  });
  await Promise.race([connecting, new Promise((resolve) => setTimeout(resolve, connectTimeoutMs))]);
}
