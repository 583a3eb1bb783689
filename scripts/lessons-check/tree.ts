/** Small helpers over the lesson's mdast tree. */
import type { Nodes, Parents, Root } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';

export type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;

export function isJsxElement(node: Nodes): node is JsxElement {
  return node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement';
}

export function offsetOf(node: { position?: { start: { offset?: number } } }): number {
  return node.position?.start.offset ?? 0;
}

/** Calls `visit` on every node, depth first in source order, with its ancestors (outermost first). */
export function walk(tree: Root, visit: (node: Nodes, ancestors: readonly Parents[]) => void): void {
  const go = (node: Nodes, ancestors: Parents[]) => {
    visit(node, ancestors);
    if ('children' in node) for (const child of node.children) go(child, [...ancestors, node]);
  };
  go(tree, []);
}

/** Every JSX element with the given name, in source order, with its ancestors. */
export function elementsNamed(
  tree: Root,
  name: string,
): { element: JsxElement; ancestors: readonly Parents[] }[] {
  const found: { element: JsxElement; ancestors: readonly Parents[] }[] = [];
  walk(tree, (node, ancestors) => {
    if (isJsxElement(node) && node.name === name) found.push({ element: node, ancestors });
  });
  return found;
}

/** The text of a node, as the student reads it. */
export function textOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'mdxFlowExpression')
    return node.value;
  return 'children' in node ? node.children.map((child) => textOf(child)).join('') : '';
}
