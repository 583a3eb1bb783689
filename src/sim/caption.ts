/**
 * Honest captions. A scenario's description states numbers (80 requests a second, a crash at 5 s); a
 * lesson that overrides the scenario can make them false. `captionContradictions` reads the numbers a
 * caption states and says which the resolved scenario contradicts; the embed then shows a summary
 * generated from the resolved scenario instead (`describeRun`), and lessons:check reports a lesson's own
 * caption that the run contradicts.
 */
import { describeAction } from '../engine/core/faults';
import type { Scenario } from '../engine/core/schema';

/** What a caption claims, as the patterns that read it; each returns a contradiction or null. */
const claims: { pattern: RegExp; check: (match: RegExpMatchArray, scenario: Scenario) => string | null }[] = [
  {
    pattern: /(\d+(?:\.\d+)?) requests? (?:per|a) second|(\d+(?:\.\d+)?) requests\/s/g,
    check: (match, scenario) => {
      const stated = Number(match[1] ?? match[2]);
      const offered = offeredRate(scenario);
      return offered === stated
        ? null
        : `says ${stated} requests a second, but the run offers ${offered === 0 ? 'none' : offered}`;
    },
  },
  {
    pattern: /(\d+) (?:busy )?clients/g,
    check: (match, scenario) => {
      const stated = Number(match[1]);
      const clients = scenario.workload?.clients ?? 0;
      return stated === clients ? null : `says ${stated} clients, but the run has ${clients}`;
    },
  },
  {
    pattern: /\b(crash|restart)(?:s|es|ed)?(?: (\w+))? at (\d+(?:\.\d+)?) ?s\b/g,
    check: (match, scenario) =>
      faultAt(scenario, match[1] as 'crash' | 'restart', match[2], Number(match[3])),
  },
  {
    pattern: /\bcomes? back at (\d+(?:\.\d+)?) ?s\b/g,
    check: (match, scenario) => faultAt(scenario, 'restart', undefined, Number(match[1])),
  },
];

/** The numbers in `text` that the resolved scenario contradicts, one readable line each. */
export function captionContradictions(text: string, scenario: Scenario): string[] {
  const found: string[] = [];
  for (const { pattern, check } of claims)
    for (const match of text.matchAll(pattern)) {
      const problem = check(match, scenario);
      if (problem) found.push(`"${match[0]}": ${problem}`);
    }
  return found;
}

/** Requests a second the workload offers at most (every client asking at its rate). */
export function offeredRate(scenario: Scenario): number {
  const workload = scenario.workload;
  return workload ? Number((workload.clients * workload.ratePerClient).toFixed(2)) : 0;
}

function faultAt(
  scenario: Scenario,
  kind: 'crash' | 'restart',
  node: string | undefined,
  seconds: number,
): string | null {
  const atMs = Math.round(seconds * 1000);
  const nodeIds = nodeIdsOf(scenario);
  const named = node && nodeIds.includes(node) ? node : undefined;
  const matches = scenario.faults.filter(
    (fault) =>
      fault.at === atMs && kind in fault && (!named || (fault as Record<string, unknown>)[kind] === named),
  );
  if (matches.length > 0) return null;
  const scheduled = scenario.faults.filter((fault) => kind in fault);
  return scheduled.length === 0
    ? `the run has no scheduled ${kind}`
    : `the run's ${kind}${scheduled.length === 1 ? ' is' : 'es are'} at ${scheduled.map((fault) => `${fault.at / 1000} s`).join(', ')}`;
}

function nodeIdsOf(scenario: Scenario): string[] {
  return typeof scenario.nodes === 'number'
    ? Array.from({ length: scenario.nodes }, (_, i) => `n${i + 1}`)
    : scenario.nodes.map((node) => node.id);
}

/** The scenario's description while the run bears it out; otherwise a summary made from the run itself. */
export function honestDescription(scenario: Scenario): string {
  return captionContradictions(scenario.description, scenario).length === 0
    ? scenario.description
    : describeRun(scenario);
}

/**
 * A summary of what the run does, generated from the resolved scenario: shown instead of the scenario's
 * description when a lesson's overrides contradict it. E.g. "2 nodes (lb, s1). 40 clients, up to 160
 * requests a second. No scheduled faults. Runs 12 s."
 */
export function describeRun(scenario: Scenario): string {
  const ids = nodeIdsOf(scenario);
  const parts = [
    `${ids.length} node${ids.length === 1 ? '' : 's'}${ids.length <= 6 ? ` (${ids.join(', ')})` : ''}.`,
  ];
  const workload = scenario.workload;
  if (workload && workload.clients > 0)
    parts.push(
      `${workload.clients} client${workload.clients === 1 ? '' : 's'}, up to ${offeredRate(scenario)} requests a second.`,
    );
  parts.push(
    scenario.faults.length === 0
      ? 'No scheduled faults.'
      : `Scheduled: ${scenario.faults.map((fault) => `${describeAction(fault)} at ${seconds(fault.at)}`).join(', ')}.`,
  );
  parts.push(`Runs ${seconds(scenario.durationMs)}.`);
  return parts.join(' ');
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}
