/**
 * One hand-built history per anomaly (the textbook shape of each, from Adya's thesis and Elle's paper):
 * the checker must find exactly that anomaly, explain it with the smallest cycle, name the transactions
 * to highlight, and rule out exactly the isolation levels that forbid it.
 */
import { describe, expect, it } from 'vitest';
import { checkListAppend, checkTransactions, type AnomalyType } from './anomalies';
import type { TransactionalHistory } from './history';
import { listAppendTransaction as a, transaction as t } from './transactionText';

function types(history: TransactionalHistory): AnomalyType[] {
  return checkTransactions(history).anomalies.map((anomaly) => anomaly.type);
}

function only(history: TransactionalHistory, type: AnomalyType) {
  const result = checkTransactions(history);
  const anomaly = result.anomalies.find((candidate) => candidate.type === type);
  if (!anomaly)
    throw new Error(`expected ${type}, found ${result.anomalies.map((a) => a.type).join(', ') || 'none'}`);
  return { result, anomaly };
}

describe('transactional anomaly checker: one fixture per anomaly', () => {
  it('passes a serial history at every level', () => {
    const history = {
      transactions: [t(1, 'w x 1'), t(2, 'r x 1, w y 2'), t(3, 'r y 2, r x 1')],
      versionOrder: { x: [1], y: [2] },
    };
    const result = checkTransactions(history);
    expect(result.anomalies).toEqual([]);
    expect(result.satisfies).toEqual([
      'read-uncommitted',
      'read-committed',
      'snapshot-isolation',
      'serializable',
    ]);
    expect(result.edges).toEqual({ ww: 0, wr: 3, rw: 0 });
  });

  it('G0: two transactions overwrite each other on x and y in opposite orders', () => {
    const history = {
      transactions: [t(1, 'w x 1, w y 1'), t(2, 'w x 2, w y 2')],
      versionOrder: { x: [1, 2], y: [2, 1] },
    };
    const { result, anomaly } = only(history, 'G0');
    expect(anomaly.cycle!.map((edge) => edge.kind)).toEqual(['ww', 'ww']);
    expect(new Set(anomaly.transactionIds)).toEqual(new Set([1, 2]));
    expect(result.satisfies).toEqual([]);
  });

  it('G1a: a committed transaction reads a value an aborted one wrote', () => {
    const history = { transactions: [t(1, 'w x 1', 'aborted'), t(2, 'r x 1')], versionOrder: { x: [] } };
    const { result, anomaly } = only(history, 'G1a');
    expect(anomaly.transactionIds).toEqual([1, 2]);
    expect(anomaly.explanation).toBe('T2 read x = 1, written by T1, which aborted');
    expect(result.satisfies).toEqual(['read-uncommitted']);
  });

  it('G1b: a transaction reads a version its writer later overwrote', () => {
    const history = { transactions: [t(1, 'w x 1, w x 2'), t(2, 'r x 1')], versionOrder: { x: [2] } };
    const { result, anomaly } = only(history, 'G1b');
    expect(anomaly.explanation).toBe('T2 read x = 1, which T1 later overwrote with 2 before committing');
    expect(result.satisfies).toEqual(['read-uncommitted']);
  });

  it('G1c: each of two transactions reads what the other wrote', () => {
    const history = {
      transactions: [t(1, 'w x 1, r y 1'), t(2, 'w y 1, r x 1')],
      versionOrder: { x: [1], y: [1] },
    };
    const { result, anomaly } = only(history, 'G1c');
    expect(anomaly.cycle!.map((edge) => edge.kind)).toEqual(['wr', 'wr']);
    expect(types(history)).toEqual(['G1c']);
    expect(result.satisfies).toEqual(['read-uncommitted']);
  });

  it('G1c from a list-append history, as in Elle’s README: the version order comes from a third reader', () => {
    const transactions = [a(1, 'a x 2, a y 1'), a(2, 'a x 1, r y 1'), a(3, 'r x 1 2')];
    const result = checkListAppend(transactions);
    expect(result.anomalies.map((anomaly) => anomaly.type)).toEqual(['G1c']);
    const cycle = result.anomalies[0]!.cycle!;
    expect(cycle.map((edge) => edge.kind).sort()).toEqual(['wr', 'ww']);
    expect(result.anomalies[0]!.explanation).toContain('T2 wrote x = 1 and T1 overwrote it with 2 (ww)');
  });

  it('G-single (read skew): a reader sees x before a transfer and y after it', () => {
    const history = {
      transactions: [t(1, 'r x -, r y 1'), t(2, 'w x 1, w y 1')],
      versionOrder: { x: [1], y: [1] },
    };
    const { result, anomaly } = only(history, 'G-single');
    expect(anomaly.cycle!.map((edge) => edge.kind)).toEqual(['rw', 'wr']);
    expect(anomaly.explanation).toBe(
      'T1 read x = its initial value before T2 overwrote it with 1 (rw); T1 read y = 1, which T2 wrote (wr): a cycle, so no serial order of T1, T2 explains it',
    );
    expect(types(history)).toEqual(['G-single']);
    expect(result.satisfies).toEqual(['read-uncommitted', 'read-committed']);
  });

  it('G2 (write skew): two doctors each see the other on call and both go off call', () => {
    const history = {
      transactions: [
        t(1, 'w alice on, w bob on'),
        t(2, 'r alice on, r bob on, w alice off2'),
        t(3, 'r alice on, r bob on, w bob off3'),
      ],
      versionOrder: { alice: ['on', 'off2'], bob: ['on', 'off3'] },
    };
    const { result, anomaly } = only(history, 'G2');
    expect(anomaly.cycle!.map((edge) => edge.kind)).toEqual(['rw', 'rw']);
    expect(new Set(anomaly.transactionIds)).toEqual(new Set([2, 3]));
    expect(types(history)).toEqual(['G2']);
    expect(result.satisfies).toEqual(['read-uncommitted', 'read-committed', 'snapshot-isolation']);
  });

  it('lost update: two increments read the same balance and both write', () => {
    const history = {
      transactions: [t(1, 'w x 10'), t(2, 'r x 10, w x 14'), t(3, 'r x 10, w x 15')],
      versionOrder: { x: [10, 15, 14] },
    };
    const { result, anomaly } = only(history, 'lost-update');
    expect(anomaly.transactionIds).toEqual([2, 3]);
    // Adya's H_lu is also a read-skew cycle: T2 read 10, T3 overwrote it, and T2 overwrote T3.
    expect(types(history)).toEqual(['lost-update', 'G-single']);
    expect(result.satisfies).toEqual(['read-uncommitted', 'read-committed']);
  });

  it('reports the smallest cycle when a longer one exists too', () => {
    const history = {
      transactions: [
        t(1, 'r a -, w b 1'),
        t(2, 'r b -, w c 2'),
        t(3, 'r c -, w a 3'),
        t(4, 'r d -, w e 4'),
        t(5, 'r e -, w d 5'),
      ],
      versionOrder: { a: [3], b: [1], c: [2], d: [5], e: [4] },
    };
    const { anomaly } = only(history, 'G2');
    expect(anomaly.cycle).toHaveLength(2);
    expect(new Set(anomaly.transactionIds)).toEqual(new Set([4, 5]));
    expect(anomaly.count).toBe(5);
  });

  it('list-append: aborted and intermediate appends seen by readers are G1a and G1b', () => {
    const result = checkListAppend([
      a(1, 'a x 1', 'aborted'),
      a(2, 'a y 1, a y 2'),
      a(3, 'r x 1, r y 1'),
      a(4, 'r y 1 2'),
    ]);
    expect(result.anomalies.map((anomaly) => anomaly.type)).toEqual(['G1a', 'G1b']);
  });

  it('list-append: reads that disagree on the order rule out every level', () => {
    const result = checkListAppend([a(1, 'a x 1'), a(2, 'a x 2'), a(3, 'r x 1 2'), a(4, 'r x 2 1')]);
    expect(result.anomalies.map((anomaly) => anomaly.type)).toContain('incompatible-order');
    expect(result.satisfies).toEqual([]);
  });

  it('a read of a value nobody wrote is reported, not silently dropped', () => {
    const result = checkTransactions({ transactions: [t(1, 'r x 7')], versionOrder: {} });
    expect(result.anomalies.map((anomaly) => anomaly.type)).toEqual(['garbage-read']);
    expect(result.satisfies).toEqual([]);
  });

  it('refuses a history where two writes wrote the same value, saying why', () => {
    expect(() =>
      checkTransactions({ transactions: [t(1, 'w x 1'), t(2, 'w x 1')], versionOrder: { x: [1] } }),
    ).toThrow(/both wrote 1 to x: the checker needs every written value to be unique per key/);
  });
});
