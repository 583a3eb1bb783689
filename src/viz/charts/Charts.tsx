/**
 * Charts over simulated time: throughput, latency percentiles, availability, replication lag and any
 * other gauges the protocol reports. Samples come from the engine when it provides them, otherwise from
 * the client history (without gauges).
 */
import { useMemo } from 'react';
import type { HistoryOperation } from '../../engine/core/types';
import { LineChart, type Series } from './LineChart';
import { gaugeFamilies, samplesFromHistory, type ChartSample } from './series';

export interface ChartsProps {
  history: readonly HistoryOperation[];
  now: number;
  /** Engine samples, when the frame carries them. */
  samples?: readonly ChartSample[];
  width: number;
}

const percent = (value: number) => `${Math.round(value)}%`;

export function Charts({ history, now, samples: engineSamples, width }: ChartsProps) {
  const samples = useMemo(
    () =>
      engineSamples && engineSamples.length > 0
        ? engineSamples.filter((sample) => sample.at <= now)
        : samplesFromHistory(history, now),
    [engineSamples, history, now],
  );
  const families = useMemo(() => gaugeFamilies(samples), [samples]);
  const columns = width >= 620 ? 2 : 1;
  const chartWidth = Math.floor((width - (columns - 1) * 16) / columns);
  const points = (value: (sample: ChartSample) => number | null): Series['points'] =>
    samples.map((sample) => [sample.at, value(sample)] as const);
  const gaugeSeries = (family: string, names: readonly string[]) =>
    names.map((name) => ({
      name: name === family ? family : name.slice(family.length + 1),
      points: points((sample) => sample.gauges[name] ?? null),
    }));
  const hasLag = families.some(({ family }) => family === 'lag');

  if (samples.length === 0 || now === 0)
    return <p className="viz-charts__empty">Charts fill in as the simulation runs.</p>;
  return (
    <div className="viz-charts" style={{ gridTemplateColumns: `repeat(${columns}, 1fr)` }}>
      <LineChart
        title="Throughput"
        unit="ops/s"
        from={0}
        to={now}
        width={chartWidth}
        series={[{ name: 'succeeded', points: points((sample) => sample.throughput) }]}
      />
      <LineChart
        title="Latency"
        unit="ms"
        from={0}
        to={now}
        width={chartWidth}
        series={[
          { name: 'p50', points: points((sample) => sample.latencyMs.p50) },
          { name: 'p95', points: points((sample) => sample.latencyMs.p95) },
          { name: 'p99', points: points((sample) => sample.latencyMs.p99) },
        ]}
      />
      <LineChart
        title="Availability"
        unit="% of answered requests that succeeded"
        from={0}
        to={now}
        width={chartWidth}
        yMax={100}
        format={percent}
        series={[
          {
            name: 'available',
            points: points((sample) => (sample.availability === null ? null : sample.availability * 100)),
          },
        ]}
      />
      {families.map(({ family, names }) => (
        <LineChart
          key={family}
          title={family === 'lag' ? 'Replication lag' : `Gauge: ${family}`}
          unit={family === 'lag' ? 'entries behind' : 'value'}
          from={0}
          to={now}
          width={chartWidth}
          series={gaugeSeries(family, names)}
        />
      ))}
      {!hasLag && (
        <p className="viz-charts__note">
          {engineSamples
            ? 'This protocol reports no replication lag.'
            : 'Replication lag appears when the engine reports protocol gauges.'}
        </p>
      )}
    </div>
  );
}
