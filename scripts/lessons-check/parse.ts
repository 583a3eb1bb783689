/**
 * Parses a lesson the way the build does (remark with MDX, frontmatter and GFM) into an mdast tree with
 * source positions, without compiling or running anything.
 */
import type { Nodes, Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { VFileMessage } from 'vfile-message';
import type { OffsetProblem } from './problems.ts';

const parser = unified().use(remarkParse).use(remarkMdx).use(remarkFrontmatter).use(remarkGfm);

export type Parsed = { ok: true; tree: Root } | { ok: false; problem: OffsetProblem };

export function parseLesson(source: string): Parsed {
  try {
    const tree = parser.parse(source);
    unravel(tree);
    return { ok: true, tree };
  } catch (error) {
    if (!isFileMessage(error)) throw error;
    return { ok: false, problem: syntaxProblem(error, source) };
  }
}

function isFileMessage(error: unknown): error is VFileMessage {
  return error instanceof Error && 'reason' in error && 'ruleId' in error;
}

const fixes: Record<string, string> = {
  'end-tag-mismatch':
    'close the tag with its matching </Name>, or end it with /> if it wraps nothing (<Simulation … />)',
  'unexpected-closing-slash': 'remove the stray closing tag, or add the opening tag it closes',
  'unexpected-eof': 'finish the tag or { expression } that is still open at this point',
  'unexpected-lazy':
    'inside a > quote or a list item, indent every line of a tag the same way, or move the tag out',
  acorn:
    'fix the code between { and }; attribute values are plain literals: {3}, {-1}, {[1, 2]}, {{ r: 2 }}, {true}',
  'non-spread': 'only {...object} may stand in a tag without a name; write name={value} instead',
  'unexpected-empty-expression': 'put a value between the braces, or remove them',
};
const defaultFix =
  'in MDX, < starts a tag and { starts an expression: write &lt; and \\{ for the characters themselves';

/**
 * Where the parser stopped. A missing closing tag at the end of the file comes with no place, only the
 * opening tag's range in the message ("Expected a closing tag for `<Quiz>` (12:1-12:7) …"), so use that.
 */
function syntaxProblem(error: VFileMessage, source: string): OffsetProblem {
  const place = error.place && 'start' in error.place ? error.place.start : error.place;
  let offset = place?.offset;
  if (offset === undefined && place) offset = offsetOf(source, place.line, place.column);
  if (offset === undefined) {
    const inMessage = /\((\d+):(\d+)-\d+:\d+\)/.exec(error.reason);
    offset = inMessage ? offsetOf(source, Number(inMessage[1]), Number(inMessage[2])) : 0;
  }
  return {
    offset,
    message: `MDX syntax error: ${error.reason}`,
    fix: fixes[error.ruleId ?? ''] ?? defaultFix,
  };
}

function offsetOf(source: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current += 1) offset = source.indexOf('\n', offset) + 1;
  return offset + column - 1;
}

const isBlank = (node: Nodes) => node.type === 'text' && /^[\t\r\n ]*$/.test(node.value);

/**
 * Lines of tags (`<Choice>…</Choice>` on consecutive lines) parse as a paragraph of inline elements. The
 * MDX compiler unwraps such a paragraph into its elements (remark-mark-and-unravel in @mdx-js/mdx, not
 * exported), so the page never sees the paragraph; do the same here.
 */
function unravel(parent: Nodes): void {
  if (!('children' in parent)) return;
  const children: RootContent[] = [];
  for (const child of parent.children as RootContent[]) {
    const onlyTags =
      child.type === 'paragraph' &&
      child.children.some(
        (inner) => inner.type === 'mdxJsxTextElement' || inner.type === 'mdxTextExpression',
      ) &&
      child.children.every(
        (inner) => inner.type === 'mdxJsxTextElement' || inner.type === 'mdxTextExpression' || isBlank(inner),
      );
    if (onlyTags) {
      for (const inner of child.children) {
        if (inner.type === 'mdxJsxTextElement')
          children.push({ ...inner, type: 'mdxJsxFlowElement' } as RootContent);
        else if (inner.type === 'mdxTextExpression') children.push({ ...inner, type: 'mdxFlowExpression' });
      }
    } else children.push(child);
  }
  (parent as { children: RootContent[] }).children = children;
  for (const child of children) unravel(child);
}
