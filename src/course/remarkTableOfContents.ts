import { createSlugger } from './slug.ts';
import { pageSectionIds, type TocEntry } from './tableOfContents.ts';

/** The few mdast shapes this plugin reads; the full types live in @types/mdast. */
interface MdastNode {
  type: string;
  value?: string;
  depth?: number;
  children?: MdastNode[];
  data?: { hProperties?: Record<string, unknown>; [key: string]: unknown };
}

interface LessonFile {
  path?: string;
  fail(reason: string, place?: unknown): never;
}

/**
 * A remark plugin for lessons: gives every `##` and `###` heading a unique slug id and exports the list as
 * `export const tableOfContents: TocEntry[]`, so the lesson page can show its contents without parsing the DOM.
 * A `#` heading fails the build: the page already shows the lesson title as its only top-level heading.
 */
export function remarkTableOfContents() {
  return (tree: MdastNode, file: LessonFile) => {
    const nextSlug = createSlugger(Object.values(pageSectionIds));
    const entries: TocEntry[] = [];

    for (const node of tree.children ?? []) {
      if (node.type !== 'heading') continue;
      if (node.depth === 1) {
        file.fail(
          'Use ## for sections: the lesson page already shows the title from the frontmatter as its # heading',
          node,
        );
      }
      const title = textOf(node).trim();
      const id = nextSlug(title);
      node.data = { ...node.data, hProperties: { ...node.data?.hProperties, id } };
      if (node.depth === 2 || node.depth === 3) entries.push({ id, title, depth: node.depth });
    }

    tree.children?.unshift(exportConst('tableOfContents', entries));
  };
}

function textOf(node: MdastNode): string {
  if (typeof node.value === 'string') return node.value;
  return (node.children ?? []).map(textOf).join('');
}

/** An MDX ESM node for `export const name = value`, with the estree MDX compiles from. */
function exportConst(name: string, value: unknown): MdastNode {
  const declaration = {
    type: 'VariableDeclaration',
    kind: 'const',
    declarations: [{ type: 'VariableDeclarator', id: { type: 'Identifier', name }, init: toEstree(value) }],
  };
  const program = {
    type: 'Program',
    sourceType: 'module',
    body: [{ type: 'ExportNamedDeclaration', declaration, specifiers: [], source: null, attributes: [] }],
  };
  return { type: 'mdxjsEsm', value: '', data: { estree: program } };
}

function toEstree(value: unknown): unknown {
  if (Array.isArray(value)) return { type: 'ArrayExpression', elements: value.map(toEstree) };
  if (typeof value === 'object' && value !== null) {
    return {
      type: 'ObjectExpression',
      properties: Object.entries(value).map(([key, entry]) => ({
        type: 'Property',
        kind: 'init',
        key: { type: 'Identifier', name: key },
        value: toEstree(entry),
        computed: false,
        method: false,
        shorthand: false,
      })),
    };
  }
  return { type: 'Literal', value };
}
