import type { Program } from 'estree';
import { describe, expect, it } from 'vitest';
import { expressionOf, readExpression } from './literals.ts';
import { parseLesson } from './parse.ts';

/** Reads the value of `{…}` in a one-line MDX document. */
function read(code: string) {
  const parsed = parseLesson(`{${code}}\n`);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  const node = parsed.tree.children[0];
  if (node?.type !== 'mdxFlowExpression') throw new Error(`expected an expression, got ${node?.type}`);
  return readExpression(expressionOf(node.data?.estree as Program)!);
}

describe('reading attribute values without running code', () => {
  it.each([
    ['"text"', 'text'],
    ['3', 3],
    ['-1.5', -1.5],
    ['+2', 2],
    ['true', true],
    ['null', null],
    ['`plain template`', 'plain template'],
    ['[1, "two", [3]]', [1, 'two', [3]]],
    ['{ r: 2, "w": -2, 3: "three", nested: { at: 0 } }', { r: 2, w: -2, 3: 'three', nested: { at: 0 } }],
  ])('reads %s', (code, value) => {
    expect(read(code)).toEqual({ ok: true, value });
  });

  it.each([
    ['2 + 3', 'code (BinaryExpression)', 1],
    ['nodes', 'the name nodes', 1],
    ['`n${1}`', 'a template literal with ${…}', 1],
    ['{ ...base, r: 2 }', 'a ...spread', 3],
    ['{ [key]: 1 }', 'a computed, shorthand or method property', 3],
    ['[1, makeFault()]', 'code (CallExpression)', 5],
    ['-x', 'code (UnaryExpression)', 1],
    ['/re/', 'code (Literal)', 1],
  ])('refuses %s, pointing at the part that is not plain', (code, what, offset) => {
    expect(read(code)).toEqual({
      ok: false,
      problem: expect.objectContaining({ offset, message: `must be a plain literal, but this is ${what}` }),
    });
  });
});
