/**
 * Cross-checks the anomaly checker against brute force on small random histories. The brute force builds
 * the dependency graph again from the definitions (every pair of transactions, every key), enumerates
 * every simple cycle, and classifies edges by the cycles they lie on; separately it tries every serial
 * order of the committed transactions. The checker must agree on which anomalies exist, how many edges
 * show each, the length of the smallest cycle, and whether the history is serializable at all.
 *
 * TXN_CROSSCHECK_RUNS=20000 npx vitest run src/engine/checkers/transactional/anomalies.crosscheck.test.ts
 * TXN_CROSSCHECK_SEED=1234 npx vitest run src/engine/checkers/transactional/anomalies.crosscheck.test.ts   (one history)
 */
import { describe, expect, it } from 'vitest';
import { Random } from '../../core/random';
import { checkTransactions, type AnomalyType } from './anomalies';
import type { DependencyEdge } from './graph';
import type { MicroOp, Transaction, TransactionalHistory, Version } from './history';

const runs = Number(process.env.TXN_CROSSCHECK_RUNS ?? 2000);
const onlySeed =
  process.env.TXN_CROSSCHECK_SEED === undefined ? null : Number(process.env.TXN_CROSSCHECK_SEED);

function reproduce(seed: number): string {
  return `TXN_CROSSCHECK_SEED=${seed} npx vitest run src/engine/checkers/transactional/anomalies.crosscheck.test.ts`;
}

// ---------------------------------------------------------------------------------------------------
// Random small histories: 2–6 transactions over 1–3 keys. Each transaction reads a key before it writes
// it (so every read is of someone else's version), sometimes writes a key twice (an intermediate
// version), and sometimes aborts. Reads mostly see committed versions, sometimes anything written, rarely
// a value nobody wrote. Each key's version order is a random order of its committed final versions.

function randomHistory(seed: number): TransactionalHistory {
  const random = new Random(seed);
  const keys = ['x', 'y', 'z'].slice(0, random.int(1, 3));
  const count = random.int(2, 6);
  let nextValue = 1;
  const plans = Array.from({ length: count }, (_, index) => {
    const touched = keys.filter(() => random.chance(2, 3));
    const perKey = touched.map((key) => {
      const shape = random.int(0, 5);
      const reads = shape <= 3;
      const writes = shape === 0 ? 0 : shape === 5 || random.chance(1, 6) ? 2 : 1;
      return { key, reads, writes: Array.from({ length: writes }, () => nextValue++) };
    });
    return {
      id: index + 1,
      status: random.chance(1, 8) ? ('aborted' as const) : ('committed' as const),
      perKey,
    };
  });
  const written = (key: string, reader: number, committedFinalOnly: boolean) =>
    plans.flatMap((plan) =>
      plan.id === reader
        ? []
        : plan.perKey
            .filter((entry) => entry.key === key && entry.writes.length > 0)
            .flatMap((entry) =>
              committedFinalOnly
                ? plan.status === 'committed'
                  ? [entry.writes[entry.writes.length - 1]!]
                  : []
                : entry.writes,
            ),
    );
  const transactions: Transaction[] = plans.map((plan) => {
    const ops: MicroOp[] = [];
    for (const entry of plan.perKey) {
      if (entry.reads) {
        const pool = random.chance(3, 4)
          ? written(entry.key, plan.id, true)
          : written(entry.key, plan.id, false);
        const choice = random.int(0, pool.length);
        const value: Version = random.chance(1, 40) ? 999 : choice === pool.length ? null : pool[choice]!;
        ops.push({ f: 'read', key: entry.key, value });
      }
      for (const value of entry.writes) ops.push({ f: 'write', key: entry.key, value });
    }
    return { id: plan.id, status: plan.status, ops };
  });
  const versionOrder = Object.fromEntries(
    keys.map((key) => {
      const finals = plans
        .filter((plan) => plan.status === 'committed')
        .flatMap((plan) => plan.perKey.filter((entry) => entry.key === key && entry.writes.length > 0))
        .map((entry) => entry.writes[entry.writes.length - 1]!);
      for (let i = finals.length - 1; i > 0; i--) {
        const j = random.int(0, i);
        [finals[i], finals[j]] = [finals[j]!, finals[i]!];
      }
      return [key, finals];
    }),
  );
  return { transactions, versionOrder };
}

// ---------------------------------------------------------------------------------------------------
// The specification, by brute force

interface Facts {
  committed: Transaction[];
  finalWrite: (transaction: Transaction, key: string) => Version | undefined;
  firstRead: (transaction: Transaction, key: string) => { value: Version } | undefined;
}

function facts(history: TransactionalHistory): Facts {
  return {
    committed: history.transactions.filter((transaction) => transaction.status === 'committed'),
    finalWrite: (transaction, key) =>
      [...transaction.ops].reverse().find((op) => op.f === 'write' && op.key === key)?.value,
    firstRead: (transaction, key) => {
      const read = transaction.ops.find((op) => op.f === 'read' && op.key === key);
      return read ? { value: read.value } : undefined;
    },
  };
}

function bruteEdges(history: TransactionalHistory): DependencyEdge[] {
  const { committed, finalWrite, firstRead } = facts(history);
  const edges: DependencyEdge[] = [];
  for (const a of committed)
    for (const b of committed) {
      if (a === b) continue;
      for (const [key, order] of Object.entries(history.versionOrder)) {
        const aFinal = finalWrite(a, key);
        const bFinal = finalWrite(b, key);
        const bPosition = bFinal === undefined ? -1 : order.indexOf(bFinal);
        if (aFinal !== undefined && bPosition > 0 && order[bPosition - 1] === aFinal)
          edges.push({ kind: 'ww', from: a.id, to: b.id, key, version: aFinal, next: bFinal });
        const bRead = firstRead(b, key);
        if (aFinal !== undefined && bRead && bRead.value === aFinal)
          edges.push({ kind: 'wr', from: a.id, to: b.id, key, version: aFinal });
        const aRead = firstRead(a, key);
        if (aRead && bPosition >= 0) {
          const before = bPosition === 0 ? null : order[bPosition - 1];
          if (aRead.value === before)
            edges.push({ kind: 'rw', from: a.id, to: b.id, key, version: before, next: bFinal });
        }
      }
    }
  return edges;
}

const edgeId = (edge: DependencyEdge) => `${edge.from}>${edge.to}:${edge.kind}:${edge.key}`;

interface CycleFacts {
  /** Per class: the ids of the edges it counts, and the smallest cycle length. */
  classes: Partial<Record<AnomalyType, { edges: Set<string>; smallest: number }>>;
}

function bruteCycles(vertices: number[], edges: DependencyEdge[]): CycleFacts {
  const cycles: DependencyEdge[][] = [];
  const walk = (start: number, at: number, path: DependencyEdge[], visited: Set<number>) => {
    for (const edge of edges) {
      if (edge.from !== at) continue;
      if (edge.to === start) cycles.push([...path, edge]);
      else if (edge.to > start && !visited.has(edge.to)) {
        visited.add(edge.to);
        walk(start, edge.to, [...path, edge], visited);
        visited.delete(edge.to);
      }
    }
  };
  for (const start of vertices) walk(start, start, [], new Set([start]));
  const classes: CycleFacts['classes'] = {};
  const note = (type: AnomalyType, edgeIds: string[], length: number) => {
    const entry = (classes[type] ??= { edges: new Set(), smallest: Infinity });
    for (const id of edgeIds) entry.edges.add(id);
    entry.smallest = Math.min(entry.smallest, length);
  };
  const rwInSingle = new Set<string>();
  for (const cycle of cycles) {
    const count = (kind: string) => cycle.filter((edge) => edge.kind === kind).length;
    const ofKind = (kind: string) => cycle.filter((edge) => edge.kind === kind).map(edgeId);
    if (count('wr') === 0 && count('rw') === 0) note('G0', ofKind('ww'), cycle.length);
    if (count('rw') === 0 && count('wr') > 0) note('G1c', ofKind('wr'), cycle.length);
    if (count('rw') === 1) {
      note('G-single', ofKind('rw'), cycle.length);
      rwInSingle.add(ofKind('rw')[0]!);
    }
  }
  for (const cycle of cycles) {
    const g2Edges = cycle.filter((edge) => edge.kind === 'rw' && !rwInSingle.has(edgeId(edge))).map(edgeId);
    if (g2Edges.length > 0) note('G2', g2Edges, cycle.length);
  }
  return { classes };
}

/** Is there a serial order of the committed transactions that installs each key's versions in order and
 * gives every read the version last installed before it? */
function serialOrderExists(history: TransactionalHistory): boolean {
  const { committed, finalWrite, firstRead } = facts(history);
  const keys = Object.keys(history.versionOrder);
  const place = (
    remaining: Transaction[],
    state: Map<string, { value: Version; position: number }>,
  ): boolean => {
    if (remaining.length === 0) return true;
    return remaining.some((candidate) => {
      const next = new Map(state);
      for (const key of keys) {
        const read = firstRead(candidate, key);
        if (read && read.value !== (state.get(key)?.value ?? null)) return false;
        const written = finalWrite(candidate, key);
        if (written === undefined) continue;
        const position = (state.get(key)?.position ?? -1) + 1;
        if (history.versionOrder[key]![position] !== written) return false;
        next.set(key, { value: written, position });
      }
      return place(
        remaining.filter((other) => other !== candidate),
        next,
      );
    });
  };
  return place(committed, new Map());
}

function bruteReads(
  history: TransactionalHistory,
): Record<'G1a' | 'G1b' | 'garbage-read' | 'lost-update', number> {
  const { committed, finalWrite, firstRead } = facts(history);
  const counts = { G1a: 0, G1b: 0, 'garbage-read': 0, 'lost-update': 0 };
  const readWrite = new Map<string, number>();
  for (const reader of committed)
    for (const key of Object.keys(history.versionOrder)) {
      const read = firstRead(reader, key);
      if (!read) continue;
      if (finalWrite(reader, key) !== undefined) {
        const slot = `${key}=${String(read.value)}`;
        readWrite.set(slot, (readWrite.get(slot) ?? 0) + 1);
      }
      if (read.value === null) continue;
      const writer = history.transactions.find((transaction) =>
        transaction.ops.some((op) => op.f === 'write' && op.key === key && op.value === read.value),
      );
      if (!writer) counts['garbage-read']++;
      else if (writer.status === 'aborted') counts.G1a++;
      else if (finalWrite(writer, key) !== read.value) counts.G1b++;
    }
  counts['lost-update'] = [...readWrite.values()].filter((readers) => readers > 1).length;
  return counts;
}

// ---------------------------------------------------------------------------------------------------

function assertValidCycle(cycle: readonly DependencyEdge[], type: AnomalyType, context: string): void {
  cycle.forEach((edge, index) => {
    expect(edge.to, context).toBe(cycle[(index + 1) % cycle.length]!.from);
  });
  const rw = cycle.filter((edge) => edge.kind === 'rw').length;
  const wr = cycle.filter((edge) => edge.kind === 'wr').length;
  if (type === 'G0') expect(rw + wr, context).toBe(0);
  if (type === 'G1c') expect([rw, wr > 0], context).toEqual([0, true]);
  if (type === 'G-single') expect(rw, context).toBe(1);
  if (type === 'G2') expect(rw, context).toBeGreaterThanOrEqual(2);
}

describe('transactional anomaly checker agrees with brute force', () => {
  it(`on ${onlySeed === null ? runs : 1} random small histories`, () => {
    const seeds = onlySeed === null ? Array.from({ length: runs }, (_, i) => i + 1) : [onlySeed];
    const seen = new Map<string, number>();
    for (const seed of seeds) {
      const history = randomHistory(seed);
      const context = `seed ${seed}\n${JSON.stringify(history)}\nreproduce: ${reproduce(seed)}`;
      const result = checkTransactions(history);
      const byType = new Map(result.anomalies.map((anomaly) => [anomaly.type, anomaly]));

      const edges = bruteEdges(history);
      const expectedEdges = { ww: 0, wr: 0, rw: 0 };
      for (const edge of edges) expectedEdges[edge.kind]++;
      expect(result.edges, `edge counts, ${context}`).toEqual(expectedEdges);

      const { classes } = bruteCycles(
        history.transactions
          .filter((transaction) => transaction.status === 'committed')
          .map((transaction) => transaction.id),
        edges,
      );
      for (const type of ['G0', 'G1c', 'G-single', 'G2'] as const) {
        const expected = classes[type];
        const found = byType.get(type);
        expect(
          found ? { count: found.count, smallest: found.cycle!.length } : null,
          `${type}, ${context}`,
        ).toEqual(expected ? { count: expected.edges.size, smallest: expected.smallest } : null);
        if (found) assertValidCycle(found.cycle!, type, `${type} cycle, ${context}`);
      }
      for (const [type, count] of Object.entries(bruteReads(history)))
        expect(byType.get(type as AnomalyType)?.count ?? 0, `${type}, ${context}`).toBe(count);

      const serializable = serialOrderExists(history);
      expect(result.satisfies.includes('serializable'), `serializable, ${context}`).toBe(serializable);
      if (byType.has('lost-update'))
        expect(serializable, `a lost update is never serializable, ${context}`).toBe(false);
      for (const anomaly of result.anomalies) seen.set(anomaly.type, (seen.get(anomaly.type) ?? 0) + 1);
      seen.set(
        serializable ? 'serializable' : 'not serializable',
        (seen.get(serializable ? 'serializable' : 'not serializable') ?? 0) + 1,
      );
    }
    if (onlySeed === null) {
      // The generator must actually exercise every anomaly, or agreement would prove little.
      for (const type of [
        'G0',
        'G1a',
        'G1b',
        'G1c',
        'G-single',
        'G2',
        'lost-update',
        'garbage-read',
        'serializable',
      ])
        expect(seen.get(type) ?? 0, `histories showing ${type}`).toBeGreaterThan(runs / 200);
      console.log(`transactional cross-check: ${runs} histories`, Object.fromEntries(seen));
    }
  });
});
