import { describe, expect, it } from 'vitest';
import { remarkTableOfContents } from './remarkTableOfContents.ts';
import { createSlugger, slugify } from './slug.ts';

const text = (value: string) => ({ type: 'text', value });
const heading = (depth: number, ...children: object[]) => ({ type: 'heading', depth, children });

function run(children: object[]) {
  const tree = { type: 'root', children } as Parameters<ReturnType<typeof remarkTableOfContents>>[0];
  const file = {
    path: 'lessons/x.mdx',
    fail(reason: string): never {
      throw new Error(reason);
    },
  };
  remarkTableOfContents()(tree, file);
  return tree;
}

describe('slugify', () => {
  it('makes lowercase, hyphenated fragments', () => {
    expect(slugify('Why distribute a database?')).toBe('why-distribute-a-database');
    expect(slugify('  Café & CAP: a préview ')).toBe('cafe-cap-a-preview');
  });

  it('numbers repeated slugs and skips reserved ones', () => {
    const next = createSlugger(['quiz']);
    expect([next('Summary'), next('Summary'), next('Quiz'), next('???')]).toEqual([
      'summary',
      'summary-2',
      'quiz-2',
      'section',
    ]);
  });
});

describe('remarkTableOfContents', () => {
  it('gives ## and ### headings ids and exports them as tableOfContents', () => {
    const tree = run([
      heading(2, text('Why '), { type: 'emphasis', children: [text('distribute')] }),
      heading(3, { type: 'inlineCode', value: 'mongos' }, text(' routing')),
      heading(2, text('Quiz')),
      heading(4, text('Deep')),
    ]);
    const [exported, ...headings] = tree.children ?? [];
    expect(headings.map((node) => node.data?.hProperties?.id)).toEqual([
      'why-distribute',
      'mongos-routing',
      'quiz-2',
      'deep',
    ]);

    const declaration = (
      exported?.data?.estree as { body: [{ declaration: { declarations: [{ init: unknown }] } }] }
    ).body[0].declaration.declarations[0];
    expect(exported?.type).toBe('mdxjsEsm');
    expect(JSON.stringify(declaration)).toContain('"name":"tableOfContents"');
    expect(JSON.stringify(declaration.init)).toContain('"value":"mongos routing"');
  });

  it('fails on a # heading, which would duplicate the page title', () => {
    expect(() => run([heading(1, text('Title'))])).toThrow(/Use ## for sections/);
  });
});
