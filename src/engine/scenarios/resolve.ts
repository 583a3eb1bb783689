/**
 * Turns a scenario id (or inline scenario data) plus a lesson's overrides into a validated scenario and
 * its protocol, or a list of readable problems. The lesson checker and the <Simulation> embed both use it,
 * so build-time and run-time validation can never disagree.
 */
import { z } from 'zod';
import { nodeIdsOf, Simulation, type SimulationOptions } from '../core/simulation';
import type { AnyProtocol } from '../core/types';
import { checkers } from '../checkers';
import { protocols } from '../protocols';
import { scenarios } from './registry';
import { formatIssues, overridesSchema, scenarioSchema, type Scenario, type ScenarioInput, type ScenarioOverrides } from './schema';

export type Resolved =
  | { ok: true; scenario: Scenario; protocol: AnyProtocol; params: unknown }
  | { ok: false; problems: string[] };

function closestIds(id: string): string {
  const family = id.split('/')[0];
  const sameFamily = [...scenarios.keys()].filter((known) => known.startsWith(`${family}/`));
  const list = sameFamily.length > 0 ? sameFamily : [...scenarios.keys()];
  return list.join(', ');
}

export function resolveScenario(source: string | ScenarioInput, overrides: ScenarioOverrides = {}): Resolved {
  const base = typeof source === 'string' ? scenarios.get(source) : source;
  if (!base) return { ok: false, problems: [`Unknown scenario "${String(source)}". Known scenarios: ${closestIds(String(source))}`] };

  const parsedOverrides = overridesSchema.safeParse(overrides);
  if (!parsedOverrides.success) return { ok: false, problems: formatIssues(parsedOverrides.error) };
  const merged = {
    ...base,
    ...overrides,
    params: { ...(base.params ?? {}), ...(overrides.params ?? {}) },
    network: overrides.network ? { ...(base.network ?? {}), ...overrides.network } : base.network,
  };
  const parsed = scenarioSchema.safeParse(merged);
  if (!parsed.success) return { ok: false, problems: formatIssues(parsed.error) };
  const scenario = parsed.data;

  const protocol = protocols[scenario.protocol];
  if (!protocol) {
    return { ok: false, problems: [`protocol: unknown protocol "${scenario.protocol}". Known protocols: ${Object.keys(protocols).join(', ')}`] };
  }
  const params = protocol.paramsSchema.safeParse(scenario.params);
  if (!params.success) return { ok: false, problems: formatIssues(params.error as z.ZodError, 'params') };

  const nodeIds = nodeIdsOf(scenario);
  const unknownChecks = scenario.checks.filter((name) => !checkers.has(name));
  const problems = [
    ...unknownChecks.map((name) => `checks: unknown checker "${name}". Known checkers: ${[...checkers.keys()].join(', ') || 'none yet'}`),...checkNodeReferences(scenario, nodeIds), ...(protocol.checkParams?.(params.data, nodeIds) ?? [])];
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, scenario, protocol, params: params.data };
}

/** Every node a fault, script line or workload names must exist. */
function checkNodeReferences(scenario: Scenario, nodeIds: readonly string[]): string[] {
  const known = new Set(nodeIds);
  const problems: string[] = [];
  const expect = (id: string, where: string) => {
    if (!known.has(id)) problems.push(`${where}: there is no node "${id}" (nodes: ${nodeIds.join(', ')})`);
  };
  if (new Set(nodeIds).size !== nodeIds.length) problems.push('nodes: node ids must be unique');
  scenario.faults.forEach((action, i) => {
    const where = `faults[${i}]`;
    for (const key of ['crash', 'restart', 'pause', 'resume', 'slow', 'isolate'] as const) {
      if (key in action) expect((action as unknown as Record<string, string>)[key]!, `${where}.${key}`);
    }
    if ('partition' in action) action.partition.flat().forEach((id) => expect(id, `${where}.partition`));
    if ('cut' in action) [action.cut.from, action.cut.to].forEach((id) => expect(id, `${where}.cut`));
    if ('client' in action) expect(action.client.node, `${where}.client.node`);
    if ('operator' in action) expect(action.operator.node, `${where}.operator.node`);
  });
  scenario.script.forEach((op, i) => expect(op.node, `script[${i}].node`));
  const target = scenario.workload?.target;
  if (target && target !== 'home' && target !== 'random') expect(target, 'workload.target');
  return problems;
}

/** Builds a ready-to-run simulation, or throws an Error listing every problem. */
export function createSimulation(
  source: string | ScenarioInput,
  overrides: ScenarioOverrides = {},
  options: SimulationOptions = {},
): Simulation {
  const resolved = resolveScenario(source, overrides);
  if (!resolved.ok) throw new Error(`Invalid scenario:\n  ${resolved.problems.join('\n  ')}`);
  return new Simulation(resolved.scenario, resolved.protocol, resolved.params, options);
}
