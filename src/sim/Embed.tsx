/**
 * One simulation on the page: the cluster (with node detail beside or below it), the controls, the
 * fault and client panels, and tabs for the other views. It starts its run when first scrolled into
 * view and plays only while on screen in a visible tab.
 */
import {
  memo,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type RefObject,
} from 'react';
import { describeMoment } from '../engine/analysis/moments';
import { ClusterView } from '../viz/cluster/ClusterView';
import { Charts } from '../viz/charts/Charts';
import { NodeDetail } from '../viz/detail/NodeDetail';
import { downloadFile } from '../app/downloadFile';
import { HistoryView } from '../viz/history/HistoryView';
import { hasKeySpace, readKeySpace } from '../viz/keyspace/keyspaceData';
import { KeySpaceView } from '../viz/keyspace/KeySpaceView';
import type { Point } from '../viz/shared/geometry';
import { useElementWidth, usePrefersReducedMotion } from '../viz/shared/hooks';
import { SpaceTimeDiagram } from '../viz/spacetime/SpaceTimeDiagram';
import { ClientPanel } from './controls/ClientPanel';
import { NetworkPanel } from './controls/NetworkPanel';
import { NodeMenu } from './controls/NodeMenu';
import { Timeline } from './controls/Timeline';
import { formatTime, Toolbar } from './controls/Toolbar';
import { ControlTargetsContext, none, useControls, useSimulation, useSimulationStore } from './context';
import { startingFrameOf, useVisibility } from './mount';
import type { Frame } from '../engine/core/frame';
import { clientPanelKey, type EmbedConfig } from './props';
import { followPaceOf } from '../worker/api';
import { honestDescription } from './caption';
import { registerEmbed } from './embedRegistry';
import { sharedDataFor, withoutShareState } from './shareLink';
import { registerForTests } from './testApi';
import { useShortcuts } from './useShortcuts';
import './simulation.css';

const tabViews = ['spacetime', 'history', 'charts', 'keyspace'] as const;
type TabView = (typeof tabViews)[number];
const tabLabels: Record<TabView, string> = {
  spacetime: 'Messages over time',
  history: 'History',
  charts: 'Charts',
  keyspace: 'Key space',
};

/** Side-by-side detail needs this much width; below it the detail goes under the cluster. */
const wideLayout = 760;
const detailWidth = 300;

/**
 * `full` is a standalone embed; `side` is one half of compare mode, whose transport controls and
 * action panels are shared and drawn once by <Compare>.
 */
export function Embed({ config, part = 'full' }: { config: EmbedConfig; part?: 'full' | 'side' }) {
  const store = useSimulationStore();
  const [root, width] = useElementWidth<HTMLElement>();
  const reducedMotion = usePrefersReducedMotion();
  const idPrefix = useId().replace(/:/g, '');
  // A compare side plays while the whole comparison is on screen (see <Compare>), so both keep one clock.
  const visibilityStores = useMemo(() => (part === 'full' ? [store] : none), [part, store]);
  useVisibility(root, visibilityStores);
  useEffect(() => registerForTests(config.embedKey, store), [config.embedKey, store]);
  useEffect(
    () => registerEmbed(config.embedKey, store, { scenario: config.source, overrides: config.overrides }),
    [config, store],
  );

  const status = useSimulation((state) => state.status);
  const problems = useSimulation((state) => state.problems);
  const retryable = useSimulation((state) => state.retryable);
  const linkProblem = useSimulation((state) => state.linkProblem);
  const sharedRun = useSimulation((state) => state.sharedRun);
  const commandProblem = useSimulation((state) => state.commandProblem);
  const shownError = useSimulation((state) => state.shownError);
  const liveFrame = useSimulation((state) => state.frame);
  useScrollToSharedRun(root, part === 'full' ? config.embedKey : null, liveFrame !== null);
  // Until the run has started, the embed shows its state at time 0, computed here, so that it has its
  // final size from the start and starting it moves nothing on the page.
  const waiting = liveFrame === null;
  const startingFrame = useMemo(() => (waiting ? startingFrameOf(config) : null), [waiting, config]);
  const frame = status === 'failed' ? null : (liveFrame ?? startingFrame);
  const selectedNode = useSimulation((state) => state.selectedNode);
  const partitionSideB = useSimulation((state) => state.partitionSideB);
  const announcement = useSimulation((state) => state.announcement);
  const messageLog = useSimulation((state) => state.messageLog);
  const selectedOperation = useSimulation((state) => state.selectedOperation);
  const playHold = useSimulation((state) => state.playHold);
  const heldPlayAttempts = useSimulation((state) => state.heldPlayAttempts);

  const controls = useControls();
  const bothRuns = (useContext(ControlTargetsContext)?.length ?? 1) > 1;
  const clusterBox = useRef<HTMLDivElement>(null);
  const { command } = controls;
  const [menu, setMenu] = useState<{ node: string; anchor: Point } | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const closeMenu = useCallback(() => {
    setMenu((open) => {
      if (open) root.current?.querySelector<HTMLElement>('.viz-node-button[tabindex="0"]')?.focus();
      return null;
    });
  }, [root]);

  const tabs = tabViews.filter(
    (view) => config.views.includes(view) && (view !== 'keyspace' || hasKeySpace(config.resolved.protocol)),
  );
  const [chosenTab, setChosenTab] = useState<TabView | null>(null);
  const tab = chosenTab && tabs.includes(chosenTab) ? chosenTab : (tabs[0] ?? null);

  const wide = width >= wideLayout;
  const showDetail = config.views.includes('detail');
  const clusterWidth = wide && showDetail ? width - detailWidth - 16 : width;
  const faultsAllowed = config.controls.includes('faults');

  const onKeyDown = useShortcuts({
    toggleHelp: () => setHelpOpen((open) => !open),
    close: () => {
      const state = store.getState();
      if (!menu && !state.partitionSideB && !helpOpen) return false;
      closeMenu();
      state.cancelPartition();
      setHelpOpen(false);
      return true;
    },
  });

  const selected = frame?.nodes.find((node) => node.id === selectedNode) ?? null;
  const menuNode = menu ? frame?.nodes.find((node) => node.id === menu.node) : undefined;
  const latency = config.resolved.network.latency;

  return (
    <section
      ref={root}
      className="sim"
      aria-label={`Simulation: ${config.title}`}
      onKeyDown={onKeyDown}
      data-status={status}
      data-embed-key={config.embedKey}
    >
      <header className="sim__header">
        <h3 className="sim__title">{config.title}</h3>
        {part === 'full' && <p className="sim__description">{honestDescription(config.resolved)}</p>}
      </header>

      {linkProblem && (
        <p className="sim-notice sim-notice--warning" role="alert">
          {linkProblem} Showing the default run instead.
        </p>
      )}
      {sharedRun && (
        <SharedRunBanner
          seed={sharedRun.seed}
          actions={sharedRun.actions}
          onLeave={() => {
            history.replaceState(history.state, '', withoutShareState(location.href, config.embedKey));
            store.getState().showDefaultRun();
          }}
        />
      )}
      {status === 'failed' && (
        <div className="sim-notice sim-notice--error" role="alert">
          <p>This simulation could not run:</p>
          <ul>
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
          {retryable && (
            <button type="button" className="sim-button" onClick={() => store.getState().retry()}>
              Try again
            </button>
          )}
        </div>
      )}
      {shownError && (
        <div className="sim-notice sim-notice--error sim-shared" role="alert">
          <p>
            Something went wrong in the simulation: {shownError.message}. It was rewound to{' '}
            {formatTime(shownError.at)}.
          </p>
          <button type="button" className="sim-button" onClick={() => store.getState().dismissError()}>
            Dismiss
          </button>
        </div>
      )}
      {playHold && heldPlayAttempts > 0 && (
        <p className="sim-notice sim-notice--warning" role="status">
          {playHold}
        </p>
      )}
      {commandProblem && (
        <p className="sim-notice sim-notice--warning" role="alert">
          That action was refused: {commandProblem}
        </p>
      )}

      {frame && (
        <>
          <div className={`sim__stage${wide ? ' sim__stage--wide' : ''}`}>
            <div className="sim__cluster" ref={clusterBox}>
              {config.views.includes('cluster') && (
                <ClusterView
                  nodes={frame.nodes}
                  messages={frame.messages}
                  cuts={frame.cuts}
                  topology={frame.topology}
                  history={frame.history}
                  now={frame.drawAt}
                  width={clusterWidth}
                  selectedNode={selectedNode}
                  partitionSideB={partitionSideB}
                  reducedMotion={reducedMotion}
                  patternPrefix={`${idPrefix}-cluster`}
                  onNodeActivate={(id, anchor) => {
                    const state = store.getState();
                    if (state.partitionSideB) {
                      state.togglePartitionSide(id);
                      return;
                    }
                    state.selectNode(id);
                    if (faultsAllowed) setMenu({ node: id, anchor });
                  }}
                  onMessageActivate={faultsAllowed ? (id) => command({ at: 0, dropMessage: id }) : undefined}
                />
              )}
              {menu && menuNode && (
                <NodeMenu
                  node={menuNode}
                  anchor={menu.anchor}
                  within={clusterBox}
                  bothRuns={bothRuns}
                  onAction={command}
                  onClose={closeMenu}
                />
              )}
              <NetworkStatus
                frame={frame}
                waiting={
                  waiting
                    ? status === 'idle'
                      ? 'The simulation starts when you scroll to it.'
                      : 'Starting the simulation…'
                    : null
                }
              />
            </div>
            {showDetail && (
              // Focusable so keyboard users can scroll a long log.
              <div
                className="sim__detail"
                style={wide ? { width: detailWidth } : undefined}
                role="region"
                aria-label="Node detail"
                tabIndex={0}
              >
                {selected ? (
                  <NodeDetail
                    node={selected}
                    nodes={frame.nodes}
                    now={frame.now}
                    gauges={frame.metrics.samples.at(-1)?.gauges}
                    headingLevel={4}
                  />
                ) : (
                  <p className="sim__hint">Select a node to see its log, data and replication position.</p>
                )}
              </div>
            )}
          </div>

          {part === 'full' && (
            <ActionControls config={config} helpOpen={helpOpen} onHelpToggle={setHelpOpen} />
          )}

          {tab && (
            <div className="sim__tabs">
              <div role="tablist" aria-label="Views" className="sim-tablist">
                {tabs.map((view) => (
                  <button
                    key={view}
                    type="button"
                    role="tab"
                    id={`${idPrefix}-tab-${view}`}
                    aria-selected={view === tab}
                    aria-controls={`${idPrefix}-panel`}
                    tabIndex={view === tab ? 0 : -1}
                    onClick={() => setChosenTab(view)}
                    onKeyDown={(event) => {
                      const index = tabs.indexOf(view);
                      const next =
                        event.key === 'ArrowRight' ? index + 1 : event.key === 'ArrowLeft' ? index - 1 : null;
                      if (next === null) return;
                      event.preventDefault();
                      event.stopPropagation();
                      const target = tabs[(next + tabs.length) % tabs.length]!;
                      setChosenTab(target);
                      root.current?.querySelector<HTMLElement>(`#${idPrefix}-tab-${target}`)?.focus();
                    }}
                  >
                    {tabLabels[view]}
                  </button>
                ))}
              </div>
              <div
                role="tabpanel"
                id={`${idPrefix}-panel`}
                aria-labelledby={`${idPrefix}-tab-${tab}`}
                className="sim-tabpanel"
              >
                {tab === 'spacetime' && (
                  <SpaceTimeDiagram
                    log={messageLog}
                    nodes={frame.nodes}
                    now={frame.now}
                    width={width}
                    defaultWindowMs={Math.max(20, (latency.minMs + latency.meanMs) * 5)}
                  />
                )}
                {tab === 'history' && (
                  <HistoryView
                    history={frame.history}
                    totalOperations={frame.counters.operations}
                    now={frame.now}
                    checks={frame.checks}
                    width={width}
                    selectedOperation={selectedOperation}
                    patternPrefix={`${idPrefix}-history`}
                    onSelectOperation={(operation) => store.getState().selectOperation(operation.id)}
                    onSeek={controls.seek}
                    onRunChecks={
                      config.resolved.checks.length > 0 ? () => store.getState().runChecks() : undefined
                    }
                    onDownloadHistory={async (format) => {
                      const file = await store.getState().exportHistory(format);
                      if (file) downloadFile(file.text, file.fileName, file.mediaType);
                    }}
                  />
                )}
                {tab === 'charts' && (
                  <Charts
                    history={frame.history}
                    now={frame.now}
                    samples={frame.metrics.samples}
                    width={width}
                  />
                )}
                {tab === 'keyspace' && (
                  <KeySpaceView
                    space={readKeySpace({
                      protocol: config.resolved.protocol,
                      params: config.protocolParams,
                      nodes: frame.nodes,
                      gauges: frame.metrics.samples.at(-1)?.gauges ?? {},
                    })}
                    nodes={frame.nodes}
                    width={width}
                  />
                )}
              </div>
            </div>
          )}
        </>
      )}

      {config.caption && <p className="sim__caption">{config.caption}</p>}
      <p className="viz-sr-only" aria-live="polite">
        {announcement}
      </p>
    </section>
  );
}

/**
 * The toolbar and the fault, network and client panels. Memoized: the embed re-renders on every frame,
 * while these read only the few values they show, through their own store selectors.
 */
export interface ActionControlsProps {
  config: EmbedConfig;
  helpOpen: boolean;
  onHelpToggle(open: boolean): void;
}

export const ActionControls = memo(function ActionControls({
  config,
  helpOpen,
  onHelpToggle,
}: ActionControlsProps) {
  return (
    <>
      {config.controls.includes('timeline') && <Timeline scenarioFaults={config.resolved.faults} />}
      <Toolbar
        controls={config.controls}
        embedKey={config.embedKey}
        scenario={config.scenario}
        helpOpen={helpOpen}
        onHelpToggle={onHelpToggle}
        followPace={followPaceOf(config.resolved.network.latency)}
      />
      {(config.controls.includes('faults') || config.controls.includes('network')) && (
        <NetworkPanel
          controls={config.controls}
          initialLatency={config.resolved.network.latency}
          initialLossRate={config.resolved.network.lossRate}
        />
      )}
      {config.controls.includes('client') && <ClientPanel defaultKey={clientPanelKey(config)} />}
    </>
  );
});

/** A line of text saying what the network and the nodes are doing, so none of it is only in the picture. */
function NetworkStatus({ frame, waiting }: { frame: Frame; waiting: string | null }) {
  if (waiting) return <p className="sim__status">{waiting}</p>;
  const down = frame.nodes.filter((node) => node.status !== 'up').map((node) => `${node.id} ${node.status}`);
  const cutCount = frame.cuts.length;
  return (
    <p className="sim__status">
      <span>{formatTime(frame.now)}</span>
      {frame.reached && (
        <>
          {' · '}
          <strong className="sim__status-moment">paused {describeMoment(frame.reached.moment)}</strong>
        </>
      )}
      {' · '}
      <span>
        {frame.messages.length} message{frame.messages.length === 1 ? '' : 's'} in flight
      </span>
      {' · '}
      <span>{down.length === 0 ? 'all nodes up' : down.join(', ')}</span>
      {cutCount > 0 && (
        <>
          {' · '}
          <span className="sim__status-cut">
            {cutCount} one-way link{cutCount === 1 ? '' : 's'} cut
          </span>
        </>
      )}
    </p>
  );
}

/** Says that the embed replays someone's shared run, with the way back to the lesson's own run. */
function SharedRunBanner({ seed, actions, onLeave }: { seed: number; actions: number; onLeave(): void }) {
  return (
    <div className="sim-notice sim-notice--info sim-shared" role="status">
      <p>
        Replaying a shared run: seed {seed}, {actions} action{actions === 1 ? '' : 's'}.
      </p>
      <button type="button" className="sim-button" onClick={onLeave}>
        Show the default run
      </button>
    </div>
  );
}

/**
 * A share link points at its embed: bring the embed into view when the page opens on the link, and again
 * once its run has started, since the embed (and the content above it) grows when the first frame arrives.
 */
function useScrollToSharedRun(
  root: RefObject<HTMLElement | null>,
  embedKey: string | null,
  started: boolean,
) {
  const done = useRef(false);
  const pointedAt = embedKey !== null && sharedDataFor(location, embedKey) !== null;
  useEffect(() => {
    if (!pointedAt || done.current) return;
    root.current?.scrollIntoView({ block: 'start' });
    done.current = started;
  }, [root, pointedAt, started]);
}
