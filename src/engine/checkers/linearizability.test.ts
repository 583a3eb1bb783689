import { describe, expect, it } from 'vitest';
import { checkLinearizability } from './linearizability';
import { HistoryBuilder } from './historyBuilder';
import { linearizabilityCheckResult } from '.';

const verdictOf = (h: HistoryBuilder) => checkLinearizability(h.history).verdict;

describe('linearizability: plain reads and writes', () => {
  it('accepts an empty history and one with only other kinds of operations', () => {
    expect(checkLinearizability([]).verdict).toBe('linearizable');
    const history = [
      {
        id: 1,
        process: 'c1',
        type: 'begin',
        key: 'x',
        value: null,
        node: 'n1',
        invoke: 0,
        complete: 5,
        ok: true,
      },
    ];
    expect(checkLinearizability(history).verdict).toBe('linearizable');
  });

  it('accepts a read of the value last written, and of the initial value before any write', () => {
    const h = new HistoryBuilder();
    h.read('c2', 'x', null, 0, 5);
    h.write('c1', 'x', 1, 10, 20);
    h.read('c2', 'x', 1, 30, 40);
    expect(verdictOf(h)).toBe('linearizable');
  });

  it('finds the classic stale read and names the operations, the time and the values', () => {
    const h = new HistoryBuilder();
    const old = h.write('c1', 'x', 3, 0, 100);
    h.read('c3', 'x', 3, 150, 160);
    const newer = h.write('c1', 'x', 5, 200, 380);
    const stale = h.read('c2', 'x', 3, 400, 412);
    const result = checkLinearizability(h.history);
    expect(result.verdict).toBe('violation');
    expect(result.violation?.key).toBe('x');
    expect([...result.violation!.operationIds].sort()).toEqual([old, newer, stale].sort());
    expect(result.violation?.at).toBe(412);
    expect(result.violation?.explanation).toBe(
      'read of x by c2 (sent at 400 ms) returned 3 at 412 ms, but 5 had already been written by c1 and acknowledged at 380 ms',
    );
    const check = linearizabilityCheckResult(result);
    expect(check).toMatchObject({ name: 'linearizable', ok: false, at: 412 });
    expect(check.detail).toContain(`#${stale}`);
  });

  it('explains a client reading an older value right after its own write was acknowledged, in the same millisecond', () => {
    const h = new HistoryBuilder();
    h.write('alice', 'x', 7, 340, 342);
    h.write('alice', 'x', 8, 380, 403);
    h.read('alice', 'x', 7, 403, 405);
    expect(checkLinearizability(h.history).violation?.explanation).toBe(
      'read of x by alice (sent at 403 ms) returned 7 at 405 ms, but 8 had already been written by alice and acknowledged at 403 ms',
    );
  });

  it('explains a reader seeing an older value than another reader had already seen', () => {
    const h = new HistoryBuilder();
    h.write('c2', 'k0', 22, 1889, 1910);
    h.write('c1', 'k0', 29, 3595, 3997, null);
    h.read('c2', 'k0', 29, 3963, 3965);
    h.read('c3', 'k0', 22, 4099, 4101);
    const result = checkLinearizability(h.history);
    expect(result.violation?.explanation).toBe(
      'read of k0 by c3 (sent at 4099 ms) returned 22 at 4101 ms, but c2 had already read the newer 29 at 3965 ms (22 was acknowledged at 1910 ms, before the write of 29 began at 3595 ms)',
    );
    expect(result.violation?.at).toBe(4101);
  });

  it('finds a stale read of the initial value after an acknowledged write', () => {
    const h = new HistoryBuilder();
    h.write('c1', 'x', 1, 0, 10);
    h.read('c2', 'x', null, 20, 30);
    const result = checkLinearizability(h.history);
    expect(result.verdict).toBe('violation');
    expect(result.violation?.explanation).toContain('returned nothing');
  });

  it('lets a read that overlaps a write return either the old or the new value', () => {
    for (const seen of [1, 2]) {
      const h = new HistoryBuilder();
      h.write('c1', 'x', 1, 0, 10);
      h.write('c1', 'x', 2, 20, 40);
      h.read('c2', 'x', seen, 30, 50);
      expect(verdictOf(h)).toBe('linearizable');
    }
  });

  it('rejects a new value followed by the old one in two reads that do not overlap, both concurrent with the write', () => {
    const h = new HistoryBuilder();
    h.write('c1', 'x', 0, 0, 5);
    h.write('c1', 'x', 1, 10, 100);
    h.read('c2', 'x', 1, 20, 30);
    h.read('c3', 'x', 0, 40, 50);
    const result = checkLinearizability(h.history);
    expect(result.verdict).toBe('violation');
    expect(result.violation?.operationIds).toHaveLength(4);
    expect(result.violation?.at).toBe(50);
  });

  it('orders two overlapping writes either way, but the same way for every later read', () => {
    const consistent = new HistoryBuilder();
    consistent.write('c1', 'x', 1, 0, 100);
    consistent.write('c2', 'x', 2, 0, 100);
    consistent.read('c3', 'x', 1, 110, 120);
    consistent.read('c3', 'x', 1, 130, 140);
    expect(verdictOf(consistent)).toBe('linearizable');

    const flipping = new HistoryBuilder();
    flipping.write('c1', 'x', 1, 0, 100);
    flipping.write('c2', 'x', 2, 0, 100);
    flipping.read('c3', 'x', 2, 110, 120);
    flipping.read('c3', 'x', 1, 130, 140);
    expect(verdictOf(flipping)).toBe('violation');
  });

  it('rejects a read of a value no write wrote, and a read of a value before its write began', () => {
    const never = new HistoryBuilder();
    never.write('c1', 'x', 1, 0, 10);
    never.read('c2', 'x', 7, 20, 30);
    const result = checkLinearizability(never.history);
    expect(result.violation?.explanation).toBe(
      'read of x by c2 at 30 ms returned 7, a value no write ever wrote',
    );

    const early = new HistoryBuilder();
    early.read('c2', 'x', 2, 0, 10);
    early.write('c1', 'x', 2, 20, 30);
    expect(checkLinearizability(early.history).violation?.explanation).toContain(
      'before any write of 2 had begun',
    );
  });

  it('treats equal times as concurrent across clients, but keeps one client’s operations in order', () => {
    const acrossClients = new HistoryBuilder();
    acrossClients.write('c1', 'x', 1, 0, 10);
    acrossClients.read('c2', 'x', null, 10, 12);
    expect(verdictOf(acrossClients)).toBe('linearizable');

    const sameClient = new HistoryBuilder();
    sameClient.write('c1', 'x', 1, 0, 10);
    sameClient.read('c1', 'x', null, 10, 12);
    expect(verdictOf(sameClient)).toBe('violation');
  });

  it('uses the configured initial value, one for all keys or one per key', () => {
    const h = new HistoryBuilder();
    h.read('c1', 'x', 0, 0, 5);
    h.read('c1', 'y', 'initial', 10, 15);
    expect(checkLinearizability(h.history).verdict).toBe('violation');
    expect(checkLinearizability(h.history, { initialValue: 0 }).perKey.x?.verdict).toBe('linearizable');
    const perKey = new Map<string, number | string>([
      ['x', 0],
      ['y', 'initial'],
    ]);
    expect(checkLinearizability(h.history, { initialValue: perKey }).verdict).toBe('linearizable');
  });
});

describe('linearizability: failed and indeterminate operations', () => {
  it('drops a failed write: it did not happen, so reading its value is a violation', () => {
    const h = new HistoryBuilder();
    h.write('c1', 'x', 1, 0, 10);
    h.write('c1', 'x', 2, 20, 30, false);
    h.read('c2', 'x', 1, 40, 50);
    expect(verdictOf(h)).toBe('linearizable');
    h.read('c2', 'x', 2, 60, 70);
    expect(checkLinearizability(h.history).violation?.explanation).toBe(
      'read of x by c2 at 70 ms returned 2, a value only a failed write tried to write (write 2 to x by c1 (20–30 ms, failed))',
    );
  });

  it('lets an indeterminate write take effect, at any time after its invoke, even long after', () => {
    const h = new HistoryBuilder();
    h.write('c1', 'x', 1, 0, 10);
    h.write('c1', 'x', 2, 20, null);
    h.read('c2', 'x', 1, 30, 40);
    h.read('c2', 'x', 2, 500, 510);
    expect(verdictOf(h)).toBe('linearizable');
    // Once its value has been seen, it cannot be undone.
    h.read('c2', 'x', 1, 600, 610);
    expect(verdictOf(h)).toBe('violation');
  });

  it('lets an indeterminate write never take effect, whether it timed out or was answered "unknown"', () => {
    const timedOut = new HistoryBuilder();
    timedOut.write('c1', 'x', 1, 0, 10);
    timedOut.write('c1', 'x', 2, 20, null);
    timedOut.read('c2', 'x', 1, 100, 110);
    expect(verdictOf(timedOut)).toBe('linearizable');

    const unknown = new HistoryBuilder();
    unknown.write('c1', 'x', 1, 0, 10);
    unknown.write('c1', 'x', 2, 20, 30, null);
    unknown.read('c2', 'x', 1, 100, 110);
    unknown.read('c2', 'x', 2, 120, 130);
    expect(verdictOf(unknown)).toBe('linearizable');
  });

  it('never lets an indeterminate write take effect before it was invoked', () => {
    const h = new HistoryBuilder();
    h.write('c1', 'x', 1, 0, 10);
    h.read('c2', 'x', 2, 20, 30);
    h.write('c1', 'x', 2, 40, null);
    expect(verdictOf(h)).toBe('violation');
  });

  it('ignores reads that got no answer', () => {
    const h = new HistoryBuilder();
    h.write('c1', 'x', 1, 0, 10);
    h.read('c2', 'x', null, 20, null);
    h.read('c2', 'x', null, 20, 25, false);
    expect(verdictOf(h)).toBe('linearizable');
    expect(checkLinearizability(h.history).perKey.x).toMatchObject({ checked: 1, ignored: 2 });
  });
});

describe('linearizability: compare-and-set', () => {
  it('accepts a successful cas only from the expected value', () => {
    const h = new HistoryBuilder();
    h.write('c1', 'x', 1, 0, 10);
    h.cas('c2', 'x', 1, 2, 20, 30);
    h.read('c3', 'x', 2, 40, 50);
    expect(verdictOf(h)).toBe('linearizable');

    const wrong = new HistoryBuilder();
    wrong.write('c1', 'x', 1, 0, 10);
    wrong.cas('c2', 'x', 7, 2, 20, 30);
    expect(verdictOf(wrong)).toBe('violation');
  });

  it('finds the lost update: two cas from the same value both succeeded', () => {
    const h = new HistoryBuilder();
    h.write('c0', 'x', 0, 0, 5);
    h.cas('c1', 'x', 0, 1, 10, 20);
    h.cas('c2', 'x', 0, 2, 12, 22);
    const result = checkLinearizability(h.history);
    expect(result.verdict).toBe('violation');
    expect(result.violation?.explanation).toContain('one update was lost');
    expect(result.violation?.operationIds).toHaveLength(3);
  });

  it('accepts the same two cas when one of them failed', () => {
    const h = new HistoryBuilder();
    h.write('c0', 'x', 0, 0, 5);
    h.cas('c1', 'x', 0, 1, 10, 20);
    h.cas('c2', 'x', 0, 2, 12, 22, false);
    h.read('c3', 'x', 1, 30, 40);
    expect(verdictOf(h)).toBe('linearizable');
  });

  it('lets an indeterminate cas take effect only when the register held its expected value', () => {
    const matching = new HistoryBuilder();
    matching.write('c1', 'x', 0, 0, 5);
    matching.cas('c2', 'x', 0, 1, 10, null);
    matching.read('c3', 'x', 1, 50, 60);
    expect(verdictOf(matching)).toBe('linearizable');

    const mismatching = new HistoryBuilder();
    mismatching.write('c1', 'x', 0, 0, 5);
    mismatching.cas('c2', 'x', 9, 1, 10, null);
    mismatching.read('c3', 'x', 1, 50, 60);
    expect(verdictOf(mismatching)).toBe('violation');
  });
});

describe('linearizability: keys, budget and shrinking', () => {
  it('checks each key on its own and reports which key failed', () => {
    const h = new HistoryBuilder();
    h.write('c1', 'x', 1, 0, 10);
    h.read('c2', 'x', 1, 20, 30);
    h.write('c1', 'y', 2, 0, 10);
    h.read('c2', 'y', null, 20, 30);
    const result = checkLinearizability(h.history);
    expect(result.perKey.x?.verdict).toBe('linearizable');
    expect(result.perKey.y?.verdict).toBe('violation');
    expect(result.violation?.key).toBe('y');
  });

  it('answers "unknown" when the step budget runs out, and the same way every time', () => {
    const h = new HistoryBuilder();
    for (let i = 0; i < 12; i++) h.write(`c${i}`, 'x', i, 0, 100);
    h.read('r', 'x', 99, 200, 210);
    const first = checkLinearizability(h.history, { maxSteps: 50 });
    expect(first.verdict).toBe('unknown');
    expect(checkLinearizability(h.history, { maxSteps: 50 })).toEqual(first);
    expect(linearizabilityCheckResult(first)).toMatchObject({
      ok: false,
      detail: expect.stringContaining('undecided'),
    });
    expect(checkLinearizability(h.history).verdict).toBe('violation');
  });

  it('stops searching further keys once the total budget is spent', () => {
    const h = new HistoryBuilder();
    for (let i = 0; i < 12; i++) h.write(`c${i}`, 'x', i, 0, 100);
    h.read('r', 'x', 99, 200, 210);
    h.write('c1', 'y', 1, 0, 10);
    h.read('c2', 'y', 1, 20, 30);
    const result = checkLinearizability(h.history, { maxSteps: 50, maxTotalSteps: 50 });
    expect(result.perKey.x).toMatchObject({ verdict: 'unknown', steps: 50 });
    expect(result.perKey.y).toMatchObject({ verdict: 'unknown', steps: 0 });
    expect(checkLinearizability(h.history, { maxSteps: 50, maxTotalSteps: 100 }).perKey.y?.verdict).toBe(
      'linearizable',
    );
  });

  it('shrinks a long failing history to the few operations that cannot be ordered', () => {
    const h = new HistoryBuilder();
    let time = 0;
    for (let i = 1; i <= 200; i++) {
      h.write('c1', 'x', i, time, time + 4);
      h.read('c2', 'x', i, time + 2, time + 8);
      time += 10;
    }
    const older = h.write('c1', 'x', 1000, time, time + 5);
    const newer = h.write('c1', 'x', 1001, time + 10, time + 15);
    const stale = h.read('c3', 'x', 1000, time + 20, time + 25);
    for (let i = 1; i <= 50; i++) h.write('c1', 'x', 2000 + i, time + 30 + i * 10, time + 35 + i * 10);
    const result = checkLinearizability(h.history);
    expect(result.verdict).toBe('violation');
    expect([...result.violation!.operationIds].sort((a, b) => a - b)).toEqual([older, newer, stale]);
    expect(result.violation!.partialLinearization.length).toBeGreaterThanOrEqual(400);
    expect(result.violation!.partialLinearization).not.toContain(stale);
  });
});
