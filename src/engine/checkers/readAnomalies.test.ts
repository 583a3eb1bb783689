import { describe, expect, it } from 'vitest';
import { HistoryBuilder } from './historyBuilder';
import { findMonotonicReadViolations, findReadYourWritesViolations, findStaleReads } from './readAnomalies';

describe('stale reads', () => {
  it('finds a read of a value older than a write acknowledged before the read began', () => {
    const h = new HistoryBuilder();
    h.write('c1', 'x', 3, 0, 100);
    const newer = h.write('c1', 'x', 5, 200, 380);
    const stale = h.read('c2', 'x', 3, 400, 412);
    h.read('c3', 'x', 5, 400, 410);
    expect(findStaleReads(h.history)).toEqual([
      {
        readId: stale,
        causeId: newer,
        key: 'x',
        process: 'c2',
        at: 412,
        explanation:
          'read of x by c2 (sent at 400 ms) returned 3 at 412 ms, but 5 had already been written by c1 and acknowledged at 380 ms',
      },
    ]);
  });

  it('counts a read of the initial value after an acknowledged write as stale', () => {
    const h = new HistoryBuilder();
    h.write('c1', 'x', 1, 0, 10);
    const stale = h.read('c2', 'x', null, 20, 25);
    expect(findStaleReads(h.history).map((anomaly) => anomaly.readId)).toEqual([stale]);
  });

  it('does not count reads that overlap the newer write, or that begin the very millisecond it is acknowledged', () => {
    const h = new HistoryBuilder();
    h.write('c1', 'x', 1, 0, 10);
    h.write('c1', 'x', 2, 20, 40);
    h.read('c2', 'x', 1, 30, 50);
    h.read('c3', 'x', 1, 40, 45);
    expect(findStaleReads(h.history)).toEqual([]);
  });

  it('never orders values whose writes overlapped, or whose write had no answer', () => {
    const overlapping = new HistoryBuilder();
    overlapping.write('c1', 'x', 1, 0, 100);
    overlapping.write('c2', 'x', 2, 50, 150);
    overlapping.read('c3', 'x', 1, 200, 210);
    expect(findStaleReads(overlapping.history)).toEqual([]);

    const unanswered = new HistoryBuilder();
    unanswered.write('c1', 'x', 1, 0, null);
    unanswered.write('c2', 'x', 2, 10, 20);
    unanswered.read('c3', 'x', 1, 30, 40);
    expect(findStaleReads(unanswered.history)).toEqual([]);
  });

  it('ignores failed writes: they never made anything older', () => {
    const h = new HistoryBuilder();
    h.write('c1', 'x', 1, 0, 10);
    h.write('c2', 'x', 2, 20, 30, false);
    h.read('c3', 'x', 1, 40, 50);
    expect(findStaleReads(h.history)).toEqual([]);
  });

  it('looks at each key on its own', () => {
    const h = new HistoryBuilder();
    h.write('c1', 'x', 1, 0, 10);
    h.read('c2', 'y', null, 20, 30);
    expect(findStaleReads(h.history)).toEqual([]);
  });
});

describe('read your writes', () => {
  it('finds a client reading a value older than its own acknowledged write', () => {
    const h = new HistoryBuilder();
    h.write('c2', 'x', 3, 0, 10);
    const own = h.write('c1', 'x', 5, 20, 30);
    const read = h.read('c1', 'x', 3, 40, 45);
    const [anomaly, ...rest] = findReadYourWritesViolations(h.history);
    expect(rest).toEqual([]);
    expect(anomaly).toMatchObject({ readId: read, causeId: own, process: 'c1', at: 45 });
    expect(anomaly!.explanation).toBe(
      'c1 wrote 5 to x (acknowledged at 30 ms), then read x at 45 ms and got the older 3',
    );
  });

  it('keeps a client’s own operations in order even within one millisecond', () => {
    const h = new HistoryBuilder();
    h.write('c1', 'x', 1, 0, 10);
    const read = h.read('c1', 'x', null, 10, 12);
    expect(findReadYourWritesViolations(h.history).map((anomaly) => anomaly.readId)).toEqual([read]);
  });

  it('accepts a newer or concurrent write by someone else, and leaves other clients’ stale reads to the stale-read finder', () => {
    const h = new HistoryBuilder();
    h.write('c1', 'x', 5, 20, 30);
    h.write('c2', 'x', 7, 25, 60);
    h.read('c1', 'x', 7, 70, 75);
    h.read('c3', 'x', null, 80, 85);
    expect(findReadYourWritesViolations(h.history)).toEqual([]);
    expect(findStaleReads(h.history)).toHaveLength(1);
  });

  it('does not count writes whose outcome the client never learned', () => {
    const h = new HistoryBuilder();
    h.write('c1', 'x', 5, 20, null);
    h.read('c1', 'x', null, 1100, 1105);
    expect(findReadYourWritesViolations(h.history)).toEqual([]);
  });
});

describe('monotonic reads', () => {
  it('finds a client reading an older value after a newer one', () => {
    const h = new HistoryBuilder();
    h.write('c1', 'x', 1, 0, 10);
    h.write('c1', 'x', 2, 20, 30);
    const first = h.read('c2', 'x', 2, 40, 45);
    const second = h.read('c2', 'x', 1, 50, 55);
    const [anomaly, ...rest] = findMonotonicReadViolations(h.history);
    expect(rest).toEqual([]);
    expect(anomaly).toMatchObject({ readId: second, causeId: first, at: 55 });
    expect(anomaly!.explanation).toBe('c2 read 2 from x at 45 ms, then the older 1 at 55 ms');
  });

  it('finds a client reading nothing after it had read a value', () => {
    const h = new HistoryBuilder();
    h.write('c1', 'x', 1, 0, 10);
    h.read('c2', 'x', 1, 5, 8);
    const later = h.read('c2', 'x', null, 20, 25);
    expect(findMonotonicReadViolations(h.history).map((anomaly) => anomaly.readId)).toEqual([later]);
  });

  it('allows reads that flip between values whose writes overlapped, and reads by different clients', () => {
    const h = new HistoryBuilder();
    h.write('c1', 'x', 1, 0, 100);
    h.write('c2', 'x', 2, 50, 150);
    h.read('c3', 'x', 2, 60, 70);
    h.read('c3', 'x', 1, 80, 90);
    h.write('c1', 'x', 3, 200, 210);
    h.read('c4', 'x', 3, 220, 230);
    h.read('c5', 'x', 1, 240, 250);
    expect(findMonotonicReadViolations(h.history)).toEqual([]);
  });
});
