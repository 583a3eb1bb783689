/**
 * Checks every <Simulation>: its scenario exists (or, inline, is a valid scenario) and its overrides are
 * valid for it, with the same resolveScenario the embed runs in the browser.
 */
import type { Root } from 'mdast';
import { resolveScenario } from '../../src/engine/scenarios/resolve.ts';
import { scenarios } from '../../src/engine/scenarios/registry.ts';
import {
  overridesSchema,
  type ScenarioInput,
  type ScenarioOverrides,
} from '../../src/engine/scenarios/schema.ts';
import { attributeExpression, nodeAtPath, readAttributes, startOf, type Attributes } from './literals.ts';
import { closest, type OffsetProblem } from './problems.ts';
import { elementsNamed, offsetOf, type JsxElement } from './tree.ts';

/**
 * <Simulation> props that set up the embed's display rather than the scenario. The embed (src/sim) owns
 * them; until its prop list can be imported here, this is the one list the checker knows.
 */
export const simulationDisplayProps = [
  'id',
  'title',
  'caption',
  'views',
  'controls',
  'autoplay',
  'speed',
  'height',
  'compare',
] as const;

/** Props that override a field of the scenario (`nodes={5}`, `params={{ w: 2 }}`, `faults={[…]}`). */
export const scenarioOverrideProps = Object.keys(overridesSchema.shape);

const allProps = ['scenario', ...simulationDisplayProps, ...scenarioOverrideProps];

export function checkSimulations(tree: Root): OffsetProblem[] {
  return elementsNamed(tree, 'Simulation').flatMap(({ element }) => checkSimulation(element));
}

function checkSimulation(element: JsxElement): OffsetProblem[] {
  const attributes = readAttributes(element.attributes);
  const problems = [...attributes.problems];
  for (const [name, attribute] of attributes.nodes) {
    if (allProps.includes(name)) continue;
    const suggestion = closest(name, allProps);
    problems.push({
      offset: offsetOf(attribute),
      message: `<Simulation> has no prop "${name}"`,
      fix: `${suggestion ? `did you mean ${suggestion}? ` : ''}Props: scenario; display: ${simulationDisplayProps.join(', ')}; scenario overrides: ${scenarioOverrideProps.join(', ')}`,
    });
  }

  const scenarioAttribute = attributes.nodes.get('scenario');
  if (!scenarioAttribute) {
    problems.push({
      offset: offsetOf(element),
      message: '<Simulation> needs a scenario',
      fix: 'add scenario="broadcast/basic" (npm run sim -- --list shows every id), or scenario={{ …a whole scenario… }}',
    });
    return problems;
  }
  const source = attributes.values.get('scenario');
  const overrideNames = scenarioOverrideProps.filter((name) => attributes.nodes.has(name));
  // A value we could not read is already reported; resolving without it would only add confusing problems.
  if (source === undefined || overrideNames.some((name) => !attributes.values.has(name))) return problems;
  if (
    typeof source !== 'string' &&
    (typeof source !== 'object' || source === null || Array.isArray(source))
  ) {
    problems.push({
      offset: offsetOf(scenarioAttribute),
      message: `scenario must be a scenario id or a scenario object, got ${JSON.stringify(source)}`,
      fix: 'write scenario="family/name", or scenario={{ id, title, description, protocol, … }}',
    });
    return problems;
  }

  const overrides = Object.fromEntries(overrideNames.map((name) => [name, attributes.values.get(name)]));
  const resolved = resolveScenario(source as string | ScenarioInput, overrides as ScenarioOverrides);
  if (resolved.ok) return problems;
  const locate = locator(element, attributes, typeof source === 'string');
  for (const problem of resolved.problems) {
    problems.push(scenarioProblem(problem, source as string | ScenarioInput, locate));
  }
  return problems;
}

/** Where a scenario problem such as `faults[0].partition: …` is written: in that override, or the inline scenario. */
function locator(element: JsxElement, attributes: Attributes, named: boolean) {
  return (path: (string | number)[]): number => {
    const [head, ...rest] = path;
    const override =
      typeof head === 'string' && scenarioOverrideProps.includes(head) && attributes.nodes.get(head);
    if (override) {
      const expression = attributeExpression(override);
      return expression ? startOf(nodeAtPath(expression, rest)) : offsetOf(override);
    }
    const scenario = attributes.nodes.get('scenario')!;
    const inline = named ? undefined : attributeExpression(scenario);
    if (inline) return startOf(nodeAtPath(inline, path));
    return offsetOf(named && head === undefined ? scenario : element);
  };
}

function scenarioProblem(
  problem: string,
  source: string | ScenarioInput,
  locate: (path: (string | number)[]) => number,
): OffsetProblem {
  if (typeof source === 'string' && problem.startsWith('Unknown scenario')) {
    const suggestion = closest(source, [...scenarios.keys()]);
    return {
      offset: locate([]),
      message: `Unknown scenario "${source}"`,
      fix: `${suggestion ? `did you mean "${suggestion}"? ` : ''}npm run sim -- --list shows every scenario id; a new scenario is added in code (docs/authoring.md) or written inline as scenario={{ … }}`,
    };
  }
  const [, pathText] = /^([\w.[\]]+): /.exec(problem) ?? [];
  const path = pathText ? parsePath(pathText) : [];
  const where =
    typeof source === 'string' ? `<Simulation scenario="${source}">` : '<Simulation> inline scenario';
  return {
    offset: locate(path),
    message: `${where}: ${problem}`,
    fix: scenarioFix(problem, source, path),
  };
}

function scenarioFix(problem: string, source: string | ScenarioInput, path: (string | number)[]): string {
  if (/there is no node/.test(problem))
    return 'name one of the nodes listed, or give the scenario more nodes with nodes={…}';
  if (typeof source !== 'string')
    return 'fix this field of the inline scenario (docs/authoring.md describes every field)';
  // The sim CLI's --set takes dotted paths; a path through a list is set whole, as JSON.
  const settable = path.some((part) => typeof part === 'number')
    ? String(path[0] ?? 'field')
    : path.join('.') || 'field';
  return `change the prop so the scenario is valid; try a value first with npm run sim -- ${source} --set ${settable}=<value>`;
}

/** `faults[0].partition` → ['faults', 0, 'partition']. */
function parsePath(text: string): (string | number)[] {
  return [...text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((match) =>
    match[2] !== undefined ? Number(match[2]) : match[1]!,
  );
}
