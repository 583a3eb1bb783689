/**
 * How keys map to nodes: a hash ring (consistent hashing: node tokens, the arcs they own, keys at their
 * positions), a range bar (range partitioning), and the load per node. Keys that moved in the latest
 * rebalance are ringed and listed. Each node has a colour and its name is always written next to it.
 */
import { arc, scaleBand, scaleLinear } from 'd3';
import type { FrameNode } from '../../engine/core/frame';
import { seriesColours } from '../shared/palette';
import { ringArcs, type KeyRange, type KeySpace } from './keyspaceData';

export interface KeySpaceViewProps {
  space: KeySpace;
  nodes: readonly Pick<FrameNode, 'id'>[];
  width: number;
}

function nodeColours(nodes: readonly Pick<FrameNode, 'id'>[]): Map<string, string> {
  return new Map(nodes.map((node, index) => [node.id, seriesColours[index % seriesColours.length]!]));
}

export function KeySpaceView({ space, nodes, width }: KeySpaceViewProps) {
  const colours = nodeColours(nodes);
  const ringSize = Math.min(width, 320);
  return (
    <div className="viz-keyspace">
      {space.tokens.length > 0 && <KeyRing space={space} colours={colours} size={ringSize} />}
      {space.ranges.length > 0 && <RangeBar ranges={space.ranges} colours={colours} width={width} moved={space.moved} />}
      {space.load.length > 0 && <LoadChart load={space.load} colours={colours} width={Math.min(width, 480)} />}
      {space.moved.length > 0 && (
        <p className="viz-keyspace__moved">
          Moved in the latest rebalance: <strong>{space.moved.join(', ')}</strong>
        </p>
      )}
    </div>
  );
}

function KeyRing({ space, colours, size }: { space: KeySpace; colours: Map<string, string>; size: number }) {
  const radius = size / 2 - 34;
  const toAngle = (at: number) => at * 2 * Math.PI;
  const arcPath = arc<{ from: number; to: number }>()
    .innerRadius(radius - 10)
    .outerRadius(radius)
    .startAngle((segment) => toAngle(segment.from))
    .endAngle((segment) => toAngle(segment.to));
  const point = (at: number, r: number) => ({ x: r * Math.sin(toAngle(at)), y: -r * Math.cos(toAngle(at)) });
  const owners = [...new Set(space.tokens.map((token) => token.node))];
  const labelled = space.tokens.length <= 24;
  return (
    <figure className="viz-chart">
      <figcaption className="viz-chart__title">Hash ring</figcaption>
      <svg
        width={size}
        height={size}
        role="img"
        aria-label={`Hash ring with ${space.tokens.length} tokens on ${owners.length} nodes and ${space.keys.length} keys${space.moved.length ? `; ${space.moved.length} keys moved` : ''}`}
      >
        <g transform={`translate(${size / 2},${size / 2})`}>
          {ringArcs(space.tokens).map((segment, index) => (
            <path key={index} d={arcPath(segment) ?? ''} fill={colours.get(segment.node)} fillOpacity={0.85} className="viz-ring__arc" />
          ))}
          {space.tokens.map((token, index) => {
            const inner = point(token.at, radius - 14);
            const outer = point(token.at, radius + 4);
            const label = point(token.at, radius + 16);
            return (
              <g key={`${token.node}-${index}`}>
                <line x1={inner.x} y1={inner.y} x2={outer.x} y2={outer.y} className="viz-ring__token" />
                {labelled && (
                  <text x={label.x} y={label.y} dy="0.35em" className="viz-ring__label">
                    {token.node}
                  </text>
                )}
              </g>
            );
          })}
          {space.keys.map((key) => {
            const at = point(key.at, radius - 22);
            return (
              <g key={key.key}>
                <circle cx={at.x} cy={at.y} r={key.moved ? 5 : 3} className={key.moved ? 'viz-ring__key viz-ring__key--moved' : 'viz-ring__key'} fill={colours.get(key.node)}>
                  <title>{`${key.key} on ${key.node}${key.moved ? ' (moved)' : ''}`}</title>
                </circle>
              </g>
            );
          })}
        </g>
      </svg>
    </figure>
  );
}

function RangeBar({ ranges, colours, width, moved }: { ranges: readonly KeyRange[]; colours: Map<string, string>; width: number; moved: readonly string[] }) {
  const x = scaleBand<number>()
    .domain(ranges.map((_, index) => index))
    .range([0, width])
    .paddingInner(0.02);
  const bound = (value: string, open: string) => (value === '' ? open : value);
  return (
    <figure className="viz-chart">
      <figcaption className="viz-chart__title">Key ranges</figcaption>
      <svg width={width} height={54} role="img" aria-label={`Key ranges: ${ranges.map((range) => `${bound(range.start, 'start')} to ${bound(range.end, 'end')} on ${range.node}`).join('; ')}`}>
        {ranges.map((range, index) => (
          <g key={`${range.node}-${range.start}`} transform={`translate(${x(index)},0)`}>
            <rect width={x.bandwidth()} height={30} fill={colours.get(range.node)} fillOpacity={0.85} rx={3} />
            <text x={x.bandwidth() / 2} y={15} dy="0.35em" className="viz-range__node">
              {range.node}
            </text>
            <text x={2} y={44} className="viz-range__bound">
              {bound(range.start, '−∞')}
            </text>
          </g>
        ))}
      </svg>
      {moved.length > 0 && <figcaption className="viz-chart__unit">Moved keys: {moved.join(', ')}</figcaption>}
    </figure>
  );
}

function LoadChart({ load, colours, width }: { load: readonly { node: string; value: number }[]; colours: Map<string, string>; width: number }) {
  const height = 130;
  const margin = { top: 8, bottom: 20, left: 36 };
  const x = scaleBand<string>()
    .domain(load.map((entry) => entry.node))
    .range([margin.left, width])
    .padding(0.2);
  const y = scaleLinear()
    .domain([0, Math.max(1, ...load.map((entry) => entry.value))])
    .nice()
    .range([height - margin.bottom, margin.top]);
  return (
    <figure className="viz-chart">
      <figcaption className="viz-chart__title">Load per node</figcaption>
      <svg width={width} height={height} role="img" aria-label={`Load per node: ${load.map((entry) => `${entry.node} ${entry.value}`).join(', ')}`}>
        {y.ticks(3).map((tick) => (
          <g key={tick} transform={`translate(0,${y(tick)})`}>
            <line x1={margin.left} x2={width} className="viz-grid" />
            <text x={margin.left - 6} dy="0.35em" className="viz-axis-label viz-axis-label--y">
              {tick}
            </text>
          </g>
        ))}
        {load.map((entry) => (
          <g key={entry.node}>
            <rect x={x(entry.node)} y={y(entry.value)} width={x.bandwidth()} height={y(0) - y(entry.value)} fill={colours.get(entry.node)} />
            <text x={(x(entry.node) ?? 0) + x.bandwidth() / 2} y={height - 5} className="viz-axis-label">
              {entry.node}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
