/**
 * <Compare scenario="…" left={{ title, …overrides }} right={{ title, …overrides }} …shared/>: two
 * configurations of one scenario side by side, under the same seed and workload (sync vs async
 * replication, CP vs AP). One set of controls drives both runs, every action (a crash, a partition, a
 * request) is applied to both, and their metrics are tabulated next to each other.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { ErrorBoundary } from '../app/components/ErrorBoundary';
import { summarize } from '../viz/charts/series';
import { ControlTargetsContext, SimulationStoreContext } from './context';
import { ActionControls, Embed, type ActionControlsProps } from './Embed';
import type { ScenarioInput } from '../engine/core/schema';
import { scenarioIdOf, validateProps, type EmbedConfig } from './props';
import { Crashed, PropsProblems, useStoreOptions, useVisibility } from './mount';
import { createSimulationStore, type SimulationStore } from './store';
import { useShortcuts } from './useShortcuts';

/** One side: an optional title plus scenario overrides (params merge over the shared params). */
export interface SideProps {
  title?: string;
  [override: string]: unknown;
}

export interface CompareProps {
  /** A registered scenario id, or a whole scenario written inline. */
  scenario: string | ScenarioInput;
  left?: SideProps;
  right?: SideProps;
  /** Shared props: overrides both sides start from, and title, caption, views, controls, id, autoplay, speed. */
  [prop: string]: unknown;
}

const sides = ['left', 'right'] as const;

/** The props of one side: the shared ones, then the side's, with params merged key by key. */
export function sideProps(
  shared: Record<string, unknown>,
  side: SideProps | undefined,
  which: (typeof sides)[number],
): Record<string, unknown> {
  const { left: _left, right: _right, title: _title, caption: _caption, ...common } = shared;
  const own = side ?? {};
  const params = {
    ...((common.params as object | undefined) ?? {}),
    ...((own.params as object | undefined) ?? {}),
  };
  const key = String(common.id ?? scenarioIdOf(common.scenario)).replace(/[^A-Za-z0-9-]/g, '-');
  return {
    ...common,
    ...own,
    ...(Object.keys(params).length > 0 ? { params } : {}),
    id: `${key}-${which}`,
    title: own.title ?? (which === 'left' ? 'A' : 'B'),
    // One share link cannot hold two runs yet, so compare mode has no share button.
    controls: ((common.controls as string[] | undefined) ?? undefined)?.filter((name) => name !== 'share'),
  };
}

export function Compare(props: CompareProps) {
  return (
    <ErrorBoundary fallback={(retry) => <Crashed retry={retry} />}>
      <ValidatedCompare props={props} />
    </ErrorBoundary>
  );
}

function ValidatedCompare({ props }: { props: CompareProps }) {
  const key = JSON.stringify(props);
  const validated = useMemo(() => {
    const parsed = JSON.parse(key) as CompareProps;
    return sides.map((which) => ({
      which,
      result: validateProps(stripUndefined(sideProps(parsed, parsed[which], which))),
    }));
  }, [key]);
  const problems = validated.flatMap(({ which, result }) =>
    result.ok ? [] : result.problems.map((problem) => `${which}: ${problem}`),
  );
  if (problems.length > 0) return <PropsProblems scenario={props.scenario} problems={problems} />;
  const configs = validated.map(({ result }) => (result.ok ? result.config : null)) as [
    EmbedConfig,
    EmbedConfig,
  ];
  const controls = configs[0].controls.filter((name) => name !== 'share');
  return (
    <MountedCompare
      key={key}
      configs={configs}
      controls={controls}
      caption={typeof props.caption === 'string' ? props.caption : null}
    />
  );
}

function stripUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined));
}

function MountedCompare({
  configs,
  controls,
  caption,
}: {
  configs: [EmbedConfig, EmbedConfig];
  controls: EmbedConfig['controls'];
  caption: string | null;
}) {
  const leftOptions = useStoreOptions(configs[0]);
  const rightOptions = useStoreOptions(configs[1]);
  // Both runs share one clock in the worker; neither starts by itself: they start together, at the same
  // simulated time, once both are ready.
  const clock = `compare-${useId()}`;
  const [stores] = useState(
    () =>
      [
        createSimulationStore({ ...leftOptions, autoplay: false, clock }),
        createSimulationStore({ ...rightOptions, autoplay: false, clock }),
      ] as const,
  );
  const root = useRef<HTMLDivElement>(null);
  useVisibility(root, stores);
  const [helpOpen, setHelpOpen] = useState(false);
  const autoplay = configs[0].autoplay;
  useEffect(() => {
    if (!autoplay) return;
    let started = false;
    const startWhenReady = () => {
      const [left, right] = stores.map((store) => store.getState());
      if (started || left!.status !== 'ready' || right!.status !== 'ready' || !left!.onScreen) return;
      started = true;
      for (const store of stores) store.getState().playFrom(0);
    };
    const unsubscribe = stores.map((store) => store.subscribe(startWhenReady));
    startWhenReady();
    return () => unsubscribe.forEach((stop) => stop());
  }, [stores, autoplay]);
  const shared = { ...configs[0], controls };
  return (
    <ControlTargetsContext.Provider value={stores}>
      <div
        ref={root}
        className="sim-compare"
        role="group"
        aria-label={`Comparison: ${configs[0].title} and ${configs[1].title}`}
      >
        <div className="sim-compare__sides">
          {stores.map((store, index) => (
            <SimulationStoreContext.Provider key={configs[index]!.embedKey} value={store}>
              <Embed config={configs[index]!} part="side" />
            </SimulationStoreContext.Provider>
          ))}
        </div>
        <SimulationStoreContext.Provider value={stores[0]}>
          <SharedControls config={shared} helpOpen={helpOpen} onHelpToggle={setHelpOpen} />
        </SimulationStoreContext.Provider>
        <CompareMetrics stores={stores} titles={[configs[0].title, configs[1].title]} />
        {caption && <p className="sim__caption">{caption}</p>}
      </div>
    </ControlTargetsContext.Provider>
  );
}

/** The one set of controls both runs share; the embed's shortcuts work with focus among them too. */
function SharedControls({ config, helpOpen, onHelpToggle }: ActionControlsProps) {
  const onKeyDown = useShortcuts({
    toggleHelp: () => onHelpToggle(!helpOpen),
    close: () => {
      if (!helpOpen) return false;
      onHelpToggle(false);
      return true;
    },
  });
  return (
    <div className="sim sim--controls" role="group" aria-label="Controls for both runs" onKeyDown={onKeyDown}>
      <p className="sim__hint">Play, the timeline and every action here apply to both runs.</p>
      <ActionControls config={config} helpOpen={helpOpen} onHelpToggle={onHelpToggle} />
    </div>
  );
}

const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)}%`);
const ms = (value: number | null) => (value === null ? '—' : `${Math.round(value)} ms`);

function CompareMetrics({
  stores,
  titles,
}: {
  stores: readonly [SimulationStore, SimulationStore];
  titles: [string, string];
}) {
  const left = useStore(stores[0], (state) => state.frame);
  const right = useStore(stores[1], (state) => state.frame);
  const summaries = [left, right].map((frame) => (frame ? summarize(frame.history, frame.now) : null));
  const rows: [string, (summary: NonNullable<(typeof summaries)[number]>) => string][] = [
    ['Operations', (summary) => String(summary.operations)],
    ['Succeeded', (summary) => String(summary.succeeded)],
    ['Failed', (summary) => String(summary.failed)],
    ['Indeterminate', (summary) => String(summary.indeterminate)],
    ['Availability', (summary) => percent(summary.availability)],
    ['Throughput', (summary) => `${summary.throughput.toFixed(1)} ops/s`],
    ['Latency p50', (summary) => ms(summary.p50)],
    ['Latency p99', (summary) => ms(summary.p99)],
  ];
  const checks = [left, right].map((frame) =>
    frame
      ? frame.checks.some((check) => !check.ok)
        ? frame.checks
            .filter((check) => !check.ok)
            .map((check) => check.name)
            .join(', ') + ' violated'
        : 'no violation'
      : '—',
  );
  return (
    <table className="viz-table sim-compare__metrics">
      <caption>Side by side, so far</caption>
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col">{titles[0]}</th>
          <th scope="col">{titles[1]}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            {summaries.map((summary, index) => (
              <td key={index}>{summary ? value(summary) : '—'}</td>
            ))}
          </tr>
        ))}
        <tr>
          <th scope="row">Checks</th>
          <td>{checks[0]}</td>
          <td>{checks[1]}</td>
        </tr>
      </tbody>
    </table>
  );
}
