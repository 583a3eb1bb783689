/**
 * Engine benchmarks on the reference workload: a 5-node cluster, 10 clients × 10 ops/s over 100 keys,
 * 10 simulated minutes. Reports throughput in events/s, the simulated-to-wall-clock ratio, seek times
 * with time travel on, and memory. Every registered scenario is also run once for its events/s.
 *
 * The machine is shared, so each timing is given twice: wall-clock, and this process's CPU time
 * (process.cpuUsage), which other people's load inflates much less. The load average is printed too.
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { percentile } from '../../src/engine/core/metrics';
import { Random } from '../../src/engine/core/random';
import { Timeline } from '../../src/engine/core/timeline';
import { scenarioList } from '../../src/engine/scenarios/registry';
import { createSimulation } from '../../src/engine/scenarios/resolve';
import type { ScenarioOverrides } from '../../src/engine/scenarios/schema';
import type { BenchRow, BenchSuite } from './types';

const tenMinutesMs = 600_000;
const reference = {
  scenario: 'broadcast/basic',
  overrides: {
    seed: 1,
    nodes: 5,
    workload: { clients: 10, ratePerClient: 10, keys: { count: 100 } },
    durationMs: tenMinutesMs,
  } satisfies ScenarioOverrides,
};

/** A garbage collector we can call, so memory numbers measure what is live, not what is pending. */
function collector(): () => void {
  if (typeof globalThis.gc === 'function') return globalThis.gc;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const megabytes = (bytes: number) => bytes / (1024 * 1024);

/** Wall-clock and CPU time of `work`, in ms. */
function timed(work: () => void): { wallMs: number; cpuMs: number } {
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  work();
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

function straightRun(): { events: number; wallMs: number; cpuMs: number } {
  const sim = createSimulation(reference.scenario, reference.overrides);
  return { ...timed(() => sim.run()), events: sim.world.counters.events };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function throughputRows(): BenchRow[] {
  straightRun(); // warm-up: let the JIT compile the hot path
  const runs = [straightRun(), straightRun(), straightRun()];
  const rows: BenchRow[] = [{ metric: 'reference run: events in 10 simulated min', value: runs[0]!.events, unit: 'events' }];
  for (const clock of ['wall', 'cpu'] as const) {
    const ms = (run: (typeof runs)[number]) => (clock === 'wall' ? run.wallMs : run.cpuMs);
    const eventsPerSecond = median(runs.map((run) => (run.events / ms(run)) * 1000));
    const ratio = median(runs.map((run) => tenMinutesMs / ms(run)));
    rows.push(
      { metric: `reference run: events/s, ${clock} time (median of 3)`, value: eventsPerSecond, unit: 'events/s', target: '≥ 1,000,000', pass: eventsPerSecond >= 1_000_000 },
      { metric: `reference run: simulated / ${clock} time`, value: ratio, unit: '×', target: '≥ 1000', pass: ratio >= 1000 },
    );
  }
  return rows;
}

function timeTravelRows(): BenchRow[] {
  const gc = collector();
  gc();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  let peakRss = before.rss;
  const timeline = new Timeline(createSimulation(reference.scenario, reference.overrides));
  const run = timed(() => {
    for (let t = 10_000; t <= tenMinutesMs; t += 10_000) {
      timeline.runUntil(t);
      const usage = process.memoryUsage();
      peakHeap = Math.max(peakHeap, usage.heapUsed);
      peakRss = Math.max(peakRss, usage.rss);
    }
  });

  const random = new Random(7);
  const seeks = Array.from({ length: 200 }, () => {
    const target = random.int(0, tenMinutesMs);
    return timed(() => timeline.seek(target));
  });
  gc();
  const after = process.memoryUsage();
  peakHeap = Math.max(peakHeap, after.heapUsed);
  peakRss = Math.max(peakRss, after.rss);
  const retainedMb = megabytes(after.heapUsed - before.heapUsed);
  const peakMb = megabytes(Math.max(peakHeap - before.heapUsed, peakRss - before.rss));
  const { checkpoints, spacing, approximateBytes } = timeline.stats();
  const rows: BenchRow[] = [
    { metric: 'time travel: 10 min run with checkpoints, wall time', value: run.wallMs, unit: 'ms' },
    { metric: 'time travel: 10 min run with checkpoints, cpu time', value: run.cpuMs, unit: 'ms' },
    { metric: `time travel: checkpoints kept (one per ${spacing} events)`, value: checkpoints, unit: 'checkpoints' },
    { metric: 'time travel: checkpoints, approximate size', value: megabytes(approximateBytes), unit: 'MB' },
  ];
  for (const clock of ['wall', 'cpu'] as const) {
    const seekMs = seeks.map((seek) => (clock === 'wall' ? seek.wallMs : seek.cpuMs)).sort((a, b) => a - b);
    const p95 = percentile(seekMs, 0.95)!;
    const max = seekMs[seekMs.length - 1]!;
    rows.push(
      { metric: `seek to a random time (200 seeks), ${clock} time: p95`, value: p95, unit: 'ms', target: '< 50', pass: p95 < 50 },
      { metric: `seek to a random time (200 seeks), ${clock} time: max`, value: max, unit: 'ms', target: '< 50', pass: max < 50 },
    );
  }
  return [
    ...rows,
    { metric: 'memory: peak growth (heap or rss) during run + seeks', value: peakMb, unit: 'MB', target: '< 100', pass: peakMb < 100 },
    { metric: 'memory: heap retained by the timeline after gc', value: retainedMb, unit: 'MB', target: '< 100', pass: retainedMb < 100 },
  ];
}

/** Each registered scenario run to its duration, three times (the first warms the JIT); the last is reported. */
function scenarioRows(): BenchRow[] {
  return scenarioList.map((input) => {
    let result = { events: 0, wallMs: 0, cpuMs: 0 };
    for (let round = 0; round < 3; round++) {
      const sim = createSimulation(input.id);
      result = { ...timed(() => sim.run()), events: sim.world.counters.events };
    }
    return { metric: `${input.id}: events/s, cpu time (${result.events} events)`, value: (result.events / result.cpuMs) * 1000, unit: 'events/s' };
  });
}

const suite: BenchSuite = {
  name: 'engine',
  async run() {
    console.error(`load average ${loadavg().map((load) => load.toFixed(1)).join(' ')} on ${cpus().length} cores`);
    return [...throughputRows(), ...timeTravelRows(), ...scenarioRows()];
  },
};

export default suite;
