/**
 * Creates a lesson from the template: `npm run new-lesson -- "Leader election" [--lessons-dir DIR]`.
 * Writes lessons/NN-leader-election.mdx after the other lessons and before the final test; never overwrites a lesson.
 */
import path from 'node:path';
import { createLesson } from './new-lesson/createLesson.ts';

const usage = `Usage: npm run new-lesson -- "Lesson title" [--lessons-dir DIR]

Creates NN-lesson-title.mdx in the lessons folder (default: $COURSE_LESSONS_DIR, else lessons/)
with the next order, an id made from the title, a section, a simulation and a quiz to replace.`;

function main(argv: readonly string[]): number {
  const words: string[] = [];
  let lessonsDir = process.env.COURSE_LESSONS_DIR || 'lessons';
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      console.log(usage);
      return 0;
    }
    if (arg === '--lessons-dir' || arg.startsWith('--lessons-dir=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (!value) return fail('--lessons-dir needs a folder');
      lessonsDir = value;
    } else if (arg.startsWith('-')) return fail(`unknown option ${arg}`);
    else words.push(arg);
  }
  const title = words.join(' ').trim();
  if (title === '') return fail('give the lesson a title');

  const created = createLesson(title, path.resolve(lessonsDir));
  if (!created.ok) {
    if (created.reason === 'bad-title') return fail(created.error);
    console.error(`new-lesson: ${created.error}`);
    return 1;
  }
  const file = path.relative(process.cwd(), created.file);
  const moved = created.movedFinal;
  const movedNote = moved
    ? `\nThe final test stays last: ${path.relative(process.cwd(), moved.from)} is now ${path.relative(process.cwd(), moved.to)} (order ${created.order + 1}).\n`
    : '';
  console.log(`Created ${file} (id "${created.id}", order ${created.order}).${movedNote}

Next:
  1. Write the lesson in ${file}: replace the summary, objectives, section, simulation and quiz.
  2. Preview it: npm start, then open /lessons/${created.id}?preview=instructor (edits reload as you save).
  3. Check it: npm run lessons:check
See docs/authoring.md for every component and scenario field.`);
  return 0;
}

function fail(problem: string): number {
  console.error(`new-lesson: ${problem}\n\n${usage}`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
