/**
 * <Simulation scenario="family/name" …/>: a live, deterministic cluster simulation embedded in a lesson.
 * Props are plain serializable values from MDX (see props.ts for the full list). Invalid props show an
 * inline message naming the prop and what is allowed; a failure inside the embed is caught by an error
 * boundary so the rest of the lesson keeps working.
 */
import { useMemo, useState } from 'react';
import { ErrorBoundary } from '../app/components/ErrorBoundary';
import { Compare, type SideProps } from './Compare';
import { SimulationStoreContext } from './context';
import { Embed } from './Embed';
import type { ScenarioInput } from '../engine/core/schema';
import { validateProps, type EmbedConfig } from './props';
import { Crashed, PropsProblems, useStoreOptions } from './mount';
import { createSimulationStore } from './store';

export interface SimulationProps {
  /** A registered scenario id, e.g. "broadcast/basic", or a whole scenario written inline. */
  scenario: string | ScenarioInput;
  /**
   * Compare mode: shows this configuration next to the same scenario run with only these overrides (the
   * right side does not inherit the left side's overrides, so each side is exactly what it says).
   */
  compare?: SideProps;
  /** seed, nodes, params, network, workload, script, faults, checks, durationMs, id, title, caption, views, controls, autoplay, speed. */
  [prop: string]: unknown;
}

export function Simulation(props: SimulationProps) {
  return (
    <ErrorBoundary fallback={(retry) => <Crashed retry={retry} />}>
      {props.compare ? (
        <CompareFromSimulation {...props} compare={props.compare} />
      ) : (
        <ValidatedSimulation props={props} />
      )}
    </ErrorBoundary>
  );
}

function CompareFromSimulation({ compare, ...props }: SimulationProps & { compare: SideProps }) {
  const { title, caption, views, controls, id, autoplay, speed, scenario, ...overrides } = props;
  return (
    <Compare
      scenario={scenario}
      left={{ ...overrides, title: typeof title === 'string' ? title : undefined }}
      right={compare}
      {...{ caption, views, controls, id, autoplay, speed }}
    />
  );
}

/** Validates the props (memoized on their content, since MDX creates new objects on every render). */
export function useValidatedProps(props: Record<string, unknown>) {
  const key = JSON.stringify(props);
  return useMemo(() => validateProps(JSON.parse(key) as Record<string, unknown>), [key]);
}

function ValidatedSimulation({ props }: { props: Record<string, unknown> }) {
  const validated = useValidatedProps(props);
  if (!validated.ok) return <PropsProblems scenario={props.scenario} problems={validated.problems} />;
  return <MountedSimulation key={JSON.stringify(validated.config)} config={validated.config} />;
}

function MountedSimulation({ config }: { config: EmbedConfig }) {
  const options = useStoreOptions(config);
  const [store] = useState(() => createSimulationStore(options));
  return (
    <SimulationStoreContext.Provider value={store}>
      <Embed config={config} />
    </SimulationStoreContext.Provider>
  );
}

export { Compare } from './Compare';
export { Steps } from './steps/Steps';
