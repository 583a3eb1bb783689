/** `npm run docs:objectives`: rewrites the lesson objectives in docs/instructors.md from the lessons' frontmatter. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readCourse, sectionEnd, sectionStart, withObjectives } from './docs/lessonObjectives.ts';

const root = path.resolve(import.meta.dirname, '..');
const guideFile = path.join(root, 'docs/instructors.md');
const updated = withObjectives(readFileSync(guideFile, 'utf8'), readCourse(root));
if (updated === undefined) {
  console.error(`docs:objectives: docs/instructors.md needs the lines\n  ${sectionStart}\n  ${sectionEnd}`);
  process.exitCode = 1;
} else {
  writeFileSync(guideFile, updated);
  console.log('docs/instructors.md: lesson objectives updated');
}
