/** `npm run docs:objectives`: rewrites the lesson objectives in docs/instructors.md from the lessons' frontmatter. */
import path from 'node:path';
import { readCourse, sectionEnd, sectionStart, withObjectives } from './docs/lessonObjectives.ts';
import { rewriteGuide } from './docs/rewriteGuide.ts';

const lessons = readCourse(path.resolve(import.meta.dirname, '..'));
rewriteGuide(
  'docs:objectives',
  'docs/instructors.md',
  (guide) => withObjectives(guide, lessons),
  [sectionStart, sectionEnd],
  'lesson objectives',
);
