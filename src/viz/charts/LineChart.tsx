/**
 * A small line chart over simulated time: D3 computes the scales and the path strings, React renders
 * them. Gaps (null values) break the line rather than drawing it through zero. Each series has its own
 * dash pattern as well as its colour.
 */
import { line, max, scaleLinear } from 'd3';
import { seriesColours, seriesDashes } from '../shared/palette';

export interface Series {
  name: string;
  points: readonly (readonly [number, number | null])[];
}

export interface LineChartProps {
  title: string;
  unit: string;
  series: readonly Series[];
  /** Time range shown, in simulated ms. */
  from: number;
  to: number;
  width: number;
  height?: number;
  /** A fixed top for the y axis (e.g. 100 for percentages); otherwise from the data. */
  yMax?: number;
  format?: (value: number) => string;
}

const margin = { top: 8, right: 10, bottom: 20, left: 44 };

export function latestValue(series: Series): number | null {
  for (let index = series.points.length - 1; index >= 0; index--) {
    const value = series.points[index]![1];
    if (value !== null) return value;
  }
  return null;
}

export function LineChart({
  title,
  unit,
  series,
  from,
  to,
  width,
  height = 130,
  yMax,
  format: givenFormat,
}: LineChartProps) {
  const x = scaleLinear()
    .domain([from, Math.max(to, from + 1)])
    .range([margin.left, width - margin.right]);
  const dataMax = max(series, (one) => max(one.points, (point) => point[1] ?? 0)) ?? 0;
  const y = scaleLinear()
    .domain([0, yMax ?? Math.max(1, dataMax)])
    .nice()
    .range([height - margin.bottom, margin.top]);
  const format = givenFormat ?? y.tickFormat(3);
  const path = line<readonly [number, number | null]>()
    .defined((point) => point[1] !== null)
    .x((point) => x(point[0]))
    .y((point) => y(point[1] ?? 0));
  const summary = series
    .map((one) => {
      const latest = latestValue(one);
      return `${one.name} ${latest === null ? 'no data' : `${format(latest)} ${unit}`}`;
    })
    .join(', ');
  return (
    <figure className="viz-chart">
      <figcaption className="viz-chart__title">
        {title} <span className="viz-chart__unit">({unit})</span>
      </figcaption>
      <svg width={width} height={height} role="img" aria-label={`${title}, latest: ${summary}`}>
        {y.ticks(3).map((tick) => (
          <g key={tick} transform={`translate(0,${y(tick)})`}>
            <line x1={margin.left} x2={width - margin.right} className="viz-grid" />
            <text x={margin.left - 6} dy="0.35em" className="viz-axis-label viz-axis-label--y">
              {format(tick)}
            </text>
          </g>
        ))}
        {x.ticks(Math.max(2, Math.floor(width / 100))).map((tick) => (
          <text key={tick} x={x(tick)} y={height - 4} className="viz-axis-label">
            {tick >= 1000 ? `${tick / 1000} s` : `${tick} ms`}
          </text>
        ))}
        {series.map((one, index) => (
          <path
            key={one.name}
            d={path(one.points) ?? ''}
            className="viz-chart__line"
            stroke={seriesColours[index % seriesColours.length]}
            strokeDasharray={seriesDashes[index % seriesDashes.length] || undefined}
          />
        ))}
      </svg>
      {series.length > 1 && (
        <ul className="viz-legend viz-legend--lines">
          {series.map((one, index) => (
            <li key={one.name}>
              <svg width="22" height="8" aria-hidden="true">
                <line
                  x1="0"
                  x2="22"
                  y1="4"
                  y2="4"
                  stroke={seriesColours[index % seriesColours.length]}
                  strokeWidth="2"
                  strokeDasharray={seriesDashes[index % seriesDashes.length] || undefined}
                />
              </svg>
              {one.name}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
