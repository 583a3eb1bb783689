/**
 * Checks every <Quiz> with the course's own quiz rules (checkWrittenQuiz in src/course/quizSpec.ts), read
 * from the syntax tree instead of React elements, so each problem can point at its line.
 */
import type { Nodes, Root } from 'mdast';
import { checkWrittenQuiz, type QuizRole, type WrittenElement } from '../../src/course/quizSpec.ts';
import type { LinkTarget } from './links.ts';
import { expressionOf, readAttribute, readAttributes } from './literals.ts';
import { closest, type OffsetProblem } from './problems.ts';
import { elementsNamed, isJsxElement, offsetOf, textOf, type JsxElement } from './tree.ts';

const roles: Record<string, QuizRole> = {
  Question: 'question',
  Generated: 'generated',
  Choice: 'choice',
  Explain: 'explain',
};

/** What a Markdown node becomes on the page, to name it the way the page's own check does. */
const htmlTags: Partial<Record<Nodes['type'], string>> = {
  paragraph: 'p',
  list: 'ul',
  blockquote: 'blockquote',
  code: 'pre',
  thematicBreak: 'hr',
  table: 'table',
  html: 'html',
};

/** A located quiz element: `at` is the element's offset, and its attributes' offsets for pointing at one. */
interface At {
  offset: number;
  attributeOffsets: ReadonlyMap<string, number>;
  /** Attributes whose values could not be read (already reported); rules about them are skipped. */
  unreadable: ReadonlySet<string>;
}

export function checkQuizzes(tree: Root): OffsetProblem[] {
  const problems: OffsetProblem[] = [];
  for (const { element: quiz } of elementsNamed(tree, 'Quiz')) {
    const readProblems: OffsetProblem[] = [];
    const elements = quizChildren(quiz).map((child) => written(child, readProblems));
    const quizAttributes = readAttributes(quiz.attributes);
    readProblems.push(...quizAttributes.problems);
    const quizAt: At = {
      offset: offsetOf(quiz),
      attributeOffsets: new Map([...quizAttributes.nodes].map(([name, node]) => [name, offsetOf(node)])),
      unreadable: new Set(
        [...quizAttributes.nodes.keys()].filter((name) => !quizAttributes.values.has(name)),
      ),
    };
    problems.push(...readProblems);
    const result = checkWrittenQuiz(elements, {
      props: Object.fromEntries(quizAttributes.values),
      at: quizAt,
    });
    if (result.ok) continue;
    for (const problem of result.problems) {
      if (problem.attribute && problem.at.unreadable.has(problem.attribute)) continue;
      const attributeOffset = problem.attribute
        ? problem.at.attributeOffsets.get(problem.attribute)
        : undefined;
      problems.push({
        offset: attributeOffset ?? problem.at.offset,
        message: problem.message,
        fix: problem.fix,
      });
    }
  }
  return problems;
}

/** Children that render something: comments ({/* … *\/}) and blank text render nothing. */
function quizChildren(parent: JsxElement): Nodes[] {
  return parent.children.filter((child) => {
    if (child.type === 'mdxFlowExpression' || child.type === 'mdxTextExpression')
      return expressionOf(child.data?.estree ?? undefined) !== undefined;
    if (child.type === 'text') return child.value.trim() !== '';
    return true;
  });
}

function written(node: Nodes, problems: OffsetProblem[]): WrittenElement<At> {
  const offset = offsetOf(node);
  if (!isJsxElement(node) || !node.name || !(node.name in roles)) {
    return {
      description: describe(node),
      props: {},
      content: null,
      children: [],
      at: { offset, attributeOffsets: new Map(), unreadable: new Set() },
    };
  }
  const role = roles[node.name]!;
  const attributes = readAttributes(node.attributes);
  problems.push(...attributes.problems);
  const unreadable = new Set([...attributes.nodes.keys()].filter((name) => !attributes.values.has(name)));
  const attributeOffsets = new Map(
    [...attributes.nodes].map(([name, attribute]) => [name, offsetOf(attribute)]),
  );
  return {
    role,
    description: `a <${node.name}>`,
    // An unreadable value stands in as a symbol: no rule accepts it, and problems about it are skipped.
    props: Object.fromEntries([
      ...attributes.values,
      ...[...unreadable].map((name) => [name, Symbol(name)] as const),
    ]),
    content: null,
    children:
      role === 'question' || role === 'generated'
        ? quizChildren(node).map((child) => written(child, problems))
        : [],
    at: { offset, attributeOffsets, unreadable },
  };
}

function describe(node: Nodes): string {
  if (isJsxElement(node)) return node.name ? `a <${node.name}>` : 'a <>…</> fragment';
  if (node.type === 'heading') return `a <h${node.depth}>`;
  const tag = htmlTags[node.type];
  if (tag) return `a <${tag}>`;
  return `the text "${textOf(node).trim().slice(0, 40)}"`;
}

/**
 * Checks that each question's section names a section that exists: a heading or term id of this lesson, or
 * `lesson-id#id` of another lesson. A missing section is checkQuizzes' to report.
 */
export function checkQuestionSections(
  tree: Root,
  context: { ownAnchors: ReadonlySet<string>; lessons: readonly LinkTarget[] },
): OffsetProblem[] {
  const problems: OffsetProblem[] = [];
  for (const { element: quiz } of elementsNamed(tree, 'Quiz')) {
    for (const question of quiz.children) {
      if (!isJsxElement(question) || (question.name !== 'Question' && question.name !== 'Generated'))
        continue;
      const attribute = question.attributes.find(
        (candidate) => candidate.type === 'mdxJsxAttribute' && candidate.name === 'section',
      );
      const read = attribute?.type === 'mdxJsxAttribute' ? readAttribute(attribute) : undefined;
      if (!read?.ok || typeof read.value !== 'string' || read.value.trim() === '') continue;
      const problem = sectionProblem(read.value, context);
      if (problem) problems.push({ offset: offsetOf(attribute!), ...problem });
    }
  }
  return problems;
}

function sectionProblem(
  section: string,
  context: { ownAnchors: ReadonlySet<string>; lessons: readonly LinkTarget[] },
): Omit<OffsetProblem, 'offset'> | undefined {
  const [lessonId, anchor] = section.includes('#') ? section.split('#', 2) : [undefined, section];
  const lesson =
    lessonId === undefined ? undefined : context.lessons.find((target) => target.id === lessonId);
  if (lessonId !== undefined && !lesson) {
    const suggestion = closest(
      lessonId,
      context.lessons.map((target) => target.id),
    );
    return {
      message: `section="${section}": there is no lesson with the id "${lessonId}"`,
      fix: suggestion ? `did you mean "${suggestion}#${anchor}"?` : "use an id from a lesson's frontmatter",
    };
  }
  const anchors = lesson ? lesson.anchors : context.ownAnchors;
  if (!anchors || anchors.has(anchor!)) return undefined;
  const suggestion = closest(anchor!, [...anchors]);
  return {
    message: `section="${section}": ${lesson ? `lesson "${lessonId}"` : 'this lesson'} has no heading or term with the id "${anchor}"`,
    fix: suggestion
      ? `did you mean "${lessonId ? `${lessonId}#` : ''}${suggestion}"?`
      : 'use the id of a ## or ### heading (its title in lower case, with - for spaces)',
  };
}
