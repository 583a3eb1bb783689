/**
 * Checks every <Simulation> and <Compare> with the embed's own prop validation (validateProps in
 * src/sim/props.ts, which resolves the scenario with the engine's resolveScenario), so a lesson that passes
 * here also starts in the browser; problems point at the prop, or inside it, that causes them.
 */
import type { Root } from 'mdast';
import { resolveScenario } from '../../src/engine/catalog/resolve.ts';
import { scenarios } from '../../src/engine/catalog/registry.ts';
import type { ScenarioInput } from '../../src/engine/core/schema.ts';
import { displayPropNames, overrideProps, validateProps } from '../../src/sim/props.ts';
import { attributeExpression, nodeAtPath, readAttributes, startOf, type Attributes } from './literals.ts';
import { closest, type OffsetProblem } from './problems.ts';
import { elementsNamed, offsetOf, type JsxElement } from './tree.ts';

/** The embed's display props (title, views, speed…), as src/sim/props.ts validates them. */
export const simulationDisplayProps: readonly string[] = displayPropNames;

/** Props that override a field of the scenario (`nodes={5}`, `params={{ w: 2 }}`, `faults={[…]}`). */
export const scenarioOverrideProps: readonly string[] = overrideProps;

const simulationProps = ['scenario', ...simulationDisplayProps, ...scenarioOverrideProps, 'compare'];
const compareProps = ['scenario', 'left', 'right', ...simulationDisplayProps, ...scenarioOverrideProps];

type Props = Record<string, unknown>;
type Locate = (path: (string | number)[]) => number;

export function checkSimulations(tree: Root): OffsetProblem[] {
  return [
    ...elementsNamed(tree, 'Simulation').flatMap(({ element }) => checkEmbed(element, simulationProps)),
    ...elementsNamed(tree, 'Compare').flatMap(({ element }) => checkEmbed(element, compareProps)),
  ];
}

function checkEmbed(element: JsxElement, allowed: readonly string[]): OffsetProblem[] {
  const name = element.name!;
  const attributes = readAttributes(element.attributes);
  const problems = [...attributes.problems];
  for (const [prop, attribute] of attributes.nodes) {
    if (allowed.includes(prop)) continue;
    const suggestion = closest(prop, allowed);
    problems.push({
      offset: offsetOf(attribute),
      message: `<${name}> has no prop "${prop}"`,
      fix: `${suggestion ? `did you mean ${suggestion}? ` : ''}Props: ${allowed.join(', ')} (docs/authoring.md#simulation)`,
    });
  }
  const scenarioAttribute = attributes.nodes.get('scenario');
  if (!scenarioAttribute) {
    problems.push({
      offset: offsetOf(element),
      message: `<${name}> needs a scenario`,
      fix: 'add scenario="broadcast/basic" (npm run sim -- --list shows every scenario id)',
    });
    return problems;
  }
  // A value we could not read is already reported; validating without it would only add confusing problems.
  if (attributes.values.size !== attributes.nodes.size || problems.length > 0) return problems;

  const props = Object.fromEntries(attributes.values) as Props;
  const source = props.scenario;
  if (typeof source === 'object' && source !== null && !Array.isArray(source)) {
    return inlineScenarioProblems(element, attributes, source as ScenarioInput);
  }
  const locateIn = (root: Props | undefined, rootName: string | undefined) =>
    locator(element, attributes, root, rootName);
  if (name === 'Compare') {
    for (const which of ['left', 'right'] as const) {
      const side = props[which] as Props | undefined;
      problems.push(
        ...embedProblems(name, compareSide(props, side, which), locateIn(side, which), `${which}: `),
      );
    }
    return problems;
  }
  const { compare, ...simulation } = props;
  problems.push(...embedProblems(name, simulation, locateIn(undefined, undefined), ''));
  if (compare !== undefined) {
    // <Simulation compare={…}>: the embed shows a <Compare> whose right side is the scenario with the display
    // props and only the overrides in `compare` (src/sim/Simulation.tsx, CompareFromSimulation).
    const shared = pick(simulation, ['scenario', 'views', 'controls', 'id', 'autoplay', 'speed']);
    const side = compare as Props;
    problems.push(
      ...embedProblems(name, compareSide(shared, side, 'right'), locateIn(side, 'compare'), 'compare: '),
    );
  }
  return problems;
}

function embedProblems(element: string, props: Props, locate: Locate, prefix: string): OffsetProblem[] {
  const validated = validateProps(props);
  if (validated.ok) return [];
  const scenario = String(props.scenario);
  return validated.problems.map((problem) => scenarioProblem(element, problem, scenario, locate, prefix));
}

function scenarioProblem(
  element: string,
  problem: string,
  scenario: string,
  locate: Locate,
  prefix: string,
): OffsetProblem {
  if (problem.startsWith('Unknown scenario')) {
    const suggestion = closest(scenario, [...scenarios.keys()]);
    return {
      offset: locate(['scenario']),
      message: `Unknown scenario "${scenario}"`,
      fix: `${suggestion ? `did you mean "${suggestion}"? ` : ''}npm run sim -- --list shows every scenario id; a new scenario is added in code (docs/authoring.md)`,
    };
  }
  const path = pathOf(problem);
  return {
    offset: locate(path),
    message: `<${element} scenario="${scenario}">: ${prefix}${problem}`,
    fix: scenarioFix(problem, scenario, path),
  };
}

/** An inline scenario: every field is checked, each problem placed inside the object at the field at fault. */
function inlineScenarioProblems(
  element: JsxElement,
  attributes: Attributes,
  source: ScenarioInput,
): OffsetProblem[] {
  const locate = locator(element, attributes, undefined, undefined, true);
  const overrides = Object.fromEntries(
    scenarioOverrideProps
      .filter((prop) => attributes.values.has(prop))
      .map((prop) => [prop, attributes.values.get(prop)]),
  );
  const resolved = resolveScenario(source, overrides);
  const fieldProblems = resolved.ok ? [] : resolved.problems;
  return [
    ...fieldProblems.map((problem) => ({
      offset: locate(pathOf(problem)),
      message: `<Simulation> inline scenario: ${problem}`,
      fix: /there is no node/.test(problem)
        ? 'name one of the nodes listed, or give the scenario more nodes'
        : 'fix this field of the scenario (docs/authoring.md#scenario-fields describes every field)',
    })),
  ];
}

/**
 * Where a problem such as `faults[0].partition: …` is written: inside the side (or compare) object that has
 * that field, else inside the prop of that name, else (inline) inside the scenario object, else the tag.
 */
function locator(
  element: JsxElement,
  attributes: Attributes,
  root: Props | undefined,
  rootName: string | undefined,
  inline = false,
): Locate {
  return (path) => {
    const [head, ...rest] = path;
    const inRoot =
      root && rootName && typeof head === 'string' && head in root
        ? attributes.nodes.get(rootName)
        : undefined;
    if (inRoot) return offsetInside(inRoot, path);
    const own = typeof head === 'string' ? attributes.nodes.get(head) : undefined;
    if (own && !(inline && head === 'scenario')) return offsetInside(own, rest);
    const scenario = attributes.nodes.get('scenario');
    if (inline && scenario) return offsetInside(scenario, path);
    return offsetOf(element);
  };
}

function offsetInside(
  attribute: Parameters<typeof attributeExpression>[0],
  path: (string | number)[],
): number {
  const expression = attributeExpression(attribute);
  return expression ? startOf(nodeAtPath(expression, path)) : offsetOf(attribute);
}

function scenarioFix(problem: string, scenario: string, path: (string | number)[]): string {
  if (/there is no node/.test(problem))
    return 'name one of the nodes listed, or give the scenario more nodes with nodes={…}';
  if (/is not one of the allowed|not a prop/.test(problem)) return 'use one of the names listed';
  if (simulationDisplayProps.includes(String(path[0])))
    return 'use a value the embed accepts (docs/authoring.md#simulation-display-props-and-compare)';
  // The sim CLI's --set takes dotted paths; a path through a list is set whole, as JSON.
  const settable = path.some((part) => typeof part === 'number')
    ? String(path[0] ?? 'field')
    : path.join('.') || 'field';
  return `change the prop so the scenario is valid; try a value first with npm run sim -- ${scenario} --set ${settable}=<value>`;
}

/**
 * One side of a comparison, as the embed builds it (sideProps in src/sim/Compare.tsx, which cannot be
 * imported outside Vite because it loads CSS; simulation.test.ts checks the two agree): the shared props,
 * then the side's, with params merged key by key, a per-side id and title, and no share button.
 */
export function compareSide(shared: Props, side: Props | undefined, which: 'left' | 'right'): Props {
  const { left: _left, right: _right, title: _title, caption: _caption, ...common } = shared;
  const own = side ?? {};
  const params = {
    ...((common.params as object | undefined) ?? {}),
    ...((own.params as object | undefined) ?? {}),
  };
  const key = String(common.id ?? common.scenario ?? 'compare').replace(/[^A-Za-z0-9-]/g, '-');
  const controls = (common.controls as string[] | undefined)?.filter((name) => name !== 'share');
  const merged: Props = {
    ...common,
    ...own,
    ...(Object.keys(params).length > 0 ? { params } : {}),
    id: `${key}-${which}`,
    title: own.title ?? (which === 'left' ? 'A' : 'B'),
    controls,
  };
  return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
}

export function pick(props: Props, names: readonly string[]): Props {
  return Object.fromEntries(
    names.filter((name) => props[name] !== undefined).map((name) => [name, props[name]]),
  );
}

/** `faults[0].partition: …` → ['faults', 0, 'partition']. */
function pathOf(problem: string): (string | number)[] {
  const text = /^([\w.[\]]+): /.exec(problem)?.[1];
  if (!text) return [];
  return [...text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((match) =>
    match[2] !== undefined ? Number(match[2]) : match[1]!,
  );
}
