/**
 * How fast the transactional anomaly checker judges a 10,000-transaction history over 50 keys: one from
 * snapshot isolation with 8 transactions in flight (write skew to find and explain with the smallest
 * cycle), one executed serially (nothing to find, every edge still built). Wall time, best of three.
 */
import { Random } from '../../src/engine/core/random';
import { checkTransactions, type TransactionalHistory } from '../../src/engine/checkers/transactional';
import type { MicroOp, Transaction } from '../../src/engine/checkers/transactional';
import { bestOf } from './timing';
import type { BenchRow, BenchSuite } from './types';

const transactions = 10_000;
const keyCount = 50;
const targetMs = 1000;

/**
 * Transaction i reads two keys and writes one or two from the snapshot left by transaction
 * i - 1 - lag, lag up to `inFlight - 1`, and aborts if a transaction committed since then wrote one of
 * its keys (first committer wins). With inFlight 1 it is a serial execution.
 */
function snapshotIsolationHistory(inFlight: number, seed: number): TransactionalHistory {
  const random = new Random(seed);
  // Per key: [commit index, value] of each installed version, oldest first.
  const versions = new Map<string, [number, number][]>();
  const result: Transaction[] = [];
  let nextValue = 1;
  const key = () => `k${random.int(0, keyCount - 1)}`;
  for (let index = 0; index < transactions; index++) {
    const snapshot = index - 1 - random.int(0, inFlight - 1);
    const seen = (name: string) => {
      const installed = (versions.get(name) ?? []).filter(([at]) => at <= snapshot);
      return installed.length > 0 ? installed[installed.length - 1]![1] : null;
    };
    const ops: MicroOp[] = [key(), key()].map((name) => ({ f: 'read', key: name, value: seen(name) }));
    const written = [...new Set(Array.from({ length: random.int(1, 2) }, key))];
    for (const name of written) ops.push({ f: 'write', key: name, value: nextValue++ });
    const conflict = written.some((name) => (versions.get(name) ?? []).some(([at]) => at > snapshot));
    result.push({ id: index + 1, status: conflict ? 'aborted' : 'committed', ops });
    if (conflict) continue;
    for (const op of ops)
      if (op.f === 'write')
        versions.set(op.key, [...(versions.get(op.key) ?? []), [index, op.value as number]]);
  }
  const versionOrder = Object.fromEntries(
    [...versions].map(([name, list]) => [name, list.map(([, value]) => value)]),
  );
  return { transactions: result, versionOrder };
}

function row(label: string, history: TransactionalHistory): BenchRow {
  const { ms, result } = bestOf(3, () => checkTransactions(history));
  const found = result.anomalies.map((anomaly) => `${anomaly.type} ×${anomaly.count}`).join(', ') || 'none';
  const edges = result.edges.ww + result.edges.wr + result.edges.rw;
  return {
    metric: `transactional anomalies: ${label} (${edges} edges; found ${found})`,
    value: ms,
    unit: 'ms',
    target: `< ${targetMs} ms`,
    pass: ms < targetMs,
  };
}

const suite: BenchSuite = {
  name: 'transactions',
  async run(): Promise<BenchRow[]> {
    return [
      row('10k txns, snapshot isolation, 8 in flight', snapshotIsolationHistory(8, 7)),
      row('10k txns, serial', snapshotIsolationHistory(1, 7)),
    ];
  },
};

export default suite;
