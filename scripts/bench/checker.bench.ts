/**
 * How fast the checkers judge a 10,000-operation, 10-client history taken from real simulation runs:
 * a single broadcast replica (linearizable) and three replicas with local reads (stale reads, so a violation
 * that must be found and shrunk). Wall time per check, best of a few runs.
 */
import {
  checkLinearizability,
  findMonotonicReadViolations,
  findReadYourWritesViolations,
  findStaleReads,
  type LinearizabilityResult,
} from '../../src/engine/checkers';
import { HistoryBuilder } from '../../src/engine/checkers/historyBuilder';
import type { HistoryOperation } from '../../src/engine/core/types';
import { createSimulation } from '../../src/engine/catalog/resolve';
import { bestOf } from './timing';
import type { BenchRow, BenchSuite } from './types';

const operations = 10_000;
const clients = 10;
const targetMs = 1000;

/** The first 10,000 operations of a broadcast-register run with 10 clients on `keys` keys. */
function historyOf(nodes: number, keys: number): HistoryOperation[] {
  const sim = createSimulation({
    id: 'bench/checker',
    title: 'Checker benchmark history',
    description: 'Ten clients read and write through broadcast replicas.',
    protocol: 'broadcast',
    nodes,
    seed: 7,
    workload: { clients, ratePerClient: 1000, mix: { read: 0.5, write: 0.5, cas: 0 }, keys: { count: keys } },
    durationMs: 60_000,
  });
  while (sim.world.history.length < operations && sim.nextEventTime() !== Infinity)
    sim.runUntil(sim.now + 1000);
  if (sim.world.history.length < operations)
    throw new Error(`the run produced only ${sim.world.history.length} operations`);
  return sim.world.history.slice(0, operations);
}

/**
 * No order exists, and proving it means exploring every subset of 16 concurrent writes: the search runs
 * until its per-key budget is spent. Its time is the longest one key can hold the checker up.
 */
function undecidableHistory(): HistoryOperation[] {
  const builder = new HistoryBuilder();
  for (let i = 0; i < 16; i++) builder.write(`w${i}`, 'x', i, 0, 100);
  for (let i = 0; i < 16; i++) builder.read(`r${i}`, 'x', i, 0, 100);
  builder.read('late', 'x', 999, 200, 210);
  return builder.history;
}

function linearizabilityRow(
  label: string,
  history: HistoryOperation[],
  expected: LinearizabilityResult['verdict'],
): BenchRow[] {
  const { ms, result } = bestOf(3, () => checkLinearizability(history));
  const ok = result.verdict === expected;
  return [
    {
      metric: `linearizable: ${label} (verdict ${result.verdict}${result.violation ? `, shrunk to ${result.violation.operationIds.length} ops` : ''})`,
      value: ms,
      unit: 'ms',
      target: `< ${targetMs} ms, verdict ${expected}`,
      pass: ok && ms < targetMs,
    },
    { metric: `linearizable: ${label}, search steps`, value: result.steps, unit: 'steps' },
  ];
}

const suite: BenchSuite = {
  name: 'checker',
  async run(): Promise<BenchRow[]> {
    const single = historyOf(1, 10);
    const singleHotKey = historyOf(1, 1);
    const replicated = historyOf(3, 10);
    const { ms: anomaliesMs } = bestOf(3, () => [
      findStaleReads(replicated),
      findReadYourWritesViolations(replicated),
      findMonotonicReadViolations(replicated),
    ]);
    return [
      ...linearizabilityRow('10k ops, 10 clients, 10 keys, one replica', single, 'linearizable'),
      ...linearizabilityRow('10k ops, 10 clients, 1 key, one replica', singleHotKey, 'linearizable'),
      ...linearizabilityRow(
        '10k ops, 10 clients, 5,000 keys, one replica',
        historyOf(1, 5000),
        'linearizable',
      ),
      ...linearizabilityRow('10k ops, 10 clients, 10 keys, three replicas', replicated, 'violation'),
      ...linearizabilityRow(
        'budget exhausted: 16 concurrent writes, one impossible read',
        undecidableHistory(),
        'unknown',
      ),
      {
        metric: 'stale reads + read-your-writes + monotonic reads: 10k ops, three replicas',
        value: anomaliesMs,
        unit: 'ms',
        target: `< ${targetMs} ms`,
        pass: anomaliesMs < targetMs,
      },
    ];
  },
};

export default suite;
