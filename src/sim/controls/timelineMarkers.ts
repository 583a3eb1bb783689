/**
 * The pure side of the timeline: where its markers go and what they say, how far an arrow key moves it,
 * and how much "Keep running" adds. The scenario's own faults and the student's actions are marked, so
 * a click (or Enter) jumps to the moment either happened.
 */
import { describeAction } from '../../engine/core/faults';
import type { Action } from '../../engine/core/schema';

export interface TimelineMarker {
  /** Simulated ms. */
  at: number;
  /** What the scenario does at that time ("crash n1"). */
  scenario: string[];
  /** What the student did at that time. */
  yours: string[];
}

/** One marker per instant, in time order, for the faults and actions up to `endMs`. */
export function timelineMarkers(
  scenarioFaults: readonly Action[],
  commands: readonly Action[],
  endMs: number,
): TimelineMarker[] {
  const byTime = new Map<number, TimelineMarker>();
  const add = (action: Action, side: 'scenario' | 'yours') => {
    if (action.at > endMs) return;
    let marker = byTime.get(action.at);
    if (!marker) byTime.set(action.at, (marker = { at: action.at, scenario: [], yours: [] }));
    marker[side].push(describeAction(action));
  };
  for (const action of scenarioFaults) add(action, 'scenario');
  for (const action of commands) add(action, 'yours');
  return [...byTime.values()].sort((a, b) => a.at - b.at);
}

/** What a marker announces, e.g. "2.00 s: crash n1 (scenario); your action: restart n1". */
export function markerLabel(marker: TimelineMarker, formatTime: (ms: number) => string): string {
  const parts = [
    ...marker.scenario.map((text) => `${text} (scenario)`),
    ...marker.yours.map((text) => `your action: ${text}`),
  ];
  return `${formatTime(marker.at)}: ${parts.join('; ')}`;
}

/**
 * How far one arrow key moves the timeline: the smallest change its time display shows (whole ms under
 * 1 s, hundredths of a second up to 100 s, whole seconds beyond), judged by the run's length.
 */
export function displayStepMs(durationMs: number): number {
  if (durationMs >= 100_000) return 1000;
  if (durationMs >= 1000) return 10;
  return 1;
}

/** How much one "Keep running" adds: a fifth of the run, in half seconds, from 1 s to 10 s. */
export function keepRunningMs(durationMs: number): number {
  return Math.min(10_000, Math.max(1000, Math.round(durationMs / 5 / 500) * 500));
}
