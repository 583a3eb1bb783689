/**
 * Many embeds, and both sides of most compare embeds, run a registered scenario with at most a parameter
 * changed. When a side is exactly a registered scenario, the protocol tests written for that scenario
 * hold for what the student sees; this check makes the identity explicit, so a later edit to the embed
 * or to the scenario that breaks it fails a test.
 */
import { expect } from 'vitest';
import { resolveScenario } from '../../engine/catalog/resolve';
import type { ScenarioOverrides } from '../../engine/core/schema';
import type { LessonContent } from './lessonContent';

export type Side = 'left' | 'right';

/** Asserts that a side of an embed runs the registered scenario `twin` (with `twinOverrides`), apart from its id, title, description and checks. */
export function expectSideIsScenario(
  lesson: LessonContent,
  embedId: string,
  side: Side,
  twin: string,
  twinOverrides: ScenarioOverrides = {},
): void {
  const config = lesson.embed(embedId).sides[side === 'left' ? 0 : 1];
  if (!config) throw new Error(`<Simulation id="${embedId}"> has no ${side} side`);
  const shown = resolveScenario(config.scenario, config.overrides);
  const registered = resolveScenario(twin, twinOverrides);
  if (!shown.ok) throw new Error(`${embedId} (${side}): ${shown.problems.join('; ')}`);
  if (!registered.ok) throw new Error(`${twin}: ${registered.problems.join('; ')}`);
  // The checks only choose which verdicts the history view shows; they do not change the run.
  const behaviour = ({
    id: _id,
    title: _title,
    description: _description,
    checks: _checks,
    ...rest
  }: typeof shown.scenario) => rest;
  expect(behaviour(shown.scenario)).toEqual(behaviour(registered.scenario));
  expect(shown.params).toEqual(registered.params);
}
