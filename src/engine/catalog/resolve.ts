/**
 * Turns a scenario id (or inline scenario data) plus a lesson's overrides into a validated scenario and
 * its protocol, or a list of readable problems. The lesson checker and the <Simulation> embed both use it,
 * so build-time and run-time validation can never disagree.
 */
import { z } from 'zod';
import { Simulation, type SimulationOptions } from '../core/simulation';
import { nodeIdsOf } from '../core/world';
import type { AnyProtocol } from '../core/types';
import { checkers } from '../checkers';
import { protocols, scenarios } from './registry';
import {
  actionSchema,
  formatIssues,
  overridesSchema,
  scenarioSchema,
  tagAction,
  unhandledKind,
  type Action,
  type Scenario,
  type ScenarioInput,
  type ScenarioOverrides,
} from '../core/schema';

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
  if (!base)
    return {
      ok: false,
      problems: [`Unknown scenario "${String(source)}". Known scenarios: ${closestIds(String(source))}`],
    };

  const parsedOverrides = overridesSchema.safeParse(overrides, { reportInput: true });
  if (!parsedOverrides.success) return { ok: false, problems: formatIssues(parsedOverrides.error) };
  const merged = {
    ...base,
    ...overrides,
    params: { ...(base.params ?? {}), ...(overrides.params ?? {}) },
    network: overrides.network ? { ...(base.network ?? {}), ...overrides.network } : base.network,
  };
  const parsed = scenarioSchema.safeParse(merged, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: formatIssues(parsed.error) };
  const scenario = parsed.data;

  const protocol = protocols[scenario.protocol];
  if (!protocol) {
    return {
      ok: false,
      problems: [
        `protocol: unknown protocol "${scenario.protocol}". Known protocols: ${Object.keys(protocols).join(', ')}`,
      ],
    };
  }
  const params = protocol.paramsSchema.safeParse(scenario.params, { reportInput: true });
  if (!params.success) return { ok: false, problems: formatIssues(params.error as z.ZodError, 'params') };

  const nodeIds = nodeIdsOf(scenario);
  const unknownChecks = scenario.checks.filter((name) => !checkers.has(name));
  const problems = [
    ...unknownChecks.map(
      (name) =>
        `checks: unknown checker "${name}". Known checkers: ${[...checkers.keys()].join(', ') || 'none yet'}`,
    ),
    ...checkNodeReferences(scenario, nodeIds),
    ...(protocol.checkParams?.(params.data, nodeIds) ?? []),
  ];
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, scenario, protocol, params: params.data };
}

/** Every node a fault, script line or workload names must exist. */
function checkNodeReferences(scenario: Scenario, nodeIds: readonly string[]): string[] {
  const problems: string[] = [];
  if (new Set(nodeIds).size !== nodeIds.length) problems.push('nodes: node ids must be unique');
  scenario.faults.forEach((action, i) =>
    problems.push(...actionNodeProblems(action, nodeIds, `faults[${i}]`)),
  );
  scenario.script.forEach((op, i) => problems.push(...nodeProblems([op.node], nodeIds, `script[${i}].node`)));
  const target = scenario.workload?.target;
  if (target && target !== 'home' && target !== 'random')
    problems.push(...nodeProblems([target], nodeIds, 'workload.target'));
  return problems;
}

function nodeProblems(ids: readonly string[], nodeIds: readonly string[], where: string): string[] {
  return ids
    .filter((id) => !nodeIds.includes(id))
    .map((id) => `${where}: there is no node "${id}" (nodes: ${nodeIds.join(', ')})`);
}

function actionNodeProblems(input: Action, nodeIds: readonly string[], where: string): string[] {
  const action = tagAction(input);
  const named = (ids: readonly string[], field: string) => nodeProblems(ids, nodeIds, `${where}.${field}`);
  switch (action.kind) {
    case 'crash':
      return named([action.crash], 'crash');
    case 'restart':
      return named([action.restart], 'restart');
    case 'pause':
      return named([action.pause], 'pause');
    case 'resume':
      return named([action.resume], 'resume');
    case 'slow':
      return named([action.slow], 'slow');
    case 'isolate':
      return named([action.isolate], 'isolate');
    case 'partition':
      return named(action.partition.flat(), 'partition');
    case 'cut':
      return named([action.cut.from, action.cut.to], 'cut');
    case 'client':
      return named([action.client.node], 'client.node');
    case 'operator':
      return named([action.operator.node], 'operator.node');
    case 'heal':
    case 'dropMessage':
    case 'setLatency':
    case 'setLossRate':
    case 'keepRunning':
      return [];
    default:
      return unhandledKind(action);
  }
}

/** Validates a student's action (from the UI or a share link) against a scenario's nodes. */
export function validateAction(
  input: unknown,
  nodeIds: readonly string[],
  where = 'action',
): { ok: true; action: Action } | { ok: false; problems: string[] } {
  const parsed = actionSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: formatIssues(parsed.error, where) };
  const problems = actionNodeProblems(parsed.data, nodeIds, where);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, action: parsed.data };
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
