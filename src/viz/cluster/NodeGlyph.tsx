/**
 * One node in the cluster view. Status is shown three ways at once: colour, the glyph inside the
 * circle (role letter when up, pause bars when paused, a cross when crashed) and the outline style
 * (solid, dotted, dashed), plus the status word in the label.
 */
import type { FrameNode } from '../../engine/core/frame';
import type { Value } from '../../engine/core/types';
import { okabeIto, roleColour, roleInitial } from '../shared/palette';
import { patternIds } from '../shared/Patterns';
import type { Point } from '../shared/geometry';
import type { LabelLevel } from './layout';

export interface NodeGlyphProps {
  node: FrameNode;
  at: Point;
  radius: number;
  /** How much text to show below the node (see labelLevel). */
  labels: LabelLevel;
  selected: boolean;
  onSideB: boolean;
  patternPrefix: string;
}

const maxKeysShown = 3;

export function formatValue(value: Value | Value[] | undefined): string {
  if (value === undefined) return '—';
  if (Array.isArray(value)) return `{${value.map((item) => String(item)).join(', ')}}`;
  return value === null ? '∅' : String(value);
}

/** "x=5 y=7 +2": the node's first few keys, for the label under it. */
export function kvSummary(kv: FrameNode['view']['kv']): string {
  if (!kv) return '';
  const entries = Object.entries(kv);
  const shown = entries.slice(0, maxKeysShown).map(([key, value]) => `${key}=${formatValue(value)}`);
  const more = entries.length - shown.length;
  return `${shown.join(' ')}${more > 0 ? ` +${more}` : ''}`;
}

/** "term 3" or "epoch 2", whichever the protocol reports. */
export function generationLabel(view: FrameNode['view']): string {
  if (view.term !== undefined) return `term ${view.term}`;
  if (view.epoch !== undefined) return `epoch ${view.epoch}`;
  return '';
}

/** The node in words, for its accessible name. */
export function describeNode(node: FrameNode): string {
  const parts = [
    node.id,
    node.view.role,
    node.status,
    generationLabel(node.view),
    `clock ${node.clock} ms`,
    kvSummary(node.view.kv),
  ];
  return parts.filter(Boolean).join(', ');
}

export function NodeGlyph({ node, at, radius, labels, selected, onSideB, patternPrefix }: NodeGlyphProps) {
  const { view, status } = node;
  const colour = status === 'crashed' ? okabeIto.grey : roleColour(view.role);
  const outline = status === 'crashed' ? '5 3' : status === 'paused' ? '2 3' : undefined;
  const ids = patternIds(patternPrefix);
  const glyphSize = radius * 0.45;
  const fontSize = Math.max(9, Math.min(14, radius * 0.7));
  return (
    <g transform={`translate(${at.x},${at.y})`} className={`viz-node viz-node--${status}`}>
      {onSideB && <circle r={radius + 8} className="viz-node__side-b" />}
      {selected && <circle r={radius + 4} className="viz-node__selected" />}
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
        <text className="viz-node__initial" dy="0.35em" fontSize={fontSize}>
          {roleInitial(view.role)}
        </text>
      )}
      {onSideB && (
        <text className="viz-node__side-b-label" x={radius * 0.75} y={-radius * 0.75} dy="0.35em">
          B
        </text>
      )}
      {labels !== 'none' && (
        <text className="viz-node__label" y={radius + 13}>
          <tspan className="viz-node__id">{node.id}</tspan>
          {(labels === 'full' || labels === 'role') && (
            <tspan>{` ${status === 'up' ? (view.role ?? '') : status}`}</tspan>
          )}
        </text>
      )}
      {(labels === 'full' || labels === 'role') && (
        <text className="viz-node__sublabel" y={radius + 26}>
          {[generationLabel(view), `clock ${node.clock}`].filter(Boolean).join(' · ')}
        </text>
      )}
      {labels === 'full' && view.kv && (
        <text className="viz-node__sublabel" y={radius + 38}>
          {kvSummary(view.kv)}
        </text>
      )}
    </g>
  );
}
