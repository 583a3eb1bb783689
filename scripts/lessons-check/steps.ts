/**
 * Checks guided step lists: <Steps for="…"> names an embed of this lesson, it holds only <Step>s, each
 * <Step> sits inside a <Steps>, and each pauseAt is a moment (src/engine/analysis/moments.ts) that names
 * nodes the embed's scenario has. A <Compare>'s two runs share one clock, so its steps pause at times.
 */
import type { Root } from 'mdast';
import { momentNodes, momentSchema } from '../../src/engine/analysis/moments.ts';
import { nodeIdsOf } from '../../src/engine/core/world.ts';
import { resolveScenario } from '../../src/engine/catalog/resolve.ts';
import type { ScenarioInput } from '../../src/engine/core/schema.ts';
import { readAttributes } from './literals.ts';
import { closest, type OffsetProblem } from './problems.ts';
import { elementsNamed, isJsxElement, offsetOf, type JsxElement } from './tree.ts';

interface EmbedInfo {
  kind: 'Simulation' | 'Compare';
  nodes: readonly string[] | null;
}

/** The lesson's embeds by id, with their nodes when the scenario resolves (its own problems are reported elsewhere). */
function embedsOf(tree: Root): Map<string, EmbedInfo> {
  const embeds = new Map<string, EmbedInfo>();
  for (const kind of ['Simulation', 'Compare'] as const) {
    for (const { element } of elementsNamed(tree, kind)) {
      const values = readAttributes(element.attributes).values;
      const id = values.get('id');
      if (typeof id !== 'string') continue;
      const scenario = values.get('scenario') as string | ScenarioInput | undefined;
      const nodes = values.get('nodes');
      const resolved = scenario
        ? resolveScenario(scenario, nodes === undefined ? {} : { nodes: nodes as number })
        : null;
      const compare = kind === 'Compare' || values.has('compare');
      embeds.set(id, {
        kind: compare ? 'Compare' : 'Simulation',
        nodes: resolved?.ok ? nodeIdsOf(resolved.scenario) : null,
      });
    }
  }
  return embeds;
}

export function checkSteps(tree: Root): OffsetProblem[] {
  const problems: OffsetProblem[] = [];
  const embeds = embedsOf(tree);
  for (const { element, ancestors } of elementsNamed(tree, 'Step')) {
    if (!ancestors.some((ancestor) => isJsxElement(ancestor) && ancestor.name === 'Steps')) {
      problems.push({
        offset: offsetOf(element),
        message: '<Step> must be placed inside a <Steps for="embed-id">',
        fix: 'wrap the step list in <Steps for="…"> … </Steps>, naming the embed it guides',
      });
    }
  }
  for (const { element } of elementsNamed(tree, 'Steps')) problems.push(...stepsProblems(element, embeds));
  return problems;
}

function stepsProblems(element: JsxElement, embeds: Map<string, EmbedInfo>): OffsetProblem[] {
  const problems: OffsetProblem[] = [];
  const target = readAttributes(element.attributes).values.get('for');
  const embed = typeof target === 'string' ? embeds.get(target) : undefined;
  if (!embed) {
    const suggestion = typeof target === 'string' ? closest(target, [...embeds.keys()]) : undefined;
    problems.push({
      offset: offsetOf(element),
      message:
        typeof target === 'string'
          ? `<Steps for="${target}">: this lesson has no <Simulation> or <Compare> with id="${target}"`
          : '<Steps> needs for="…": the id of the embed it guides',
      fix: `${suggestion ? `did you mean "${suggestion}"? ` : ''}the embeds with an id here are: ${[...embeds.keys()].join(', ') || 'none (give the embed an id="…")'}`,
    });
  }
  const steps = element.children.filter(isJsxElement);
  if (steps.length === 0) {
    problems.push({
      offset: offsetOf(element),
      message: '<Steps> has no <Step>',
      fix: 'write each step as <Step pauseAt="…">what to do</Step>',
    });
  }
  steps.forEach((step, index) => {
    if (step.name !== 'Step') {
      problems.push({
        offset: offsetOf(step),
        message: `<Steps> may contain only <Step> elements, not <${step.name}>`,
        fix: 'put other content before or after the step list',
      });
      return;
    }
    const attributes = readAttributes(step.attributes);
    const raw = attributes.values.get('pauseAt');
    if (raw === undefined) return;
    const offset = offsetOf(attributes.nodes.get('pauseAt')!);
    const parsed = momentSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push({
        offset,
        message: `step ${index + 1}: pauseAt=${JSON.stringify(raw)}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`,
        fix: 'write a moment such as "1.9 s", "n1 crashes", "new leader after 2 s" or "first PREPARE" (docs/authoring.md#guided-steps)',
      });
      return;
    }
    if (embed?.kind === 'Compare' && !('atMs' in parsed.data)) {
      problems.push({
        offset,
        message: `step ${index + 1}: a <Compare>'s two runs share one clock, so its steps pause at times, not at events like ${JSON.stringify(raw)}`,
        fix: 'write the time the event happens, e.g. pauseAt="2 s"',
      });
    }
    const unknown = embed?.nodes
      ? momentNodes(parsed.data).filter((name) => !embed.nodes!.includes(name))
      : [];
    for (const name of unknown) {
      problems.push({
        offset,
        message: `step ${index + 1}: pauseAt names node "${name}", which the embed's scenario does not have`,
        fix: `name one of ${embed!.nodes!.join(', ')}`,
      });
    }
  });
  return problems;
}
