/**
 * A space-time diagram in Lamport's style: one lifeline per node, time running to the right, and an
 * arrow for each message from (sender, sentAt) to (receiver, deliverAt). Messages still in flight end
 * at "now"; dropped ones end in a cross. Message names are placed so that none prints over another. Drawn on a canvas (busy clusters have thousands of arrows),
 * with a table of the latest messages for screen readers.
 */
import { scaleLinear } from 'd3';
import { useRef, useState } from 'react';
import type { FrameNode } from '../../engine/core/frame';
import { useCanvas, useThemeColours } from '../shared/hooks';
import { messageColour } from '../shared/palette';
import { messageProgress, type Point } from '../shared/geometry';
import { placeLabels, type Box } from '../shared/labels';
import { messagesInWindow, missedEventsInWindow, type LoggedMessage, type MessageLog } from './messageLog';

export interface SpaceTimeDiagramProps {
  log: MessageLog;
  nodes: readonly Pick<FrameNode, 'id' | 'status'>[];
  now: number;
  width: number;
  defaultWindowMs: number;
}

const axisHeight = 22;
const labelWidth = 44;
const maxLabelled = 40;
const tableRows = 12;

export function laneHeightFor(count: number): number {
  return count <= 6 ? 40 : count <= 12 ? 28 : count <= 24 ? 16 : 9;
}

/** Window choices around a default that suits the scenario's latency. */
export function windowChoices(defaultMs: number): number[] {
  const base = Math.max(10, Math.round(defaultMs));
  return [base, base * 5, base * 25];
}

export function SpaceTimeDiagram({ log, nodes, now, width, defaultWindowMs }: SpaceTimeDiagramProps) {
  const choices = windowChoices(defaultWindowMs);
  const [windowMs, setWindowMs] = useState(choices[0]!);
  const from = Math.max(0, now - windowMs);
  const to = Math.max(now, from + windowMs);
  const laneHeight = laneHeightFor(nodes.length);
  const height = axisHeight + nodes.length * laneHeight + 8;
  const x = scaleLinear()
    .domain([from, to])
    .range([labelWidth, width - 28]);
  const laneY = new Map(
    nodes.map((node, index) => [node.id, axisHeight + index * laneHeight + laneHeight / 2]),
  );
  const messages = messagesInWindow(log, from, now);
  const missed = missedEventsInWindow(log, from, now);
  const container = useRef<HTMLDivElement>(null);
  const colours = useThemeColours(container);

  const canvas = useCanvas(width, height, (context) => {
    const { text, muted, border: grid } = colours();
    context.font = '12px system-ui, sans-serif';
    context.textBaseline = 'middle';
    // Time axis: each tick's name stays whole inside the canvas, even at the edges.
    context.fillStyle = muted;
    context.textAlign = 'left';
    for (const tick of x.ticks(Math.max(2, Math.floor(width / 100)))) {
      const name = `${tick} ms`;
      const nameWidth = context.measureText(name).width;
      context.fillText(name, Math.min(width - nameWidth - 1, Math.max(0, x(tick) - nameWidth / 2)), 9);
      context.fillRect(x(tick), axisHeight - 4, 1, height - axisHeight);
    }
    // Lifelines: solid while up, dashed while crashed or paused.
    context.textAlign = 'right';
    for (const node of nodes) {
      const y = laneY.get(node.id)!;
      context.strokeStyle = node.status === 'up' ? muted : grid;
      context.lineWidth = node.status === 'up' ? 1.5 : 1;
      context.setLineDash(node.status === 'up' ? [] : [4, 4]);
      context.beginPath();
      context.moveTo(labelWidth, y);
      context.lineTo(width - 12, y);
      context.stroke();
      if (laneHeight >= 14 || nodes.length <= 30) {
        context.fillStyle = text;
        context.fillText(node.id, labelWidth - 6, y);
      }
    }
    context.setLineDash([]);
    // "Now" line.
    context.strokeStyle = text;
    context.beginPath();
    context.moveTo(x(now), axisHeight - 4);
    context.lineTo(x(now), height);
    context.stroke();
    context.textAlign = 'left';
    // Arrows that started before the window are cut at its left edge, not drawn over the node names.
    context.save();
    context.beginPath();
    context.rect(labelWidth, 0, width - labelWidth, height);
    context.clip();
    const anchors: { text: string; at: Point }[] = [];
    for (const message of messages) {
      const middle = drawArrow(context, message, x, laneY, now);
      if (middle && messages.length <= maxLabelled) anchors.push({ text: message.label, at: middle });
    }
    context.restore();
    // Message names go beside their arrow's middle, never over another name; one with no room is left out.
    context.fillStyle = text;
    const labelBoxes = placeLabels(
      anchors.map(({ text: name, at }) => {
        const nameWidth = Math.ceil(context.measureText(name).width) + 2;
        return {
          width: nameWidth,
          height: 15,
          candidates: [
            { x: at.x + 3, y: at.y - 17 },
            { x: at.x + 3, y: at.y + 2 },
            { x: at.x - nameWidth - 3, y: at.y - 17 },
            { x: at.x - nameWidth - 3, y: at.y + 2 },
          ],
        };
      }),
      [{ x: 0, y: 0, width: labelWidth, height }],
      { width, height },
    );
    labelBoxes.forEach((box: Box | null, index) => {
      if (box) context.fillText(anchors[index]!.text, box.x + 1, box.y + 7.5);
    });
  });

  const [tableOpen, setTableOpen] = useState(false);
  const latest = tableOpen ? messages.slice(-tableRows).reverse() : [];
  return (
    <div className="viz-spacetime" ref={container}>
      <div className="viz-history__toolbar">
        <div role="group" aria-label="Time window" className="viz-segmented">
          {choices.map((choice) => (
            <button
              key={choice}
              type="button"
              aria-pressed={windowMs === choice}
              onClick={() => setWindowMs(choice)}
            >
              {choice >= 1000 ? `${choice / 1000} s` : `${choice} ms`}
            </button>
          ))}
        </div>
        <p className="viz-spacetime__count">
          {messages.length} message{messages.length === 1 ? '' : 's'} in the last {windowMs} ms
          {missed > 0 &&
            `; ${missed} more events passed between two frames and are not drawn (a slower speed shows them)`}
        </p>
      </div>
      <canvas
        ref={canvas}
        style={{ width, height }}
        role="img"
        aria-label={`Messages between nodes over the last ${windowMs} ms: ${messages.length} shown. The table below lists the latest.`}
      />
      <details className="viz-spacetime__table" onToggle={(event) => setTableOpen(event.currentTarget.open)}>
        <summary>Latest messages as a table</summary>
        {!tableOpen ? null : latest.length === 0 ? (
          <p>None in this window.</p>
        ) : (
          <table className="viz-table">
            <thead>
              <tr>
                <th scope="col">Message</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Sent</th>
                <th scope="col">Arrives</th>
                <th scope="col">Fate</th>
              </tr>
            </thead>
            <tbody>
              {latest.map((message) => (
                <tr key={message.id}>
                  <td>{message.label}</td>
                  <td>{message.from}</td>
                  <td>{message.to}</td>
                  <td>{message.sentAt} ms</td>
                  <td>{message.deliverAt} ms</td>
                  <td>
                    {message.fate === 'dropped'
                      ? `dropped at ${message.droppedAt} ms`
                      : message.fate === 'delivered'
                        ? 'delivered'
                        : 'in flight'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </details>
    </div>
  );
}

function drawArrow(
  context: CanvasRenderingContext2D,
  message: LoggedMessage,
  x: (time: number) => number,
  laneY: ReadonlyMap<string, number>,
  now: number,
): Point | null {
  const y0 = laneY.get(message.from);
  const y1 = laneY.get(message.to);
  if (y0 === undefined || y1 === undefined) return null;
  const endTime = message.fate === 'dropped' ? message.droppedAt! : Math.min(message.deliverAt, now);
  const t = messageProgress(message.sentAt, message.deliverAt, endTime);
  const sx = x(message.sentAt);
  const ex = x(endTime);
  const ey = y0 + (y1 - y0) * t;
  const colour = messageColour(message.label);
  context.strokeStyle = colour;
  context.fillStyle = colour;
  context.lineWidth = 1.5;
  context.setLineDash(message.fate === 'dropped' ? [3, 3] : []);
  context.beginPath();
  context.moveTo(sx, y0);
  context.lineTo(ex, ey);
  context.stroke();
  context.setLineDash([]);
  if (message.fate === 'dropped') {
    const size = 4;
    context.beginPath();
    context.moveTo(ex - size, ey - size);
    context.lineTo(ex + size, ey + size);
    context.moveTo(ex + size, ey - size);
    context.lineTo(ex - size, ey + size);
    context.stroke();
  } else if (message.fate === 'delivered') {
    const angle = Math.atan2(ey - y0, ex - sx);
    const size = 6;
    context.beginPath();
    context.moveTo(ex, ey);
    context.lineTo(ex - size * Math.cos(angle - 0.4), ey - size * Math.sin(angle - 0.4));
    context.lineTo(ex - size * Math.cos(angle + 0.4), ey - size * Math.sin(angle + 0.4));
    context.closePath();
    context.fill();
  } else {
    context.beginPath();
    context.arc(ex, ey, 3, 0, Math.PI * 2);
    context.fill();
  }
  return { x: (sx + ex) / 2, y: (y0 + ey) / 2 };
}
