/**
 * Checks every lesson: `npm run lessons:check [-- --lessons-dir DIR] [--public-dir DIR]`.
 * Prints every problem as file:line:column with the fix, and exits 1 if there is any.
 * The lessons folder defaults to COURSE_LESSONS_DIR, else lessons/ (as the build).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { checkLessons } from './lessons-check/checkLessons.ts';
import { formatProblems } from './lessons-check/problems.ts';

const usage = `Usage: npm run lessons:check [-- --lessons-dir DIR] [--public-dir DIR]

Checks every .mdx file in the lessons folder (default: $COURSE_LESSONS_DIR, else lessons/):
frontmatter, reading time, Sources lists, quizzes, <Simulation> scenarios and overrides, components,
links and images.
Images are looked up in the public folder (default: public/).`;

function main(argv: readonly string[]): number {
  const options = parseArgs(argv);
  if ('error' in options) {
    console.error(`lessons:check: ${options.error}\n\n${usage}`);
    return 2;
  }
  if (options.help) {
    console.log(usage);
    return 0;
  }
  const { lessonsDir, publicDir } = options;
  if (!existsSync(lessonsDir) || !statSync(lessonsDir).isDirectory()) {
    console.error(`lessons:check: there is no lessons folder at ${lessonsDir}`);
    return 2;
  }
  const files = readdirSync(lessonsDir)
    .filter((name) => name.endsWith('.mdx'))
    .sort();
  if (files.length === 0) {
    console.error(`lessons:check: no .mdx lessons in ${lessonsDir}`);
    return 1;
  }
  const lessons = files.map((name) => {
    const file = path.join(lessonsDir, name);
    return {
      file: path.relative(process.cwd(), file).split(path.sep).join('/'),
      source: readFileSync(file, 'utf8'),
    };
  });
  const problems = checkLessons(lessons, {
    publicFileExists: (urlPath) => {
      const file = path.join(publicDir, decodeURI(urlPath));
      return file.startsWith(path.resolve(publicDir)) && existsSync(file) && statSync(file).isFile();
    },
  });
  if (problems.length > 0) {
    console.error(formatProblems(problems));
    return 1;
  }
  console.log(`${lessons.length} ${lessons.length === 1 ? 'lesson' : 'lessons'} checked: no problems`);
  return 0;
}

function parseArgs(
  argv: readonly string[],
): { lessonsDir: string; publicDir: string; help: boolean } | { error: string } {
  let lessonsDir = process.env.COURSE_LESSONS_DIR || 'lessons';
  let publicDir = 'public';
  let help = false;
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s);
    if (flag === '--help' || flag === '-h') {
      help = true;
      continue;
    }
    if (flag !== '--lessons-dir' && flag !== '--public-dir') return { error: `unknown argument ${argv[i]}` };
    const value = inline ?? argv[++i];
    if (!value) return { error: `${flag} needs a folder` };
    if (flag === '--lessons-dir') lessonsDir = value;
    else publicDir = value;
  }
  return { lessonsDir: path.resolve(lessonsDir), publicDir: path.resolve(publicDir), help };
}

process.exitCode = main(process.argv.slice(2));
