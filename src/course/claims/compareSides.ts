/**
 * Compare embeds (<Simulation … compare={{ … }} />) run the same scenario twice: the left with the
 * embed's own overrides, the right with only the overrides written in `compare` (the display props are
 * shared, the scenario overrides are not; see CompareFromSimulation in src/sim/Simulation.tsx). These
 * helpers give claim tests either side, and check that a side is exactly a registered scenario, so that
 * the protocol tests written for that scenario hold for what the student sees.
 */
import { expect } from 'vitest';
import type { Simulation } from '../../engine/core/simulation';
import { createSimulation, resolveScenario } from '../../engine/scenarios/resolve';
import type { ScenarioOverrides } from '../../engine/scenarios/schema';
import type { LessonContent } from './lessonContent';

export type Side = 'left' | 'right';

export function sideOf(lesson: LessonContent, embedId: string, side: Side): { scenario: string; overrides: ScenarioOverrides } {
  const { scenario, overrides, compare } = lesson.embed(embedId);
  if (side === 'left') return { scenario, overrides };
  if (!compare) throw new Error(`<Simulation id="${embedId}"> is not a compare embed`);
  return { scenario, overrides: compare };
}

/** A simulation of one side, not yet run; `extra` overrides go on top (a seed, for example). */
export function simulateSide(lesson: LessonContent, embedId: string, side: Side = 'left', extra: ScenarioOverrides = {}): Simulation {
  const { scenario, overrides } = sideOf(lesson, embedId, side);
  return createSimulation(scenario, { ...overrides, ...extra }, { checkInvariants: true });
}

/** Asserts that a side resolves to the registered scenario `twin` (with `twinOverrides`), apart from its id, title, description and checks. */
export function expectSideIsScenario(lesson: LessonContent, embedId: string, side: Side, twin: string, twinOverrides: ScenarioOverrides = {}): void {
  const { scenario, overrides } = sideOf(lesson, embedId, side);
  const shown = resolveScenario(scenario, overrides);
  const registered = resolveScenario(twin, twinOverrides);
  if (!shown.ok) throw new Error(`${embedId} (${side}): ${shown.problems.join('; ')}`);
  if (!registered.ok) throw new Error(`${twin}: ${registered.problems.join('; ')}`);
  // The checks only choose which verdicts the history view shows; they do not change the run.
  const behaviour = ({ id: _id, title: _title, description: _description, checks: _checks, ...rest }: typeof shown.scenario) => rest;
  expect(behaviour(shown.scenario)).toEqual(behaviour(registered.scenario));
  expect(shown.params).toEqual(registered.params);
}
