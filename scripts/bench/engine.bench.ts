/**
 * Engine benchmarks on the reference workload: a 5-node cluster, 10 clients × 10 ops/s over 100 keys,
 * 10 simulated minutes, once with the broadcast register (the engine's own cost) and once with Raft
 * (a heavy protocol whose log grows all run). Reports events/s, the simulated-to-wall-clock ratio, seek
 * times with time travel on, and memory. Every registered scenario is also run for its events/s.
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
import { scenarioList } from '../../src/engine/catalog/registry';
import { createSimulation } from '../../src/engine/catalog/resolve';
import type { ScenarioOverrides } from '../../src/engine/core/schema';
import type { BenchRow, BenchSuite } from './types';

const tenMinutesMs = 600_000;
const workload = {
  clients: 10,
  ratePerClient: 10,
  keys: { count: 100 },
  mix: { read: 0.5, write: 0.5, cas: 0 },
};

interface Reference {
  name: string;
  scenario: string;
  overrides: ScenarioOverrides;
  /** Random seek targets to time (a Raft seek replays far more, so it gets fewer). */
  seeks: number;
}

const references: Reference[] = [
  {
    name: 'broadcast',
    scenario: 'broadcast/basic',
    overrides: { seed: 1, nodes: 5, workload, durationMs: tenMinutesMs },
    seeks: 200,
  },
  {
    name: 'raft',
    scenario: 'raft/normal-election',
    overrides: { seed: 1, nodes: 5, workload, durationMs: tenMinutesMs },
    seeks: 40,
  },
];

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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function throughputRows(reference: Reference): BenchRow[] {
  const straightRun = () => {
    const sim = createSimulation(reference.scenario, reference.overrides);
    return { ...timed(() => sim.run()), events: sim.world.counters.events };
  };
  straightRun(); // warm-up: let the JIT compile the hot path
  const runs = [straightRun(), straightRun(), straightRun()];
  const rows: BenchRow[] = [
    { metric: `${reference.name}: events in 10 simulated min`, value: runs[0]!.events, unit: 'events' },
  ];
  for (const clock of ['wall', 'cpu'] as const) {
    const ms = (run: (typeof runs)[number]) => (clock === 'wall' ? run.wallMs : run.cpuMs);
    const eventsPerSecond = median(runs.map((run) => (run.events / ms(run)) * 1000));
    const ratio = median(runs.map((run) => tenMinutesMs / ms(run)));
    rows.push(
      {
        metric: `${reference.name}: events/s, ${clock} time (median of 3)`,
        value: eventsPerSecond,
        unit: 'events/s',
        target: '≥ 1,000,000',
        pass: eventsPerSecond >= 1_000_000,
      },
      {
        metric: `${reference.name}: simulated / ${clock} time`,
        value: ratio,
        unit: '×',
        target: '≥ 1000',
        pass: ratio >= 1000,
      },
    );
  }
  return rows;
}

function timeTravelRows(reference: Reference): BenchRow[] {
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
  const seeks = Array.from({ length: reference.seeks }, () => {
    const target = random.int(0, tenMinutesMs);
    const seek = timed(() => timeline.seek(target));
    const usage = process.memoryUsage();
    peakHeap = Math.max(peakHeap, usage.heapUsed);
    peakRss = Math.max(peakRss, usage.rss);
    return seek;
  });
  gc();
  const after = process.memoryUsage();
  const retainedMb = megabytes(after.heapUsed - before.heapUsed);
  const peakMb = megabytes(Math.max(peakHeap - before.heapUsed, peakRss - before.rss));
  const { checkpoints, spacing, approximateBytes } = timeline.stats();
  const name = reference.name;
  const rows: BenchRow[] = [
    { metric: `${name}: 10 min run with time travel, cpu time`, value: run.cpuMs, unit: 'ms' },
    {
      metric: `${name}: checkpoints kept (one per ${spacing} events)`,
      value: checkpoints,
      unit: 'checkpoints',
    },
    { metric: `${name}: checkpoints, approximate size`, value: megabytes(approximateBytes), unit: 'MB' },
  ];
  for (const clock of ['wall', 'cpu'] as const) {
    const seekMs = seeks.map((seek) => (clock === 'wall' ? seek.wallMs : seek.cpuMs)).sort((a, b) => a - b);
    const p95 = percentile(seekMs, 0.95)!;
    const max = seekMs[seekMs.length - 1]!;
    rows.push(
      {
        metric: `${name}: seek to a random time (${seeks.length}), ${clock} p95`,
        value: p95,
        unit: 'ms',
        target: '< 50',
        pass: p95 < 50,
      },
      {
        metric: `${name}: seek to a random time (${seeks.length}), ${clock} max`,
        value: max,
        unit: 'ms',
        target: '< 50',
        pass: max < 50,
      },
    );
  }
  rows.push(
    {
      metric: `${name}: memory, peak growth (heap or rss)`,
      value: peakMb,
      unit: 'MB',
      target: '< 100',
      pass: peakMb < 100,
    },
    {
      metric: `${name}: memory, heap retained after gc`,
      value: retainedMb,
      unit: 'MB',
      target: '< 100',
      pass: retainedMb < 100,
    },
  );
  return rows;
}

/** Each registered scenario run to its duration, repeatedly until 200 ms of CPU time add up (after a warm-up run). */
function scenarioRows(): BenchRow[] {
  return scenarioList.map((input) => {
    createSimulation(input.id).run();
    let events = 0;
    let cpuMs = 0;
    let runs = 0;
    while (cpuMs < 200 && runs < 1000) {
      const sim = createSimulation(input.id);
      cpuMs += timed(() => sim.run()).cpuMs;
      events += sim.world.counters.events;
      runs++;
    }
    return {
      metric: `${input.id}: events/s, cpu time (${runs} runs of ${events / runs} events)`,
      value: (events / cpuMs) * 1000,
      unit: 'events/s',
    };
  });
}

const suite: BenchSuite = {
  name: 'engine',
  async run() {
    console.error(
      `load average ${loadavg()
        .map((load) => load.toFixed(1))
        .join(' ')} on ${cpus().length} cores`,
    );
    const only = process.env.BENCH_REFERENCE;
    const chosen = references.filter((reference) => !only || reference.name === only);
    return [
      ...chosen.flatMap((reference) => [...throughputRows(reference), ...timeTravelRows(reference)]),
      ...scenarioRows(),
    ];
  },
};

export default suite;
