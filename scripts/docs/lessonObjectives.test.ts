import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { objectivesSection, readCourse, withObjectives } from './lessonObjectives.ts';

const root = path.resolve(import.meta.dirname, '../..');

describe('docs/instructors.md', () => {
  it('lists every lesson with the objectives in its frontmatter (npm run docs:objectives updates it)', () => {
    const guide = readFileSync(path.join(root, 'docs/instructors.md'), 'utf8');
    const lessons = readCourse(root);
    expect(
      withObjectives(guide, lessons),
      'docs/instructors.md is out of date with the lessons: run npm run docs:objectives',
    ).toBe(guide);
    for (const lesson of lessons)
      for (const objective of lesson.objectives) expect(guide).toContain(objective);
  });

  it('says which lesson is the final test and each pass mark', () => {
    const section = objectivesSection(readCourse(root));
    expect(section).toMatch(/final test: passing it unlocks the certificate/);
    expect(section).toMatch(/quiz pass mark 70%/);
  });
});
