import {
  checkSavedProgress,
  migrateProgress,
  progressVersion,
  type CheckResult,
  type ProgressData,
} from './progressData.ts';

/** Marks a JSON file as this course's progress export. */
export const progressFileFormat = 'ddb-course-progress';

/** The contents of an exported progress file: the saved progress with its version, plus a format marker. */
export function progressFileContents(progress: ProgressData, exportedAt: Date): string {
  const file = {
    format: progressFileFormat,
    exportedAt: exportedAt.toISOString(),
    version: progressVersion,
    state: progress,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export function progressFileName(exportedAt: Date): string {
  return `${progressFileFormat}-${exportedAt.toISOString().slice(0, 10)}.json`;
}

/**
 * Reads an exported progress file, upgrading older versions. The problem, if any, says what is wrong in
 * words a student can act on.
 */
export function parseProgressFile(text: string): CheckResult<ProgressData> {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'the file is not valid JSON' };
  }
  if (
    typeof file !== 'object' ||
    file === null ||
    (file as { format?: unknown }).format !== progressFileFormat
  ) {
    return {
      ok: false,
      problem: `the file is not a progress export from this course (no "format": "${progressFileFormat}")`,
    };
  }
  const checked = checkSavedProgress(file);
  if (!checked.ok) return checked;
  return { ok: true, value: migrateProgress(checked.value.state, checked.value.version) };
}
