/**
 * Reads JSX attribute values and {expressions} as plain data, without running any code: string, number,
 * boolean and null literals, negative numbers, arrays, objects with plain keys and template literals
 * without ${…}. Anything else is reported as not a plain literal rather than evaluated.
 */
import type { Expression, Node, Program, Property, SpreadElement } from 'estree';
import type { MdxJsxAttribute, MdxJsxExpressionAttribute } from 'mdast-util-mdx-jsx';
import type { OffsetProblem } from './problems.ts';

export type Read = { ok: true; value: unknown } | { ok: false; problem: OffsetProblem };

const plainLiteralFix =
  'write the value itself: "text", 3, -1, true, [1, 2], { r: 2, w: 2 } (no variables, calls or arithmetic)';

/** An estree node's start offset in the lesson source (MDX gives every node `start`). */
export function startOf(node: Node): number {
  return (node as Node & { start?: number }).start ?? node.range?.[0] ?? 0;
}

export function readExpression(node: Expression | SpreadElement): Read {
  switch (node.type) {
    case 'Literal':
      if (node.value instanceof RegExp || typeof node.value === 'bigint') break;
      return { ok: true, value: node.value };
    case 'UnaryExpression':
      if ((node.operator === '-' || node.operator === '+') && node.argument.type === 'Literal') {
        const value = node.argument.value;
        if (typeof value === 'number') return { ok: true, value: node.operator === '-' ? -value : value };
      }
      break;
    case 'TemplateLiteral':
      if (node.expressions.length === 0) return { ok: true, value: node.quasis[0]?.value.cooked ?? '' };
      break;
    case 'ArrayExpression': {
      const values: unknown[] = [];
      for (const element of node.elements) {
        if (element === null) return fail(startOf(node), 'a list with an empty slot ([1, , 2])');
        const read = readExpression(element);
        if (!read.ok) return read;
        values.push(read.value);
      }
      return { ok: true, value: values };
    }
    case 'ObjectExpression': {
      const object: Record<string, unknown> = {};
      for (const property of node.properties) {
        const key = plainKey(property);
        if (key === undefined) return fail(startOf(property), describe(property));
        const read = readExpression((property as Property).value as Expression);
        if (!read.ok) return read;
        object[key] = read.value;
      }
      return { ok: true, value: object };
    }
  }
  return fail(startOf(node), describe(node));
}

function plainKey(property: Property | SpreadElement): string | undefined {
  if (property.type !== 'Property' || property.kind !== 'init' || property.method || property.shorthand)
    return undefined;
  if (property.computed) return undefined;
  if (property.key.type === 'Identifier') return property.key.name;
  if (property.key.type === 'Literal' && ['string', 'number'].includes(typeof property.key.value))
    return String(property.key.value);
  return undefined;
}

function describe(node: Node): string {
  if (node.type === 'Identifier') return `the name ${node.name}`;
  if (node.type === 'TemplateLiteral') return 'a template literal with ${…}';
  if (node.type === 'SpreadElement') return 'a ...spread';
  if (node.type === 'Property') return 'a computed, shorthand or method property';
  return `code (${node.type})`;
}

function fail(offset: number, what: string): Read {
  return {
    ok: false,
    problem: { offset, message: `must be a plain literal, but this is ${what}`, fix: plainLiteralFix },
  };
}

/** The single expression of an MDX `{…}` program, or undefined when it holds only comments. */
export function expressionOf(program: Program | undefined): Expression | undefined {
  const statement = program?.body[0];
  return statement?.type === 'ExpressionStatement' ? statement.expression : undefined;
}

/** A JSX attribute's value: `name` alone is true, `name="text"` a string, `name={…}` a plain literal. */
export function readAttribute(attribute: MdxJsxAttribute): Read {
  const value = attribute.value;
  if (value === null || value === undefined) return { ok: true, value: true };
  if (typeof value === 'string') return { ok: true, value };
  const program = value.data?.estree as Program | undefined;
  const expression = expressionOf(program);
  const offset = attribute.position?.start.offset ?? 0;
  if (!expression) {
    return {
      ok: false,
      problem: {
        offset,
        message: `${attribute.name}={} has no value`,
        fix: 'put a value between the braces',
      },
    };
  }
  const read = readExpression(expression);
  if (read.ok) return read;
  return { ok: false, problem: { ...read.problem, message: `${attribute.name}: ${read.problem.message}` } };
}

/** The estree node of an attribute's value (for pointing inside it), if it is a {…} expression. */
export function attributeExpression(attribute: MdxJsxAttribute): Expression | undefined {
  const value = attribute.value;
  if (value === null || value === undefined || typeof value === 'string') return undefined;
  return expressionOf(value.data?.estree as Program | undefined);
}

/**
 * The node at `path` inside a literal (`faults[0].partition` → the partition array), or the deepest node
 * on the way there, so a problem with a nested field points at that field.
 */
export function nodeAtPath(node: Expression, path: readonly (string | number)[]): Node {
  const [head, ...rest] = path;
  if (head === undefined) return node;
  if (node.type === 'ArrayExpression' && typeof head === 'number') {
    const element = node.elements[head];
    return element && element.type !== 'SpreadElement' ? nodeAtPath(element, rest) : node;
  }
  if (node.type === 'ObjectExpression') {
    const property = node.properties.find(
      (candidate): candidate is Property => plainKey(candidate) === String(head),
    );
    if (!property) return node;
    return rest.length === 0 ? property : nodeAtPath(property.value as Expression, rest);
  }
  return node;
}

export type Attributes = {
  /** Readable attribute values by name. */
  values: Map<string, unknown>;
  /** Every attribute by name, readable or not (for locating problems). */
  nodes: Map<string, MdxJsxAttribute>;
  problems: OffsetProblem[];
};

/** Reads every attribute of a JSX element; spread attributes and non-literal values become problems. */
export function readAttributes(
  attributes: readonly (MdxJsxAttribute | MdxJsxExpressionAttribute)[],
): Attributes {
  const result: Attributes = { values: new Map(), nodes: new Map(), problems: [] };
  for (const attribute of attributes) {
    if (attribute.type === 'mdxJsxExpressionAttribute') {
      result.problems.push({
        offset: attribute.position?.start.offset ?? 0,
        message: 'a {...spread} of attributes cannot be checked',
        fix: 'write each attribute as name={value}',
      });
      continue;
    }
    result.nodes.set(attribute.name, attribute);
    const read = readAttribute(attribute);
    if (read.ok) result.values.set(attribute.name, read.value);
    else result.problems.push(read.problem);
  }
  return result;
}
