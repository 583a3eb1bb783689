import { compile } from '@mdx-js/mdx';
import type { Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import { remarkTableOfContents } from './remarkTableOfContents.ts';

/**
 * Compiles a lesson's quiz pool on its own: a module whose default export, called as a plain function
 * with `{ components }`, returns the lesson's <Question> elements, and which exports the lesson's
 * `tableOfContents` (to name the section a question points at).
 *
 * The final test draws from every lesson's pool, and the Review page asks questions from any lesson; both
 * need the questions without downloading and rendering whole lessons. Unlike the lessons, this module is
 * compiled without the MDX provider, so calling it runs no hooks and renders nothing: the questions are
 * read as data by extractQuizSpec, as a lesson's own <Quiz> reads its children.
 */
export async function compileQuizPool(source: string, file: string): Promise<string> {
  const compiled = await compile(
    { path: file, value: source },
    {
      jsx: false,
      outputFormat: 'program',
      remarkPlugins: [remarkFrontmatter, remarkGfm, remarkTableOfContents, remarkKeepOnlyQuizQuestions],
    },
  );
  return String(compiled.value);
}

type FlowElement = Extract<RootContent, { type: 'mdxJsxFlowElement' }>;

/** Every <Predict> of the lesson, wherever it sits. */
function predictsIn(nodes: readonly RootContent[]): FlowElement[] {
  return nodes.flatMap((node) => {
    if (node.type === 'mdxJsxFlowElement' && node.name === 'Predict') return [node];
    return 'children' in node ? predictsIn(node.children as RootContent[]) : [];
  });
}

/**
 * Keeps the module's exports, the children of the lesson's <Quiz> and the lesson's <Predict> elements
 * (the Review page asks a missed prediction again); drops the rest of the lesson.
 */
function remarkKeepOnlyQuizQuestions() {
  return (tree: Root) => {
    const exports = tree.children.filter((node) => node.type === 'mdxjsEsm');
    const quiz = tree.children.find(
      (node): node is FlowElement => node.type === 'mdxJsxFlowElement' && node.name === 'Quiz',
    );
    tree.children = [...exports, ...((quiz?.children ?? []) as RootContent[]), ...predictsIn(tree.children)];
  };
}
