/**
 * Checks everything a lesson binds to a run: each <Predict>, <WhatYouSaw>, <Measured> and run-bound quiz
 * <Question run="…">. The embed it names is on the page (with a right side when it asks for one), the
 * measure exists, applies to that embed's scenario, gets valid arguments and a readable moment, a number
 * prediction has a tolerance, and a choice prediction's choices are well formed. The rules are the
 * components' own (src/predict/spec.ts, measureUseProblems in src/engine/analysis/measures/registry.ts).
 */
import type { Root } from 'mdast';
import { measureUseProblems, measures } from '../../src/engine/analysis/measures/registry.ts';
import { nodeIdsOf } from '../../src/engine/core/world.ts';
import { questionTemplates } from '../../src/course/generated/templates/index.ts';
import {
  readBinding,
  readPredictProps,
  type MeasureBinding,
  type PredictSpec,
} from '../../src/predict/spec.ts';
import type { EmbedConfig } from '../../src/sim/props.ts';
import { lessonEmbeds, type LessonEmbed } from './embeds.ts';
import { readAttributes, type Attributes } from './literals.ts';
import { pick } from './simulation.ts';
import { closest, type OffsetProblem } from './problems.ts';
import { elementsNamed, isJsxElement, offsetOf, type JsxElement } from './tree.ts';

const docs = 'docs/authoring.md#predictions-and-measures';

export function checkBindings(tree: Root): OffsetProblem[] {
  const embeds = lessonEmbeds(tree);
  const problems: OffsetProblem[] = [];

  for (const { element } of elementsNamed(tree, 'Predict')) {
    const attributes = readAttributes(element.attributes);
    if (attributes.problems.length > 0) continue; // reported by the component check
    const props = valuesOf(attributes);
    const read = readPredictProps(props);
    if (!read.ok) problems.push(...read.problems.map((message) => problemAt(element, attributes, message)));
    else
      problems.push(
        ...bindingProblems('<Predict>', read.value, element, attributes, embeds),
        ...variantProblems(read.value, element, attributes),
      );
  }

  for (const { element } of elementsNamed(tree, 'WhatYouSaw')) {
    const attributes = readAttributes(element.attributes);
    if (attributes.problems.length > 0) continue;
    const read = readBinding({ ...valuesOf(attributes), measure: 'time' }, '<WhatYouSaw>');
    if (!read.ok) problems.push(...read.problems.map((message) => problemAt(element, attributes, message)));
    else problems.push(...bindingProblems('<WhatYouSaw>', read.value, element, attributes, embeds));
  }

  for (const { element, ancestors } of elementsNamed(tree, 'Measured')) {
    const attributes = readAttributes(element.attributes);
    if (attributes.problems.length > 0) continue;
    const props = valuesOf(attributes);
    // Inside a <Predict> or a <WhatYouSaw> a number takes the embed, side and moment from it (src/predict/Measured.tsx).
    const scope = [...ancestors]
      .reverse()
      .find(
        (ancestor): ancestor is JsxElement =>
          isJsxElement(ancestor) && (ancestor.name === 'Predict' || ancestor.name === 'WhatYouSaw'),
      );
    if (scope?.name === 'Predict' && props.measure === undefined) continue; // the prediction's own value
    const inherited = scope ? pick(valuesOf(readAttributes(scope.attributes)), ['for', 'side', 'at']) : {};
    const read = readBinding({ ...inherited, ...props }, '<Measured>');
    if (!read.ok) problems.push(...read.problems.map((message) => problemAt(element, attributes, message)));
    else problems.push(...bindingProblems('<Measured>', read.value, element, attributes, embeds));
  }

  for (const { element } of elementsNamed(tree, 'Question')) {
    const attributes = readAttributes(element.attributes);
    const props = valuesOf(attributes);
    if (props.run === undefined || attributes.problems.length > 0) continue;
    // The quiz check (quiz.ts) reports an unreadable binding; only a readable one is checked against the page.
    const read = readBinding({ ...props, for: props.run }, '<Question>');
    if (read.ok)
      problems.push(
        ...bindingProblems(
          `<Question id="${String(props.id)}">`,
          read.value,
          element,
          attributes,
          embeds,
          'run',
        ),
      );
  }
  return problems;
}

/** The page-dependent rules: the embed exists (and has the side), the measure exists and applies to it. */
function bindingProblems(
  what: string,
  binding: MeasureBinding,
  element: JsxElement,
  attributes: Attributes,
  embeds: ReadonlyMap<string, LessonEmbed>,
  forAttribute = 'for',
): OffsetProblem[] {
  const embed = embeds.get(binding.for);
  const at = (name: string) => offsetOf(attributes.nodes.get(name) ?? element);
  if (!embed) {
    const suggestion = closest(binding.for, [...embeds.keys()]);
    return [
      {
        offset: at(forAttribute),
        message: `${what}: ${forAttribute}="${binding.for}" names no <Simulation> on this page`,
        fix: `${suggestion ? `did you mean "${suggestion}"? ` : ''}the embeds here are: ${[...embeds.keys()].join(', ') || 'none'} (an embed's name is its id="…", or its scenario without one)`,
      },
    ];
  }
  if (embed.sides.length === 0) return []; // the embed's own problems are reported by the simulation check
  if (binding.side === 'right' && embed.sides.length < 2)
    return [
      {
        offset: at('side'),
        message: `${what}: side="right", but "${binding.for}" is not a compare embed, so it has one run`,
        fix: 'remove side="right"; side only picks a run of a <Simulation compare={…}>',
      },
    ];
  const config = embed.sides[binding.side === 'right' ? 1 : 0]!;
  const measureKnown = measures.has(binding.measure);
  return [
    ...actionProblems(what, binding, config, at('actions')),
    ...measureProblems(what, binding, config, measureKnown, at),
  ];
}

/** A prediction's fresh variant for Review names a generated question template. */
function variantProblems(
  prediction: PredictSpec,
  element: JsxElement,
  attributes: Attributes,
): OffsetProblem[] {
  if (prediction.variant === undefined || questionTemplates.has(prediction.variant)) return [];
  const suggestion = closest(prediction.variant, [...questionTemplates.keys()]);
  return [
    {
      offset: offsetOf(attributes.nodes.get('variant') ?? element),
      message: `<Predict id="${prediction.id}">: variant="${prediction.variant}" names no generated question template`,
      fix: `${suggestion ? `did you mean "${suggestion}"? ` : ''}the templates are: ${[...questionTemplates.keys()].join(', ')}`,
    },
  ];
}

/** Each request the student is asked to send goes to a node of the run, through the embed's client panel. */
function actionProblems(
  what: string,
  binding: MeasureBinding,
  config: EmbedConfig,
  offset: number,
): OffsetProblem[] {
  if (!binding.actions) return [];
  const nodes = nodeIdsOf(config.resolved);
  const problems: OffsetProblem[] = [];
  if (!config.controls.includes('client'))
    problems.push({
      offset,
      message: `${what}: actions ask the student to send requests, but "${binding.for}" has no client panel`,
      fix: 'add "client" to the embed’s controls={[…]}, or leave controls out to show them all',
    });
  for (const action of binding.actions)
    if (!nodes.includes(action.to))
      problems.push({
        offset,
        message: `${what}: actions send a ${action.send} to "${action.to}", which is not a node of ${config.scenario}`,
        fix: `send it to one of: ${nodes.join(', ')}`,
      });
  return problems;
}

function measureProblems(
  what: string,
  binding: MeasureBinding,
  config: EmbedConfig,
  measureKnown: boolean,
  at: (name: string) => number,
): OffsetProblem[] {
  return measureUseProblems(binding.measure, binding.args, binding.at, config.resolved).map((message) => {
    const attribute = !measureKnown
      ? 'measure'
      : /\bargs\.|takes no args/.test(message)
        ? 'args'
        : /moment/.test(message)
          ? 'at'
          : 'measure';
    const suggestion = measureKnown ? undefined : closest(binding.measure, [...measures.keys()]);
    return {
      offset: at(attribute),
      message: `${what} (${binding.for}${binding.side ? `, ${binding.side} side` : ''}, scenario ${config.scenario}): ${message}`,
      fix: !measureKnown
        ? `${suggestion ? `did you mean "${suggestion}"? ` : ''}${docs} lists every measure and its arguments`
        : attribute === 'args'
          ? `give the measure the arguments ${docs} lists for "${binding.measure}"`
          : attribute === 'at'
            ? 'write at="end", a time in ms such as at={4000}, or a moment such as at="n1 crashes"'
            : `use a measure that reads what this scenario's protocol produces (${docs})`,
    };
  });
}

/** A problem of the element's own props, placed at the attribute its message names when it names one. */
function problemAt(element: JsxElement, attributes: Attributes, message: string): OffsetProblem {
  const named = /\b(for|side|measure|args|at|id|question|kind|tolerance|choices|reveal)\b/.exec(message)?.[1];
  const node = named ? attributes.nodes.get(named) : undefined;
  return {
    offset: offsetOf(node ?? element),
    message,
    fix: `see ${docs}`,
  };
}

function valuesOf(attributes: Attributes): Record<string, unknown> {
  return Object.fromEntries(attributes.values);
}
