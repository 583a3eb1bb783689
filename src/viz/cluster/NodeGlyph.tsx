/**
 * One node in the cluster view. Status is shown three ways at once: colour, the glyph inside the
 * circle (role letter when up, pause bars when paused, a cross when crashed) and the outline style
 * (solid, dotted, dashed). Around it, the protocol's timers drain as rings (RaftScope's election
 * timer); inside it, its term or epoch; under it, a strip: its log (filled entries are committed) or
 * its request queue. Its text label is placed separately (nodeLabels.ts) so labels never collide.
 */
import type { FrameNode, FrameTimer } from '../../engine/core/frame';
import { okabeIto, roleColour, roleInitial, seriesColours } from '../shared/palette';
import { patternIds } from '../shared/Patterns';
import type { Point } from '../shared/geometry';
import { stripGap, stripHeight } from './nodeLabels';
import { generationShort } from './nodeText';

export interface NodeGlyphProps {
  node: FrameNode;
  at: Point;
  radius: number;
  /** Simulated ms the drawing stands at, for the timer rings. */
  now: number;
  selected: boolean;
  onSideB: boolean;
  patternPrefix: string;
}

/** Colours of the rings, by timer name; other timers take the last one. */
const timerColours: Record<string, string> = {
  election: okabeIto.vermillion,
  heartbeat: okabeIto.bluishGreen,
};
const ringWidth = 3;

/** How much of a timer is left, from 1 (just set) to 0 (firing now). */
export function timerLeft(timer: FrameTimer, now: number): number {
  const span = timer.deadline - timer.setAt;
  if (span <= 0) return 0;
  return Math.min(1, Math.max(0, (timer.deadline - now) / span));
}

/** A colour per term, so a student sees where one leader's entries end and the next one's begin. */
export function termColour(term: number | undefined): string {
  return seriesColours[(term ?? 0) % seriesColours.length]!;
}

export function stripWidthFor(radius: number): number {
  return Math.max(40, radius * 2 + 16);
}

export function NodeGlyph({ node, at, radius, now, selected, onSideB, patternPrefix }: NodeGlyphProps) {
  const { view, status } = node;
  const colour = status === 'crashed' ? okabeIto.grey : roleColour(view.role);
  const outline = status === 'crashed' ? '5 3' : status === 'paused' ? '2 3' : undefined;
  const ids = patternIds(patternPrefix);
  const glyphSize = radius * 0.45;
  const fontSize = Math.max(12, Math.min(15, radius * 0.6));
  const generation = radius >= 20 ? generationShort(view) : '';
  return (
    <g transform={`translate(${at.x},${at.y})`} className={`viz-node viz-node--${status}`}>
      {onSideB && <circle r={radius + 12} className="viz-node__side-b" />}
      {selected && <circle r={radius + 10} className="viz-node__selected" />}
      {node.timers.map((timer, index) => (
        <TimerRing
          key={timer.name}
          radius={radius + 3 + index * (ringWidth + 1)}
          left={timerLeft(timer, now)}
          colour={timerColours[timer.name] ?? okabeIto.reddishPurple}
          name={timer.name}
        />
      ))}
      <circle
        r={radius}
        fill={colour}
        fillOpacity={status === 'paused' ? 0.45 : 1}
        className="viz-node__body"
        strokeDasharray={outline}
      />
      {status === 'crashed' && <circle r={radius} fill={`url(#${ids.hatch})`} />}
      {status === 'crashed' && (
        <path
          d={`M${-glyphSize},${-glyphSize}L${glyphSize},${glyphSize}M${glyphSize},${-glyphSize}L${-glyphSize},${glyphSize}`}
          className="viz-node__glyph-line"
        />
      )}
      {status === 'paused' && (
        <path
          d={`M${-glyphSize / 2},${-glyphSize}V${glyphSize}M${glyphSize / 2},${-glyphSize}V${glyphSize}`}
          className="viz-node__glyph-line"
        />
      )}
      {status === 'up' && radius >= 14 && view.role && (
        <text className="viz-node__initial" dy={generation ? '-0.15em' : '0.35em'} fontSize={fontSize}>
          {roleInitial(view.role)}
        </text>
      )}
      {generation && status !== 'crashed' && (
        <text className="viz-node__term" y={radius * 0.55}>
          {generation}
        </text>
      )}
      {onSideB && (
        <text className="viz-node__side-b-label" x={radius * 0.75} y={-radius * 0.75} dy="0.35em">
          B
        </text>
      )}
      {view.queue ? (
        <QueueStrip queue={view.queue} radius={radius} />
      ) : status === 'crashed' ? (
        // The log is persistent state and survives the crash; the commit index is volatile and is lost
        // (Raft paper, figure 2), so a crashed node's log is drawn greyed, without one.
        view.log && <LogStrip log={view.log} commitIndex={null} radius={radius} />
      ) : (
        view.log &&
        view.commitIndex !== undefined && (
          <LogStrip log={view.log} commitIndex={view.commitIndex} radius={radius} />
        )
      )}
    </g>
  );
}

function TimerRing({
  radius,
  left,
  colour,
  name,
}: {
  radius: number;
  left: number;
  colour: string;
  name: string;
}) {
  const circumference = 2 * Math.PI * radius;
  return (
    <g className="viz-timer" data-timer={name} data-left={left.toFixed(3)}>
      <circle r={radius} className="viz-timer__track" strokeWidth={ringWidth} />
      <circle
        r={radius}
        fill="none"
        stroke={colour}
        strokeWidth={ringWidth}
        strokeDasharray={`${left * circumference} ${circumference}`}
        transform="rotate(-90)"
      />
    </g>
  );
}

/**
 * The newest log entries as cells coloured by term: filled when committed, hollow when not yet. A crashed
 * node's log (`commitIndex` null: it is not known while down) is drawn as grey cells.
 */
function LogStrip({
  log,
  commitIndex,
  radius,
}: {
  log: NonNullable<FrameNode['view']['log']>;
  commitIndex: number | null;
  radius: number;
}) {
  const width = stripWidthFor(radius);
  const cell = 8;
  const shown = log.slice(-Math.floor(width / cell));
  const left = -width / 2;
  const top = radius + stripGap;
  const down = commitIndex === null;
  return (
    <g
      className={down ? 'viz-log viz-log--down' : 'viz-log'}
      data-commit={commitIndex ?? undefined}
      data-last={log.at(-1)?.index ?? 0}
    >
      <rect x={left} y={top} width={width} height={stripHeight} className="viz-strip__slot" />
      {shown.map((entry, index) => {
        const look = down ? 'down' : entry.index <= commitIndex ? 'committed' : 'uncommitted';
        const colour = down ? okabeIto.grey : termColour(entry.term);
        return (
          <rect
            key={entry.index}
            x={left + 1 + index * cell}
            y={top + 1}
            width={cell - 2}
            height={stripHeight - 2}
            fill={look === 'uncommitted' ? 'none' : colour}
            stroke={colour}
            strokeWidth={look === 'uncommitted' ? 1.2 : 0}
            className={`viz-log__entry viz-log__entry--${look}`}
          />
        );
      })}
    </g>
  );
}

/** The request queue as a bar: one slot per place in the queue, the waiting requests filled in. */
function QueueStrip({ queue, radius }: { queue: NonNullable<FrameNode['view']['queue']>; radius: number }) {
  const width = stripWidthFor(radius);
  const left = -width / 2;
  const top = radius + stripGap;
  const filled = queue.capacity > 0 ? Math.min(1, queue.waiting / queue.capacity) : 0;
  return (
    <g className="viz-queue" data-waiting={queue.waiting}>
      <rect x={left} y={top} width={width} height={stripHeight} className="viz-strip__slot" />
      <rect
        x={left}
        y={top}
        width={width * filled}
        height={stripHeight}
        className={filled >= 1 ? 'viz-queue__fill viz-queue__fill--full' : 'viz-queue__fill'}
      />
    </g>
  );
}
