import { describe, expect, it } from 'vitest';
import type { CourseReport } from './courseReport.ts';
import { connectScorm } from './scorm.ts';

/** A SCORM 1.2 API on the window, recording what the course sets. */
function scorm12Window() {
  const values = new Map<string, string>();
  const api = {
    LMSInitialize: () => 'true',
    LMSGetValue: (key: string) => values.get(key) ?? '',
    LMSSetValue: (key: string, value: string) => {
      values.set(key, value);
      return 'true';
    },
    LMSCommit: () => 'true',
    LMSFinish: () => 'true',
  };
  const window = { API: api, opener: null } as unknown as Window;
  (window as { parent: Window }).parent = window;
  return { window, values };
}

describe('SCORM 1.2', () => {
  it('exits with "suspend" after the course is passed, so a relaunch resumes', async () => {
    const { window, values } = scorm12Window();
    const connection = connectScorm(window, () => 0)!;
    const passed = {
      status: 'passed',
      scorePercent: 100,
      completed: true,
      lessons: [],
    } as unknown as CourseReport;
    await connection.save('compact', passed);
    expect(values.get('cmi.core.lesson_status')).toBe('passed');
    expect(values.get('cmi.core.exit')).toBe('suspend');
    expect(values.get('cmi.suspend_data')).toBe('compact');
  });
});
