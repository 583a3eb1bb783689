/**
 * Checks how lessons use components and code: only registered components (a misspelt one breaks the whole
 * lesson at run time), no imports, no code in {…}, quiz parts inside a quiz, and valid Callout and KeyTerm
 * attributes.
 */
import type { Root } from 'mdast';
import { calloutKinds, lessonComponentNames } from '../../src/mdx/componentNames.ts';
import { expressionOf, readAttributes, readExpression } from './literals.ts';
import { closest, type OffsetProblem } from './problems.ts';
import { isJsxElement, offsetOf, walk, type JsxElement } from './tree.ts';

const componentNames: readonly string[] = lessonComponentNames;
const quizParts = ['Question', 'Generated', 'Choice', 'Explain'];
/** Components whose attribute values are read and reported by their own checks (quiz.ts, simulation.ts). */
const checkedElsewhere = [...quizParts, 'Simulation'];

export function checkComponents(tree: Root): OffsetProblem[] {
  const problems: OffsetProblem[] = [];
  walk(tree, (node, ancestors) => {
    if (node.type === 'mdxjsEsm') {
      problems.push({
        offset: offsetOf(node),
        message: 'lessons do not import or export anything',
        fix: 'remove this line: every lesson component is available without an import (docs/authoring.md lists them)',
      });
    } else if (node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') {
      const expression = expressionOf(node.data?.estree ?? undefined);
      const read = expression && readExpression(expression);
      if (read && !read.ok)
        problems.push({ ...read.problem, message: `{${node.value.trim()}}: ${read.problem.message}` });
    } else if (isJsxElement(node) && node.name) {
      problems.push(...elementProblems(node, ancestors.filter(isJsxElement)));
    }
  });
  return problems;
}

function elementProblems(element: JsxElement, jsxAncestors: readonly JsxElement[]): OffsetProblem[] {
  const name = element.name!;
  const offset = offsetOf(element);
  const attributes = readAttributes(element.attributes);
  const problems = checkedElsewhere.includes(name) ? [] : attributes.problems;
  if (/^[a-z]/.test(name)) return problems;
  if (!componentNames.includes(name)) {
    const suggestion = closest(name, componentNames);
    return [
      ...problems,
      {
        offset,
        message: `<${name}> is not a lesson component, so the lesson would fail to render`,
        fix: `${suggestion ? `did you mean <${suggestion}>? ` : ''}the components are ${componentNames.join(', ')}; new ones are registered in src/mdx/components.tsx`,
      },
    ];
  }
  // A part inside a misplaced Question is reported once, with its Question.
  const inQuiz = jsxAncestors.some((ancestor) => ancestor.name === 'Quiz');
  const inQuestion = jsxAncestors.some((ancestor) => ancestor.name === 'Question');
  // A <Predict> shows its <Explain> with the outcome (src/predict/Predict.tsx).
  const explainsPrediction = name === 'Explain' && jsxAncestors.at(-1)?.name === 'Predict';
  if (quizParts.includes(name) && !inQuiz && !explainsPrediction) {
    if (inQuestion) return problems;
    return [
      ...problems,
      {
        offset,
        message: `<${name}> must be placed inside a <Quiz>${name === 'Explain' ? ' or directly inside a <Predict>' : ''}`,
        fix: "move it into the lesson's <Quiz> … </Quiz> block",
      },
    ];
  }
  if (name === 'Callout') {
    const kind = attributes.values.get('kind');
    if (kind !== undefined && !(calloutKinds as readonly unknown[]).includes(kind)) {
      problems.push({
        offset: offsetOf(attributes.nodes.get('kind')!),
        message: `<Callout kind=${JSON.stringify(kind)}> is not a kind of callout`,
        fix: `use one of ${calloutKinds.map((known) => `kind="${known}"`).join(', ')}, or leave kind out for a note`,
      });
    }
  }
  if (name === 'KeyTerm') {
    const term = attributes.values.get('term');
    const unreadable = attributes.nodes.has('term') && !attributes.values.has('term');
    if (!unreadable && (typeof term !== 'string' || term.trim() === '')) {
      problems.push({
        offset,
        message: '<KeyTerm> needs a term',
        fix: 'add term="…", the word being defined; the definition goes between the tags',
      });
    }
  }
  return problems;
}
