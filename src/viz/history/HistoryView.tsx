/**
 * Client operations as bars per client, from invocation to reply (Porcupine's picture of a history),
 * with the checkers' verdict above. Outcome is shown by colour and by fill pattern (solid, hatched,
 * dotted, open-ended). Bars are one keyboard stop: arrow keys move through them in time order, Enter
 * jumps the timeline to the operation, as a click does.
 */
import { scaleLinear } from 'd3';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { HistoryOperation } from '../../engine/core/types';
import { outcomeStyles, type Outcome } from '../shared/palette';
import { patternIds, Patterns } from '../shared/Patterns';
import { describeOperation, historyBars, violatingOperationIds, type CheckWithOperations, type HistoryBar } from './historyLayout';

export interface HistoryViewProps {
  history: readonly HistoryOperation[];
  now: number;
  checks: readonly CheckWithOperations[];
  width: number;
  selectedOperation: number | null;
  onSelectOperation(operation: HistoryOperation): void;
  /** Jump the timeline to a time (a violation's). */
  onSeek(time: number): void;
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

export function HistoryView({ history, now, checks, width, selectedOperation, onSelectOperation, onSeek, patternPrefix }: HistoryViewProps) {
  const [windowMs, setWindowMs] = useState<number>(Infinity);
  const from = Math.max(0, now - windowMs);
  const { lanes, bars } = useMemo(() => historyBars(history, now, { from, to: now }), [history, now, from]);
  const violating = useMemo(() => violatingOperationIds(checks), [checks]);
  const x = scaleLinear().domain([from, Math.max(now, from + 1)]).range([labelWidth, width - 10]);
  const height = axisHeight + Math.max(1, lanes.length) * laneHeight + 6;
  const ids = patternIds(patternPrefix);

  const ordered = useMemo(() => [...bars].sort((a, b) => a.start - b.start || a.operation.id - b.operation.id), [bars]);
  const [focusId, setFocusId] = useState<number | null>(null);
  const focusedId = ordered.some((bar) => bar.operation.id === focusId) ? focusId : (ordered.at(-1)?.operation.id ?? null);
  const barRefs = useRef(new Map<number, SVGGElement>());
  const onBarKey = (event: KeyboardEvent, bar: HistoryBar) => {
    const index = ordered.indexOf(bar);
    let next: number | null = null;
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown') next = Math.min(ordered.length - 1, index + 1);
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') next = Math.max(0, index - 1);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = ordered.length - 1;
    else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      event.stopPropagation();
      onSelectOperation(bar.operation);
      return;
    }
    if (next === null) return;
    event.preventDefault();
    event.stopPropagation();
    const id = ordered[next]!.operation.id;
    setFocusId(id);
    barRefs.current.get(id)?.focus();
  };

  const failing = checks.filter((check) => !check.ok);
  const counts = countOutcomes(bars);

  return (
    <div className="viz-history">
      <div className="viz-history__verdict" role="status">
        {checks.length === 0 ? (
          <p>No checker runs on this scenario.</p>
        ) : failing.length === 0 ? (
          <p className="viz-verdict viz-verdict--ok">✓ {checks.map((check) => check.name).join(', ')}: no violation so far.</p>
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
            <button key={option.label} type="button" aria-pressed={windowMs === option.ms} onClick={() => setWindowMs(option.ms)}>
              {option.label}
            </button>
          ))}
        </div>
        <Legend counts={counts} patternPrefix={patternPrefix} />
      </div>
      {bars.length === 0 ? (
        <p className="viz-history__empty">No client operations {windowMs === Infinity ? 'yet' : 'in this window'}.</p>
      ) : (
        <svg width={width} height={height} role="group" aria-label={`Operations by client, ${bars.length} shown`} className="viz-history__chart">
          <Patterns prefix={patternPrefix} />
          <g aria-hidden="true">
            {x.ticks(Math.max(2, Math.floor(width / 90))).map((tick) => (
              <g key={tick} transform={`translate(${x(tick)},0)`}>
                <line y1={axisHeight - 4} y2={height} className="viz-grid" />
                <text y={axisHeight - 8} className="viz-axis-label">
                  {tick} ms
                </text>
              </g>
            ))}
            {lanes.map((lane, index) => (
              <text key={lane} x={labelWidth - 6} y={axisHeight + index * laneHeight + laneHeight / 2} dy="0.35em" className="viz-lane-label">
                {lane}
              </text>
            ))}
            {failing
              .filter((check) => check.at !== null && check.at >= from)
              .map((check) => (
                <line key={check.name} x1={x(check.at!)} x2={x(check.at!)} y1={axisHeight - 4} y2={height} className="viz-violation-line" />
              ))}
          </g>
          {bars.map((bar) => {
            const x0 = x(bar.start);
            const x1 = Math.max(x0 + 3, x(bar.end));
            const y = axisHeight + bar.lane * laneHeight + (laneHeight - barHeight) / 2;
            const style = outcomeStyles[bar.outcome];
            const id = bar.operation.id;
            const highlighted = violating.has(id);
            const pattern = bar.outcome === 'failed' ? ids.hatch : bar.outcome === 'indeterminate' ? ids.dots : null;
            return (
              <g
                key={id}
                ref={(element) => {
                  if (element) barRefs.current.set(id, element);
                  else barRefs.current.delete(id);
                }}
                role="button"
                tabIndex={id === focusedId ? 0 : -1}
                aria-label={`${describeOperation(bar.operation)}: ${style.label}${highlighted ? ', part of a violation' : ''}. Jump to it.`}
                aria-pressed={id === selectedOperation}
                className={`viz-op${highlighted ? ' viz-op--violation' : ''}${id === selectedOperation ? ' viz-op--selected' : ''}`}
                onClick={() => {
                  setFocusId(id);
                  onSelectOperation(bar.operation);
                }}
                onKeyDown={(event) => onBarKey(event, bar)}
              >
                <rect x={x0} y={y} width={x1 - x0} height={barHeight} rx={bar.open ? 0 : 3} fill={style.colour} fillOpacity={bar.outcome === 'pending' ? 0.5 : 1} />
                {pattern && <rect x={x0} y={y} width={x1 - x0} height={barHeight} fill={`url(#${pattern})`} />}
                {bar.open && <path d={`M${x1},${y - 2}L${x1 + 6},${y + barHeight / 2}L${x1},${y + barHeight + 2}Z`} fill={style.colour} />}
                {highlighted && <rect x={x0 - 2} y={y - 2} width={x1 - x0 + 4} height={barHeight + 4} className="viz-op__violation-outline" />}
              </g>
            );
          })}
        </svg>
      )}
    </div>
  );
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
              <rect width="18" height="12" rx="2" fill={style.colour} fillOpacity={outcome === 'pending' ? 0.5 : 1} />
              {pattern && <rect width="18" height="12" fill={`url(#${pattern})`} />}
            </svg>
            {style.label} ({counts[outcome]})
          </li>
        );
      })}
    </ul>
  );
}
