import { parse as parseYaml } from 'yaml';
import { checkFrontmatter, type LessonFrontmatter } from './frontmatter.ts';

/** What the app knows about a lesson without loading it: its frontmatter plus where it lives. */
export interface LessonMeta extends LessonFrontmatter {
  /** Path from the project root, e.g. `lessons/01-introduction.mdx`. */
  file: string;
  /** Whether the lesson ends with a quiz; lessons without one never lock the next lesson. */
  hasQuiz: boolean;
}

export interface LessonSource {
  file: string;
  source: string;
}

/** Thrown at build time; the message lists every problem, one per line, each starting with the file. */
export class LessonIndexError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Lesson problems found:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'LessonIndexError';
    this.problems = problems;
  }
}

/** The `---` YAML block a lesson starts with; group 1 is the YAML. */
export const frontmatterBlock = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * Reads and checks every lesson's frontmatter and returns the lessons in course order.
 * Throws a LessonIndexError naming each bad file and field, so a bad lesson fails the build.
 */
export function buildLessonIndex(sources: readonly LessonSource[]): LessonMeta[] {
  const problems: string[] = [];
  const lessons: LessonMeta[] = [];

  for (const { file, source } of sources) {
    const read = readLesson(file, source);
    if ('problems' in read) problems.push(...read.problems.map((problem) => `${file}: ${problem}`));
    else lessons.push(read.lesson);
  }
  problems.push(...crossLessonProblems(lessons).map(({ file, message }) => `${file}: ${message}`));
  if (problems.length > 0) throw new LessonIndexError(problems);

  return lessons.sort((a, b) => a.order - b.order);
}

function readLesson(file: string, source: string): { lesson: LessonMeta } | { problems: string[] } {
  const block = frontmatterBlock.exec(source);
  if (!block) return { problems: ['missing frontmatter: the file must start with a --- block'] };

  let data: unknown;
  try {
    data = parseYaml(block[1] ?? '');
  } catch (error) {
    return { problems: [`frontmatter is not valid YAML: ${(error as Error).message.split('\n')[0]}`] };
  }

  const checked = checkFrontmatter(data ?? {});
  if (!checked.ok) return { problems: checked.problems.map((problem) => problem.message) };

  const body = withoutCode(source.slice(block[0].length));
  const quizCount = body.match(/<Quiz[\s/>]/g)?.length ?? 0;
  const problems = quizCountProblems(quizCount, checked.frontmatter.final);
  if (problems.length > 0) return { problems };

  return { lesson: { ...checked.frontmatter, file, hasQuiz: quizCount === 1 } };
}

/** Removes fenced code, inline code and comments, so an example `<Quiz>` in a code block is not counted. */
function withoutCode(body: string): string {
  return body
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '')
    .replace(/`[^`\n]*`/g, '')
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, '');
}

/** The rules on a lesson's quizzes: at most one, and the final test must have one. */
export function quizCountProblems(quizCount: number, final: boolean | undefined): string[] {
  const problems: string[] = [];
  if (quizCount > 1) problems.push(`has ${quizCount} <Quiz> blocks; a lesson may have at most one`);
  if (final && quizCount === 0) problems.push('is marked final: true but has no <Quiz>');
  return problems;
}

/** A rule broken across lessons, reported against the frontmatter field of the file that breaks it. */
export interface CrossLessonProblem {
  file: string;
  field: 'id' | 'order' | 'final';
  message: string;
}

type LessonIdentity = Pick<LessonMeta, 'file' | 'id' | 'order' | 'final'>;

/** Ids and orders are unique; at most one lesson is the final test, and it comes last. */
export function crossLessonProblems(lessons: readonly LessonIdentity[]): CrossLessonProblem[] {
  const problems: CrossLessonProblem[] = [];
  const byId = new Map<string, LessonIdentity>();
  const byOrder = new Map<number, LessonIdentity>();
  for (const lesson of lessons) {
    const sameId = byId.get(lesson.id);
    if (sameId) {
      const message = `frontmatter field "id": "${lesson.id}" is already used by ${sameId.file}`;
      problems.push({ file: lesson.file, field: 'id', message });
    } else byId.set(lesson.id, lesson);

    const sameOrder = byOrder.get(lesson.order);
    if (sameOrder) {
      const message = `frontmatter field "order": ${lesson.order} is already used by ${sameOrder.file}`;
      problems.push({ file: lesson.file, field: 'order', message });
    } else byOrder.set(lesson.order, lesson);
  }

  const [firstFinal, ...otherFinals] = lessons.filter((lesson) => lesson.final);
  const lastOrder = Math.max(...lessons.map((lesson) => lesson.order));
  for (const lesson of otherFinals) {
    const message = `only one lesson may be marked final: true, and ${firstFinal!.file} already is`;
    problems.push({ file: lesson.file, field: 'final', message });
  }
  if (firstFinal && otherFinals.length === 0 && firstFinal.order !== lastOrder) {
    const message = 'the final test must come last, but another lesson has a higher "order"';
    problems.push({ file: firstFinal.file, field: 'final', message });
  }
  return problems;
}
