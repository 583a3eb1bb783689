/**
 * The course as a SCORM sharable content object: finds the LMS's API in a parent frame or the opener (the
 * search of the SCORM run-time environment), resumes from cmi.suspend_data and reports each lesson as an
 * objective, plus the course's status and score. SCORM 1.2 (`window.API`) and 2004 (`window.API_1484_11`).
 */
import type { CourseReport, ReportStatus } from './courseReport.ts';
import type { LmsConnection } from './connection.ts';

interface Scorm12Api {
  LMSInitialize(arg: ''): string;
  LMSGetValue(key: string): string;
  LMSSetValue(key: string, value: string): string;
  LMSCommit(arg: ''): string;
  LMSFinish(arg: ''): string;
}

interface Scorm2004Api {
  Initialize(arg: ''): string;
  GetValue(key: string): string;
  SetValue(key: string, value: string): string;
  Commit(arg: ''): string;
  Terminate(arg: ''): string;
}

type ScormWindow = Window & { API?: Scorm12Api; API_1484_11?: Scorm2004Api };

/** How far up the frames to look; the SCORM run-time environment's own search stops at 7 (as does ADL's). */
const maxFrameDepth = 7;

function findInFrames<T>(start: Window, pick: (frame: ScormWindow) => T | undefined): T | undefined {
  const chains = [start, start.opener as Window | null];
  for (const first of chains) {
    let frame: Window | null = first;
    for (let depth = 0; frame && depth <= maxFrameDepth; depth += 1) {
      try {
        const found = pick(frame as ScormWindow);
        if (found) return found;
      } catch {
        // A frame from another origin: not the LMS's API.
      }
      if (frame.parent === frame) break;
      frame = frame.parent;
    }
  }
  return undefined;
}

/** The SCORM calls both versions share, under their own names and data model keys. */
interface Dialect {
  version: '1.2' | '2004';
  initialize(): boolean;
  get(key: string): string;
  set(key: string, value: string): void;
  commit(): void;
  finish(): void;
  suspendDataKey: string;
  writeCourse(report: CourseReport): void;
  writeObjective(index: number, status: ReportStatus, scorePercent: number | undefined): void;
  sessionTime(seconds: number): [key: string, value: string];
}

function scorm12(api: Scorm12Api): Dialect {
  const set = (key: string, value: string) => void api.LMSSetValue(key, value);
  const writeScore = (prefix: string, scorePercent: number | undefined) => {
    if (scorePercent === undefined) return;
    set(`${prefix}.score.raw`, String(scorePercent));
    set(`${prefix}.score.min`, '0');
    set(`${prefix}.score.max`, '100');
  };
  return {
    version: '1.2',
    initialize: () => api.LMSInitialize('') === 'true',
    get: (key) => api.LMSGetValue(key),
    set,
    commit: () => void api.LMSCommit(''),
    finish: () => void api.LMSFinish(''),
    suspendDataKey: 'cmi.suspend_data',
    writeCourse: (report) => {
      set('cmi.core.lesson_status', report.status === 'not attempted' ? 'incomplete' : report.status);
      writeScore('cmi.core', report.scorePercent);
      // Always "suspend": a passed student still comes back (review, retakes), and after an empty (normal)
      // exit SCORM 1.2 LMSs start a new attempt without the suspend_data, so the course would forget them.
      set('cmi.core.exit', 'suspend');
    },
    writeObjective: (index, status, scorePercent) => {
      set(`cmi.objectives.${index}.status`, status === 'not attempted' ? 'not attempted' : status);
      writeScore(`cmi.objectives.${index}`, scorePercent);
    },
    sessionTime: (seconds) => ['cmi.core.session_time', scorm12Duration(seconds)],
  };
}

function scorm2004(api: Scorm2004Api): Dialect {
  const set = (key: string, value: string) => void api.SetValue(key, value);
  const writeScore = (prefix: string, scorePercent: number | undefined) => {
    if (scorePercent === undefined) return;
    set(`${prefix}.score.scaled`, String(scorePercent / 100));
    set(`${prefix}.score.raw`, String(scorePercent));
    set(`${prefix}.score.min`, '0');
    set(`${prefix}.score.max`, '100');
  };
  const success = (status: ReportStatus) => (status === 'not attempted' ? 'unknown' : status);
  return {
    version: '2004',
    initialize: () => api.Initialize('') === 'true',
    get: (key) => api.GetValue(key),
    set,
    commit: () => void api.Commit(''),
    finish: () => void api.Terminate(''),
    suspendDataKey: 'cmi.suspend_data',
    writeCourse: (report) => {
      set('cmi.completion_status', report.completed ? 'completed' : 'incomplete');
      set('cmi.success_status', success(report.status));
      writeScore('cmi', report.scorePercent);
      set('cmi.exit', report.completed ? 'normal' : 'suspend');
    },
    writeObjective: (index, status, scorePercent) => {
      set(`cmi.objectives.${index}.success_status`, success(status));
      set(`cmi.objectives.${index}.completion_status`, status === 'passed' ? 'completed' : 'incomplete');
      writeScore(`cmi.objectives.${index}`, scorePercent);
    },
    sessionTime: (seconds) => ['cmi.session_time', `PT${Math.round(seconds)}S`],
  };
}

/** SCORM 1.2's CMITimespan: HHHH:MM:SS. */
export function scorm12Duration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(Math.floor(seconds / 3600), 4)}:${pad(Math.floor(seconds / 60) % 60, 2)}:${pad(seconds % 60, 2)}`;
}

/** Connects to a SCORM LMS if the page was launched by one; undefined otherwise. */
export function connectScorm(window: Window, clock: () => number): LmsConnection | undefined {
  const api2004 = findInFrames(window, (frame) => frame.API_1484_11);
  const api12 = api2004 ? undefined : findInFrames(window, (frame) => frame.API);
  const dialect = api2004 ? scorm2004(api2004) : api12 ? scorm12(api12) : undefined;
  if (!dialect || !dialect.initialize()) return undefined;
  const startedMs = clock();
  let finished = false;

  return {
    kind: `SCORM ${dialect.version}`,
    savedProgress: async () => dialect.get(dialect.suspendDataKey) || undefined,
    save: async (compact, report) => {
      dialect.set(dialect.suspendDataKey, compact);
      report.lessons.forEach((lesson, index) => {
        dialect.set(`cmi.objectives.${index}.id`, lesson.lessonId);
        dialect.writeObjective(index, lesson.status, lesson.scorePercent);
      });
      dialect.writeCourse(report);
      dialect.commit();
    },
    finish: () => {
      if (finished) return;
      finished = true;
      dialect.set(...dialect.sessionTime((clock() - startedMs) / 1000));
      dialect.finish();
    },
  };
}
