/**
 * Client operations as bars per client, from invocation to reply (Porcupine's picture of a history),
 * with the checkers' verdict above. Outcome is shown by colour and by fill pattern (solid, hatched,
 * dotted, open-ended). A history holds up to a thousand operations redrawn every frame, so the bars are
 * drawn on a canvas; the chart is one keyboard stop where arrow keys move through operations in time
 * order (each read out). A click or Enter selects an operation and shows its details without moving time;
 * the details' "Go to" button moves the timeline there.
 */
import { scaleLinear } from 'd3';
import { useId, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { frameLimits } from '../../engine/core/frame';
import type { HistoryOperation } from '../../engine/core/types';
import { useCanvas, useThemeColours } from '../shared/hooks';
import { outcomeStyles, type Outcome } from '../shared/palette';
import { patternIds, Patterns } from '../shared/Patterns';
import type { HistoryFormat } from '../../engine/checkers/export';
import { HistoryDownload } from './HistoryDownload';
import {
  describeOperation,
  historyBars,
  outcomeOf,
  violatingOperationIds,
  type CheckWithOperations,
  type HistoryBar,
} from './historyLayout';

export interface HistoryViewProps {
  /** The operations the frame carries: the latest `frameLimits.history` of the run. */
  history: readonly HistoryOperation[];
  /** How many operations the run has had up to now, including those the frame no longer carries. */
  totalOperations: number;
  now: number;
  checks: readonly CheckWithOperations[];
  width: number;
  selectedOperation: number | null;
  /** Shows an operation's details; time does not move. */
  onSelectOperation(operation: HistoryOperation): void;
  /** Moves the timeline to a time (an operation's start, a violation's). */
  onSeek(time: number): void;
  /** Runs the scenario's checkers over the history so far, when it has any. */
  onRunChecks?: () => void;
  /** Saves the whole history so far as a file for an outside checker. */
  onDownloadHistory?: (format: HistoryFormat) => Promise<void>;
  patternPrefix: string;
}

const windows = [
  { label: 'Last second', ms: 1000 },
  { label: 'Last 5 s', ms: 5000 },
  { label: 'Whole run', ms: Infinity },
] as const;

const laneHeight = 20;
const barHeight = 12;
const labelWidth = 48;
const axisHeight = 22;

export interface HistoryGeometry {
  x: (time: number) => number;
  barTop: (lane: number) => number;
}

export function barBox(bar: HistoryBar, geometry: HistoryGeometry): { x0: number; x1: number; y: number } {
  const x0 = geometry.x(bar.start);
  return { x0, x1: Math.max(x0 + 3, geometry.x(bar.end)), y: geometry.barTop(bar.lane) };
}

/** The bar under a point, if any (the last drawn wins, as on screen). */
export function barAt(
  bars: readonly HistoryBar[],
  geometry: HistoryGeometry,
  point: { x: number; y: number },
): HistoryBar | null {
  for (let index = bars.length - 1; index >= 0; index--) {
    const { x0, x1, y } = barBox(bars[index]!, geometry);
    if (point.x >= x0 - 2 && point.x <= x1 + 2 && point.y >= y - 3 && point.y <= y + barHeight + 3)
      return bars[index]!;
  }
  return null;
}

export function HistoryView({
  history,
  totalOperations,
  now,
  checks,
  width,
  selectedOperation,
  onSelectOperation,
  onSeek,
  onRunChecks,
  onDownloadHistory,
  patternPrefix,
}: HistoryViewProps) {
  const [windowMs, setWindowMs] = useState<number>(Infinity);
  const from = Math.max(0, now - windowMs);
  const { lanes, bars } = useMemo(() => historyBars(history, now, { from, to: now }), [history, now, from]);
  const violating = useMemo(() => violatingOperationIds(checks, history), [checks, history]);
  const ordered = useMemo(
    () => [...bars].sort((a, b) => a.start - b.start || a.operation.id - b.operation.id),
    [bars],
  );
  const [focusId, setFocusId] = useState<number | null>(null);
  const [hasFocus, setHasFocus] = useState(false);
  const focused = ordered.find((bar) => bar.operation.id === focusId) ?? ordered.at(-1) ?? null;
  const container = useRef<HTMLDivElement>(null);
  const colours = useThemeColours(container);
  const readoutId = useId();

  const height = axisHeight + Math.max(1, lanes.length) * laneHeight + 6;
  const x = scaleLinear()
    .domain([from, Math.max(now, from + 1)])
    .range([labelWidth, width - 28]);
  const geometry: HistoryGeometry = {
    x,
    barTop: (lane) => axisHeight + lane * laneHeight + (laneHeight - barHeight) / 2,
  };

  const canvas = useCanvas(width, height, (context) => {
    const { text, muted, border: grid, danger, focus: focusColour } = colours();
    context.font = '12px system-ui, sans-serif';
    context.textBaseline = 'middle';
    context.textAlign = 'center';
    for (const tick of x.ticks(Math.max(2, Math.floor(width / 90)))) {
      context.fillStyle = grid;
      context.fillRect(Math.round(x(tick)), axisHeight - 4, 1, height - axisHeight);
      context.fillStyle = muted;
      context.fillText(`${tick} ms`, x(tick), 9);
    }
    context.textAlign = 'right';
    context.font = '12px system-ui, sans-serif';
    context.fillStyle = text;
    lanes.forEach((lane, index) =>
      context.fillText(lane, labelWidth - 6, axisHeight + index * laneHeight + laneHeight / 2),
    );
    for (const check of checks) {
      if (check.ok || check.at === null || check.at < from) continue;
      context.strokeStyle = danger;
      context.lineWidth = 2;
      context.setLineDash([6, 3]);
      context.beginPath();
      context.moveTo(x(check.at), axisHeight - 4);
      context.lineTo(x(check.at), height);
      context.stroke();
      context.setLineDash([]);
    }
    const patterns = { hatch: hatchPattern(context), dots: dotPattern(context) };
    for (const bar of bars) {
      const { x0, x1, y } = barBox(bar, geometry);
      const style = outcomeStyles[bar.outcome];
      context.globalAlpha = bar.outcome === 'pending' ? 0.5 : 1;
      context.fillStyle = style.colour;
      context.fillRect(x0, y, x1 - x0, barHeight);
      if (bar.open) {
        context.beginPath();
        context.moveTo(x1, y - 2);
        context.lineTo(x1 + 6, y + barHeight / 2);
        context.lineTo(x1, y + barHeight + 2);
        context.fill();
      }
      context.globalAlpha = 1;
      const pattern =
        bar.outcome === 'failed' ? patterns.hatch : bar.outcome === 'indeterminate' ? patterns.dots : null;
      if (pattern) {
        context.fillStyle = pattern;
        context.fillRect(x0, y, x1 - x0, barHeight);
      }
      if (violating.has(bar.operation.id)) {
        context.strokeStyle = text;
        context.lineWidth = 2;
        context.setLineDash([3, 2]);
        context.strokeRect(x0 - 2, y - 2, x1 - x0 + 4, barHeight + 4);
        context.setLineDash([]);
      }
      if (bar.operation.id === selectedOperation || (hasFocus && bar === focused)) {
        context.strokeStyle = focusColour;
        context.lineWidth = 3;
        context.strokeRect(x0 - 1.5, y - 1.5, x1 - x0 + 3, barHeight + 3);
      }
    }
  });

  const move = (to: number) =>
    setFocusId(ordered[Math.max(0, Math.min(ordered.length - 1, to))]?.operation.id ?? null);
  const onKeyDown = (event: KeyboardEvent) => {
    if (!focused) return;
    const index = ordered.indexOf(focused);
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(ordered.length - 1);
    else if (event.key === 'Enter' || event.key === ' ') onSelectOperation(focused.operation);
    else return;
    event.preventDefault();
    event.stopPropagation();
  };
  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const bar = barAt(bars, geometry, { x: event.clientX - box.left, y: event.clientY - box.top });
    if (!bar) return;
    setFocusId(bar.operation.id);
    onSelectOperation(bar.operation);
  };

  const selected = history.find((operation) => operation.id === selectedOperation) ?? null;
  const failing = checks.filter((check) => !check.ok);
  const counts = countOutcomes(bars);
  const describe = (bar: HistoryBar) =>
    `Operation ${ordered.indexOf(bar) + 1} of ${ordered.length}: ${describeOperation(bar.operation)}: ${outcomeStyles[bar.outcome].label}${violating.has(bar.operation.id) ? ', part of a violation' : ''}.`;

  return (
    <div className="viz-history" ref={container}>
      <div className="viz-history__verdict" role="status">
        {checks.length === 0 ? (
          <p>{onRunChecks ? 'Not checked at this point yet.' : 'No checker runs on this scenario.'}</p>
        ) : failing.length === 0 ? (
          <p className="viz-verdict viz-verdict--ok">
            ✓ {checks.map((check) => check.name).join(', ')}: no violation up to {now} ms.
          </p>
        ) : (
          <ul className="viz-verdict-list">
            {failing.map((check) => (
              <li key={check.name} className="viz-verdict viz-verdict--failed">
                ✗ <strong>{check.name}</strong>: {check.detail}
                {check.at !== null && (
                  <>
                    {' '}
                    <button type="button" className="viz-link-button" onClick={() => onSeek(check.at!)}>
                      Go to {check.at} ms
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="viz-history__toolbar">
        <div role="group" aria-label="Time window" className="viz-segmented">
          {windows.map((option) => (
            <button
              key={option.label}
              type="button"
              aria-pressed={windowMs === option.ms}
              onClick={() => setWindowMs(option.ms)}
            >
              {option.label}
            </button>
          ))}
        </div>
        {onRunChecks && (
          <button type="button" className="sim-button" onClick={onRunChecks}>
            Check the history so far
          </button>
        )}
        <Legend counts={counts} patternPrefix={patternPrefix} />
      </div>
      {bars.length === 0 ? (
        <p className="viz-history__empty">
          No client operations {windowMs === Infinity ? 'yet' : 'in this window'}.
        </p>
      ) : (
        <div
          className="viz-history__chart"
          role="group"
          tabIndex={0}
          aria-label={`Operations by client, ${bars.length} shown. Arrow keys move between operations; Enter selects one to show its details.`}
          aria-describedby={readoutId}
          onKeyDown={onKeyDown}
          onFocus={() => setHasFocus(true)}
          onBlur={() => setHasFocus(false)}
        >
          <canvas ref={canvas} style={{ width, height }} onPointerDown={onPointerDown} aria-hidden="true" />
          <p id={readoutId} className="viz-sr-only" aria-live="polite">
            {hasFocus && focused ? describe(focused) : ''}
          </p>
        </div>
      )}
      {focused && <p className="viz-history__focused">{describe(focused)}</p>}
      <ShownCount
        shown={bars.length}
        history={history}
        totalOperations={totalOperations}
        wholeRun={windowMs === Infinity}
      />
      {selected ? (
        <OperationDetail
          operation={selected}
          outcome={outcomeOf(selected)}
          violating={violating.has(selected.id)}
          onGoTo={() => onSeek(selected.invoke)}
        />
      ) : (
        bars.length > 0 && <p className="viz-history__hint">Click an operation to see its details.</p>
      )}
      {onDownloadHistory && totalOperations > 0 && <HistoryDownload onDownload={onDownloadHistory} />}
    </div>
  );
}

/** Canvas versions of the SVG patterns: diagonal hatching and dots, drawn over the bar's colour. */
function hatchPattern(context: CanvasRenderingContext2D): CanvasPattern | null {
  const tile = new OffscreenCanvas(6, 6);
  const tileContext = tile.getContext('2d');
  if (!tileContext) return null;
  tileContext.strokeStyle = 'rgba(0,0,0,0.5)';
  tileContext.lineWidth = 1.6;
  tileContext.beginPath();
  tileContext.moveTo(0, 6);
  tileContext.lineTo(6, 0);
  tileContext.moveTo(-1, 1);
  tileContext.lineTo(1, -1);
  tileContext.moveTo(5, 7);
  tileContext.lineTo(7, 5);
  tileContext.stroke();
  return context.createPattern(tile, 'repeat');
}

function dotPattern(context: CanvasRenderingContext2D): CanvasPattern | null {
  const tile = new OffscreenCanvas(5, 5);
  const tileContext = tile.getContext('2d');
  if (!tileContext) return null;
  tileContext.fillStyle = 'rgba(0,0,0,0.55)';
  tileContext.beginPath();
  tileContext.arc(2.5, 2.5, 1.1, 0, Math.PI * 2);
  tileContext.fill();
  return context.createPattern(tile, 'repeat');
}

function countOutcomes(bars: readonly HistoryBar[]): Record<Outcome, number> {
  const counts: Record<Outcome, number> = { ok: 0, failed: 0, indeterminate: 0, pending: 0 };
  for (const bar of bars) counts[bar.outcome]++;
  return counts;
}

function Legend({ counts, patternPrefix }: { counts: Record<Outcome, number>; patternPrefix: string }) {
  return (
    <ul className="viz-legend" aria-label="Outcomes">
      {(Object.keys(outcomeStyles) as Outcome[]).map((outcome) => {
        const style = outcomeStyles[outcome];
        const prefix = `${patternPrefix}-legend-${outcome}`;
        const ids = patternIds(prefix);
        const pattern = outcome === 'failed' ? ids.hatch : outcome === 'indeterminate' ? ids.dots : null;
        return (
          <li key={outcome}>
            <svg width="18" height="12" aria-hidden="true">
              {pattern && <Patterns prefix={prefix} />}
              <rect
                width="18"
                height="12"
                rx="2"
                fill={style.colour}
                fillOpacity={outcome === 'pending' ? 0.5 : 1}
              />
              {pattern && <rect width="18" height="12" fill={`url(#${pattern})`} />}
            </svg>
            {style.label} ({counts[outcome]})
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Says when the chart holds fewer operations than the run had: frames carry only the latest ones, so
 * "Whole run" past that many, or a window reaching back before the oldest kept, is not complete.
 */
function ShownCount({
  shown,
  history,
  totalOperations,
  wholeRun,
}: {
  shown: number;
  history: readonly HistoryOperation[];
  totalOperations: number;
  wholeRun: boolean;
}) {
  const notKept = totalOperations - history.length;
  if (notKept <= 0 || shown === 0) return null;
  const limit = frameLimits.history.toLocaleString('en');
  if (wholeRun)
    return (
      <p className="viz-history__count">
        Showing {shown.toLocaleString('en')} of {totalOperations.toLocaleString('en')} operations: only the
        latest {limit} are kept for drawing.
      </p>
    );
  return (
    <p className="viz-history__count">
      Showing {shown.toLocaleString('en')} operations. Only the latest {limit} of{' '}
      {totalOperations.toLocaleString('en')} are kept for drawing, so operations that started before{' '}
      {history[0]!.invoke} ms may be missing from this window.
    </p>
  );
}

/** The selected operation, and the way to move the timeline to it. */
function OperationDetail({
  operation,
  outcome,
  violating,
  onGoTo,
}: {
  operation: HistoryOperation;
  outcome: Outcome;
  violating: boolean;
  onGoTo(): void;
}) {
  return (
    <div className="viz-history__selected" role="region" aria-label="Selected operation">
      <p>
        <strong>Selected:</strong> {describeOperation(operation)}: {outcomeStyles[outcome].label}
        {violating ? ', part of a violation' : ''}.
      </p>
      <button type="button" className="sim-button" onClick={onGoTo}>
        Go to {operation.invoke} ms
      </button>
    </div>
  );
}
