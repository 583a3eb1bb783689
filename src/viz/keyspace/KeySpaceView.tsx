/**
 * How keys map to nodes: the hash ring (consistent hashing: every virtual-node token, the arcs they own,
 * the shown keys at their positions), the key ranges (range partitioning), and load per node. Keys that
 * moved since the start (after a rebalance) are drawn larger with a thick outline and listed in text.
 * Each node has a colour and its name is written next to its ranges and bars.
 */
import { arc, scaleBand, scaleLinear } from 'd3';
import type { FrameNode } from '../../engine/core/frame';
import { seriesColours } from '../shared/palette';
import { ringArcs, type KeyRange, type KeySpace, type LoadMeasure } from './keyspaceData';

export interface KeySpaceViewProps {
  space: KeySpace | null;
  nodes: readonly Pick<FrameNode, 'id'>[];
  width: number;
}

const strategyLabels: Record<KeySpace['strategy'], string> = {
  'consistent-hashing': 'consistent hashing',
  'hash-modulo': 'hash modulo N',
  range: 'key ranges',
};
const movedListed = 12;

export function KeySpaceView({ space, nodes, width }: KeySpaceViewProps) {
  if (!space) return <p className="viz-charts__empty">The nodes have not reported their key ranges yet.</p>;
  const colours = new Map(
    nodes.map((node, index) => [node.id, seriesColours[index % seriesColours.length]!]),
  );
  const moved = space.keys.filter((key) => key.moved);
  return (
    <div className="viz-keyspace">
      <p className="viz-keyspace__summary">
        Placement: <strong>{strategyLabels[space.strategy]}</strong> over {space.members.length} member
        {space.members.length === 1 ? '' : 's'} ({space.members.join(', ')}).
        {space.keys.length > 0 && (
          <>
            {' '}
            Of the {space.keys.length} keys shown, <strong>{moved.length}</strong> now live on a different
            node than at the start
            {moved.length > 0
              ? `: ${moved
                  .slice(0, movedListed)
                  .map((key) => `${key.key}→${key.node}`)
                  .join(', ')}${moved.length > movedListed ? ' …' : ''}`
              : ''}
            .
          </>
        )}
      </p>
      {space.tokens.length > 0 && <KeyRing space={space} colours={colours} size={Math.min(width, 340)} />}
      {space.ranges.length > 0 && <RangeBar ranges={space.ranges} colours={colours} width={width} />}
      {space.load.map((measure) => (
        <LoadChart key={measure.name} measure={measure} colours={colours} width={Math.min(width, 420)} />
      ))}
    </div>
  );
}

function KeyRing({ space, colours, size }: { space: KeySpace; colours: Map<string, string>; size: number }) {
  const radius = size / 2 - 30;
  const toAngle = (at: number) => at * 2 * Math.PI;
  const arcPath = arc<{ from: number; to: number }>()
    .innerRadius(radius - 12)
    .outerRadius(radius)
    .startAngle((segment) => toAngle(segment.from))
    .endAngle((segment) => toAngle(segment.to));
  const point = (at: number, r: number) => ({ x: r * Math.sin(toAngle(at)), y: -r * Math.cos(toAngle(at)) });
  const labelTokens = space.tokens.length <= 24;
  const movedCount = space.keys.filter((key) => key.moved).length;
  return (
    <figure className="viz-chart">
      <figcaption className="viz-chart__title">Hash ring</figcaption>
      <svg
        width={size}
        height={size}
        role="img"
        aria-label={`Hash ring: ${space.tokens.length} tokens from ${space.members.length} nodes; ${space.keys.length} keys shown, ${movedCount} of them moved since the start`}
      >
        <g transform={`translate(${size / 2},${size / 2})`}>
          {ringArcs(space.tokens).map((segment, index) => (
            <path
              key={index}
              d={arcPath(segment) ?? ''}
              fill={colours.get(segment.node)}
              className="viz-ring__arc"
            />
          ))}
          {labelTokens &&
            space.tokens.map((token, index) => {
              const label = point(token.at, radius + 14);
              return (
                <text
                  key={`${token.node}-${index}`}
                  x={label.x}
                  y={label.y}
                  dy="0.35em"
                  className="viz-ring__label"
                >
                  {token.node}
                </text>
              );
            })}
          {space.keys.map((key) => {
            const at = point(key.at ?? 0, radius - 22);
            return (
              <circle
                key={key.key}
                cx={at.x}
                cy={at.y}
                r={key.moved ? 5 : 2.5}
                fill={colours.get(key.node)}
                className={key.moved ? 'viz-ring__key viz-ring__key--moved' : 'viz-ring__key'}
              />
            );
          })}
        </g>
      </svg>
      <Legend nodes={space.members} colours={colours} />
    </figure>
  );
}

function RangeBar({
  ranges,
  colours,
  width,
}: {
  ranges: readonly KeyRange[];
  colours: Map<string, string>;
  width: number;
}) {
  const x = scaleBand<number>()
    .domain(ranges.map((_, index) => index))
    .range([0, width])
    .paddingInner(0.03);
  const labelled = x.bandwidth() >= 28;
  const describe = (range: KeyRange) =>
    `${range.start || '−∞'} to ${range.end ?? '+∞'} on ${range.node}${range.replicas.length > 1 ? ` (replicas ${range.replicas.join(', ')})` : ''}`;
  return (
    <figure className="viz-chart viz-keyspace__wide">
      <figcaption className="viz-chart__title">Key ranges ({ranges.length})</figcaption>
      <svg width={width} height={58} role="img" aria-label={`Key ranges: ${ranges.map(describe).join('; ')}`}>
        {ranges.map((range, index) => (
          <g key={range.id} transform={`translate(${x(index)},0)`}>
            <title>{describe(range)}</title>
            <rect width={x.bandwidth()} height={30} fill={colours.get(range.node)} rx={3} />
            {labelled && (
              <text x={x.bandwidth() / 2} y={15} dy="0.35em" className="viz-range__node">
                {range.node}
              </text>
            )}
            {labelled && (
              <text x={1} y={46} className="viz-range__bound">
                {range.start || '−∞'}
              </text>
            )}
          </g>
        ))}
      </svg>
    </figure>
  );
}

function LoadChart({
  measure,
  colours,
  width,
}: {
  measure: LoadMeasure;
  colours: Map<string, string>;
  width: number;
}) {
  const height = 120;
  const margin = { top: 8, bottom: 20, left: 40 };
  const x = scaleBand<string>()
    .domain(measure.values.map((entry) => entry.node))
    .range([margin.left, width])
    .padding(0.2);
  const y = scaleLinear()
    .domain([0, Math.max(1, ...measure.values.map((entry) => entry.value))])
    .nice()
    .range([height - margin.bottom, margin.top]);
  return (
    <figure className="viz-chart">
      <figcaption className="viz-chart__title">{measure.name} per node</figcaption>
      <svg
        width={width}
        height={height}
        role="img"
        aria-label={`${measure.name} per node: ${measure.values.map((entry) => `${entry.node} ${Math.round(entry.value)}`).join(', ')}`}
      >
        {y.ticks(3).map((tick) => (
          <g key={tick} transform={`translate(0,${y(tick)})`}>
            <line x1={margin.left} x2={width} className="viz-grid" />
            <text x={margin.left - 6} dy="0.35em" className="viz-axis-label viz-axis-label--y">
              {tick}
            </text>
          </g>
        ))}
        {measure.values.map((entry) => (
          <g key={entry.node}>
            <rect
              x={x(entry.node)}
              y={y(entry.value)}
              width={x.bandwidth()}
              height={Math.max(0, y(0) - y(entry.value))}
              fill={colours.get(entry.node)}
            />
            <text x={(x(entry.node) ?? 0) + x.bandwidth() / 2} y={height - 5} className="viz-axis-label">
              {entry.node}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

function Legend({ nodes, colours }: { nodes: readonly string[]; colours: Map<string, string> }) {
  return (
    <ul className="viz-legend" aria-label="Node colours">
      {nodes.map((node) => (
        <li key={node}>
          <svg width="12" height="12" aria-hidden="true">
            <rect width="12" height="12" rx="2" fill={colours.get(node)} />
          </svg>
          {node}
        </li>
      ))}
    </ul>
  );
}
