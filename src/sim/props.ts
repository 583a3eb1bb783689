/**
 * The props a lesson may give <Simulation>, and their validation. Props come from MDX, so they are plain
 * serializable values; every problem names the prop and what is allowed, so an author can fix the lesson
 * from the message alone. Scenario overrides are checked by the engine's own resolveScenario, the same
 * function the lesson checker uses at build time.
 */
import { z } from 'zod';
import { resolveScenario } from '../engine/catalog/resolve';
import { maxSpeed, minSpeed } from '../worker/api';
import {
  formatIssues,
  type Scenario,
  type ScenarioInput,
  type ScenarioOverrides,
} from '../engine/core/schema';

export const viewNames = ['cluster', 'detail', 'keyspace', 'spacetime', 'history', 'charts'] as const;
export type ViewName = (typeof viewNames)[number];

export const controlNames = [
  'play',
  'step',
  'speed',
  'timeline',
  'reset',
  'seed',
  'share',
  'faults',
  'network',
  'client',
] as const;
export type ControlName = (typeof controlNames)[number];

/** Props that override fields of the named scenario. */
export const overrideProps = [
  'seed',
  'nodes',
  'params',
  'network',
  'workload',
  'script',
  'faults',
  'checks',
  'durationMs',
] as const;

const speedRange = `speed is between ${minSpeed} and ${maxSpeed}`;

const displayProps = {
  /** Names this embed in share links; needed only when a page embeds the same scenario twice. */
  id: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,40}$/, 'an id is 1–40 letters, digits or "-"')
    .optional(),
  title: z.string().optional(),
  caption: z.string().optional(),
  views: z.array(z.string()).optional(),
  controls: z.array(z.string()).optional(),
  /** Start playing when scrolled into view (default true). */
  autoplay: z.boolean().optional(),
  /** Initial speed in simulated ms per wall-clock ms (default 1). */
  speed: z.number().min(minSpeed, speedRange).max(maxSpeed, speedRange).optional(),
};

/** The props that change how an embed looks and starts, not what it runs. */
export const displayPropNames = Object.keys(displayProps) as readonly (keyof typeof displayProps)[];

const embedPropsSchema = z.object({
  scenario: z.union([z.string(), z.record(z.string(), z.unknown())], {
    error:
      'scenario is required: a scenario id such as "broadcast/basic", or a whole scenario written inline',
  }),
  ...displayProps,
});

export const defaultViews: readonly ViewName[] = [
  'cluster',
  'detail',
  'spacetime',
  'history',
  'charts',
  'keyspace',
];

export interface EmbedConfig {
  /** The scenario's id: a registered one, or the id an inline scenario gives itself. */
  scenario: string;
  /** What the worker runs: the registered id, or the inline scenario itself. */
  source: string | ScenarioInput;
  overrides: ScenarioOverrides;
  /** The resolved scenario with defaults applied (for display and defaults of controls). */
  resolved: Scenario;
  /** The protocol's params after its schema applied defaults (the key-space views place keys with them). */
  protocolParams: Record<string, unknown>;
  embedKey: string;
  title: string;
  caption: string | null;
  views: readonly ViewName[];
  controls: readonly ControlName[];
  autoplay: boolean;
  speed: number;
}

/** The id of a scenario prop: the registered id itself, or the id an inline scenario gives itself. */
export function scenarioIdOf(scenario: unknown): string {
  if (typeof scenario === 'string') return scenario;
  const id = (scenario as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : 'inline';
}

/** The key the client panel's requests use unless the student types another: the scenario's first key. */
export function clientPanelKey(config: Pick<EmbedConfig, 'resolved'>): string {
  const keys = config.resolved.workload?.keys;
  return config.resolved.script[0]?.key ?? (keys ? `${keys.prefix}0` : 'x');
}

export type ValidatedProps = { ok: true; config: EmbedConfig } | { ok: false; problems: string[] };

function checkNames<T extends string>(
  prop: string,
  given: readonly string[] | undefined,
  allowed: readonly T[],
): string[] {
  return (given ?? [])
    .filter((name) => !(allowed as readonly string[]).includes(name))
    .map((name) => `${prop}: "${name}" is not one of the allowed ${prop}: ${allowed.join(', ')}`);
}

export function validateProps(
  props: Record<string, unknown>,
  allowedExtra: readonly string[] = [],
): ValidatedProps {
  const allowed = ['scenario', ...Object.keys(displayProps), ...overrideProps, ...allowedExtra];
  const unknown = Object.keys(props).filter((name) => !allowed.includes(name) && name !== 'children');
  const problems = unknown.map(
    (name) => `${name}: not a prop of <Simulation>. Allowed props: ${allowed.join(', ')}`,
  );

  const parsed = embedPropsSchema.safeParse(props);
  if (!parsed.success) problems.push(...formatIssues(parsed.error));
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  const data = parsed.data;

  problems.push(
    ...checkNames('views', data.views, viewNames),
    ...checkNames('controls', data.controls, controlNames),
  );
  if (data.views && data.views.length === 0)
    problems.push(`views: list at least one view: ${viewNames.join(', ')}`);

  const overrides = Object.fromEntries(
    overrideProps.filter((name) => props[name] !== undefined).map((name) => [name, props[name]]),
  ) as ScenarioOverrides;
  const source = data.scenario as string | ScenarioInput;
  const resolved = resolveScenario(source, overrides);
  if (!resolved.ok) problems.push(...resolved.problems);
  if (problems.length > 0 || !resolved.ok) return { ok: false, problems };

  return {
    ok: true,
    config: {
      scenario: resolved.scenario.id,
      source,
      overrides,
      resolved: resolved.scenario,
      protocolParams: (resolved.params ?? {}) as Record<string, unknown>,
      embedKey: data.id ?? resolved.scenario.id,
      title: data.title ?? resolved.scenario.title,
      caption: data.caption ?? null,
      views: (data.views as ViewName[] | undefined) ?? defaultViews,
      controls: (data.controls as ControlName[] | undefined) ?? controlNames,
      autoplay: data.autoplay ?? true,
      speed: data.speed ?? 1,
    },
  };
}
