/**
 * The runs a lesson's <Simulation>s start, read from the MDX source as the page reads them (validateProps,
 * and compareSide for a compare embed's two sides), so that Node code (lessons:check, the browser tests'
 * answer keys) can replay the very run a student gets and read measures from it.
 */
import type { Root } from 'mdast';
import type { Action } from '../../src/engine/core/schema.ts';
import type { RunSpec } from '../../src/engine/analysis/measures/types.ts';
import { validateProps, type EmbedConfig } from '../../src/sim/props.ts';
import { readAttributes } from './literals.ts';
import { compareSide, pick } from './simulation.ts';
import { elementsNamed, type JsxElement } from './tree.ts';

export interface LessonEmbed {
  /** Its `id` prop, or its scenario id without one (what a <Predict for="…"> names). */
  id: string;
  element: JsxElement;
  /** The configuration each side runs: one, or a compare embed's left and then right. Empty when invalid. */
  sides: EmbedConfig[];
}

/** Every <Simulation> and <Compare> of the lesson, by the id a binding names it with (invalid ones with no sides). */
export function lessonEmbeds(tree: Root): Map<string, LessonEmbed> {
  const embeds = new Map<string, LessonEmbed>();
  for (const { element } of elementsNamed(tree, 'Simulation')) {
    const attributes = readAttributes(element.attributes);
    const props = Object.fromEntries(attributes.values) as Record<string, unknown>;
    const scenario = props.scenario;
    const id =
      typeof props.id === 'string'
        ? props.id
        : typeof scenario === 'string'
          ? scenario
          : String((scenario as { id?: unknown } | undefined)?.id ?? 'inline');
    embeds.set(id, { id, element, sides: attributes.problems.length > 0 ? [] : sidesOf(props) });
  }
  for (const { element } of elementsNamed(tree, 'Compare')) {
    const attributes = readAttributes(element.attributes);
    const props = Object.fromEntries(attributes.values) as Record<string, unknown>;
    const id = String(props.id ?? props.scenario);
    const sides = (['left', 'right'] as const).map((which) =>
      compareSide(props, props[which] as Record<string, unknown> | undefined, which),
    );
    embeds.set(id, { id, element, sides: attributes.problems.length > 0 ? [] : validConfigs(sides) });
  }
  return embeds;
}

/** A <Simulation>'s runs: its props, or with compare={…} its left and right sides as the page builds them. */
function sidesOf({ compare, ...props }: Record<string, unknown>): EmbedConfig[] {
  return validConfigs(
    compare === undefined
      ? [props]
      : [
          compareSide(props, undefined, 'left'),
          compareSide(
            pick(props, ['scenario', 'views', 'controls', 'id', 'autoplay', 'speed']),
            compare as Record<string, unknown>,
            'right',
          ),
        ],
  );
}

/** Each side's configuration, or none when one is invalid (the simulation check reports why). */
function validConfigs(sides: readonly Record<string, unknown>[]): EmbedConfig[] {
  const configs = sides.map((side) => validateProps(side));
  return configs.every((config) => config.ok) ? configs.map((config) => config.config) : [];
}

/** What a student did to a run: another seed, and the commands they gave. */
export interface RunChanges {
  seed?: number;
  commands?: readonly Action[];
}

/** The run of one side of an embed, as the page starts it, with the student's changes. */
export function runOfSide(config: EmbedConfig, changes: RunChanges = {}): RunSpec {
  return {
    scenario: config.source,
    overrides: { ...config.overrides, ...(changes.seed === undefined ? {} : { seed: changes.seed }) },
    ...(changes.commands ? { commands: changes.commands } : {}),
  };
}
