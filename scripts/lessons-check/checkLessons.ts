/**
 * Checks every lesson the way the build and the page will read it, and reports every problem at once,
 * each with file:line:column, what is wrong and how to fix it. Pure apart from `publicFileExists`.
 */
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { crossLessonProblems, quizCountProblems } from '../../src/course/lessonIndex.ts';
import { remarkTableOfContents } from '../../src/course/remarkTableOfContents.ts';
import { pageSectionIds } from '../../src/course/tableOfContents.ts';
import { keyTermId } from '../../src/mdx/componentNames.ts';
import { checkBindings } from './bindings.ts';
import { checkChallenges } from './challenges.ts';
import { checkComponents } from './components.ts';
import { checkLessonFrontmatter, type FrontmatterCheck } from './frontmatter.ts';
import { checkLinks, type LinkTarget } from './links.ts';
import { parseLesson } from './parse.ts';
import { lineIndex, type LessonProblem, type OffsetProblem } from './problems.ts';
import { checkQuestionSections, checkQuizzes } from './quiz.ts';
import { readingTimeProblem } from './readingTime.ts';
import { checkSimulations } from './simulation.ts';
import { checkSteps } from './steps.ts';
import { checkSources } from './sources.ts';
import { elementsNamed, offsetOf } from './tree.ts';

export interface LessonSource {
  /** The path shown in problems, e.g. `lessons/01-introduction.mdx`. */
  file: string;
  source: string;
}

export interface CheckOptions {
  /** Whether `public/<path>` exists, for a URL path such as `/diagrams/ring.svg`. */
  publicFileExists: (urlPath: string) => boolean;
}

interface ReadLesson {
  lesson: LessonSource;
  frontmatter: FrontmatterCheck;
  tree?: Root;
  anchors?: Set<string>;
  problems: OffsetProblem[];
}

export function checkLessons(lessons: readonly LessonSource[], options: CheckOptions): LessonProblem[] {
  const read = lessons.map(readLesson);
  const targets: LinkTarget[] = read.flatMap(({ lesson, frontmatter, anchors }) =>
    frontmatter.identity.id
      ? [{ id: frontmatter.identity.id, fileName: fileNameOf(lesson.file), anchors }]
      : [],
  );

  const identities = read.flatMap(({ lesson, frontmatter }) =>
    frontmatter.identity.id !== undefined && frontmatter.identity.order !== undefined
      ? [
          {
            ...frontmatter.identity,
            id: frontmatter.identity.id,
            order: frontmatter.identity.order,
            file: lesson.file,
          },
        ]
      : [],
  );
  for (const problem of crossLessonProblems(identities)) {
    const lesson = read.find((candidate) => candidate.lesson.file === problem.file)!;
    lesson.problems.push({
      offset: lesson.frontmatter.fieldOffset(problem.field),
      message: problem.message,
      fix: crossLessonFixes[problem.field],
    });
  }

  for (const lesson of read) {
    if (!lesson.tree) continue;
    lesson.problems.push(
      ...checkLinks(lesson.tree, {
        lessons: targets,
        ownAnchors: lesson.anchors,
        publicFileExists: options.publicFileExists,
      }),
      ...checkQuestionSections(lesson.tree, { lessons: targets, ownAnchors: lesson.anchors ?? new Set() }),
    );
  }

  return read.flatMap(({ lesson, problems }) => {
    const locate = lineIndex(lesson.source);
    return [...problems]
      .sort((a, b) => a.offset - b.offset)
      .map(({ offset, message, fix }) => ({ file: lesson.file, ...locate(offset), message, fix }));
  });
}

const crossLessonFixes = {
  id: "give this lesson its own id (progress is saved under it, so change the newer lesson's)",
  order: 'give this lesson its own order; npm run new-lesson picks the next free one',
  final: 'mark only the last lesson of the course final: true, and remove final from the others',
} as const;

/** Everything that can be checked within one lesson, plus what other lessons need from it (id, anchors). */
function readLesson(lesson: LessonSource): ReadLesson {
  const frontmatter = checkLessonFrontmatter(lesson.source);
  const problems = [...frontmatter.problems];
  const parsed = parseLesson(lesson.source);
  if (!parsed.ok) return { lesson, frontmatter, problems: [...problems, parsed.problem] };

  const tree = parsed.tree;
  const headings = headingAnchors(tree, lesson);
  problems.push(
    ...headings.problems,
    ...checkComponents(tree),
    ...checkQuizzes(tree),
    ...checkSimulations(tree),
    ...checkSteps(tree),
    ...checkBindings(tree),
    ...checkSources(tree),
    ...checkChallenges(tree, frontmatter.identity.id, headings.ids),
  );
  const statedMinutes = frontmatter.frontmatter?.minutes;
  const readingTime =
    statedMinutes === undefined
      ? null
      : readingTimeProblem(tree, statedMinutes, frontmatter.fieldOffset('minutes'));
  if (readingTime) problems.push(readingTime);

  const quizzes = elementsNamed(tree, 'Quiz');
  for (const message of quizCountProblems(quizzes.length, frontmatter.identity.final)) {
    problems.push(
      quizzes.length > 1
        ? {
            offset: offsetOf(quizzes[1]!.element),
            message: `the lesson ${message}`,
            fix: 'merge the questions into one <Quiz> at the end of the lesson',
          }
        : {
            offset: frontmatter.fieldOffset('final'),
            message: `the lesson ${message}`,
            fix: 'add a <Quiz> at the end, or remove final: true',
          },
    );
  }

  const terms = elementsNamed(tree, 'KeyTerm').flatMap(({ element }) => {
    const term = element.attributes.find(
      (attribute) => attribute.type === 'mdxJsxAttribute' && attribute.name === 'term',
    );
    return typeof term?.value === 'string' ? [keyTermId(term.value)] : [];
  });
  const anchors = new Set([...headings.ids, ...terms, ...Object.values(pageSectionIds)]);
  return { lesson, frontmatter, tree, anchors, problems };
}

/**
 * Runs the build's own heading plugin on a copy of the tree: it gives headings their ids (link targets)
 * and rejects a `#` heading.
 */
function headingAnchors(tree: Root, lesson: LessonSource): { ids: string[]; problems: OffsetProblem[] } {
  const copy = structuredClone(tree);
  try {
    remarkTableOfContents()(copy as never, new VFile({ path: lesson.file, value: lesson.source }));
  } catch (error) {
    const place = (error as { place?: { start?: { offset?: number } } }).place;
    return {
      ids: [],
      problems: [
        {
          offset: place?.start?.offset ?? 0,
          message: (error as Error).message,
          fix: "use ## for the lesson's sections and ### below them",
        },
      ],
    };
  }
  const ids: string[] = [];
  for (const node of copy.children) {
    const id =
      node.type === 'heading' ? (node.data as { hProperties?: { id?: string } })?.hProperties?.id : undefined;
    if (id) ids.push(id);
  }
  return { ids, problems: [] };
}

function fileNameOf(file: string): string {
  return file.split('/').pop() ?? file;
}
