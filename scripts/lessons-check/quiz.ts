/**
 * Checks every <Quiz> with the course's own quiz rules (checkWrittenQuiz in src/course/quizSpec.ts), read
 * from the syntax tree instead of React elements, so each problem can point at its line.
 */
import type { Nodes, Root } from 'mdast';
import { checkWrittenQuiz, type QuizRole, type WrittenElement } from '../../src/course/quizSpec.ts';
import { expressionOf, readAttributes } from './literals.ts';
import type { OffsetProblem } from './problems.ts';
import { elementsNamed, isJsxElement, offsetOf, textOf, type JsxElement } from './tree.ts';

const roles: Record<string, QuizRole> = { Question: 'question', Choice: 'choice', Explain: 'explain' };

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
    const quizAt: At = { offset: offsetOf(quiz), attributeOffsets: new Map(), unreadable: new Set() };
    problems.push(...readProblems);
    const result = checkWrittenQuiz(elements, quizAt);
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
    children: role === 'question' ? quizChildren(node).map((child) => written(child, problems)) : [],
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
