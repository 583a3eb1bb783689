/**
 * The CAP lesson's claims, measured with compareCap over many seeds. Bounds are documented per test.
 */
import { describe, expect, it } from 'vitest';
import { compareCap, type CapComparison } from './cap';

const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
const memo = new Map<string, CapComparison>();
const comparison = (seed: number, partition: boolean) => {
  const key = `${seed}:${partition}`;
  if (!memo.has(key)) memo.set(key, compareCap({ seed, partition }));
  return memo.get(key)!;
};

describe('CAP: the same partition under CP and AP', () => {
  // Measured over seeds 1–8: CP minority 0 % (every request timed out), AP minority 100 %.
  it('CP refuses the cut-off minority region; AP keeps answering it (8 seeds)', () => {
    for (const seed of seeds) {
      const { cp, ap } = comparison(seed, true);
      expect(cp.minorityAvailability.attempted, `seed ${seed}`).toBeGreaterThan(10);
      expect(cp.minorityAvailability.succeeded, `seed ${seed}`).toBe(0);
      expect(ap.minorityAvailability.percent, `seed ${seed}`).toBe(100);
    }
  });

  // Measured over seeds 1–8: CP answered 57–70 % of requests during the partition (the majority side only), AP 100 %.
  it('CP availability during the partition is below AP’s (8 seeds)', () => {
    for (const seed of seeds) {
      const { cp, ap } = comparison(seed, true);
      expect(cp.availability.percent!, `seed ${seed}`).toBeLessThan(ap.availability.percent!);
      expect(cp.availability.percent!, `seed ${seed}`).toBeGreaterThan(40); // the majority side still works
    }
  });

  // Measured over seeds 1–8: AP 30–51 stale reads per run, and never linearizable.
  it('CP answers are linearizable with no stale reads; AP answers are not (8 seeds)', () => {
    for (const seed of seeds) {
      const { cp, ap } = comparison(seed, true);
      expect(cp.violations, `seed ${seed}`).toEqual({ staleReads: 0, linearizable: 'linearizable' });
      expect(ap.violations.staleReads, `seed ${seed}`).toBeGreaterThan(0);
      expect(ap.violations.linearizable, `seed ${seed}`).toBe('violation');
    }
  });
});

describe('PACELC: with no partition at all', () => {
  // Measured over seeds 1–8: CP mean write latency 148–167 ms, p95 240–248 ms; AP 2 ms and 2 ms.
  it('CP writes are slower than AP writes, in mean and at p95 (8 seeds)', () => {
    for (const seed of seeds) {
      const { cp, ap } = comparison(seed, false);
      expect(cp.latency.write!.mean, `seed ${seed}`).toBeGreaterThan(ap.latency.write!.mean);
      expect(cp.latency.write!.p95, `seed ${seed}`).toBeGreaterThan(ap.latency.write!.p95);
    }
  });

  // Measured over seeds 1–8: AP 15–27 stale reads per run from replication lag alone.
  it('AP pays with consistency instead: stale reads during replication lag; CP stays linearizable (8 seeds)', () => {
    for (const seed of seeds) {
      const { cp, ap } = comparison(seed, false);
      expect(cp.availability.percent, `seed ${seed}`).toBe(100);
      expect(cp.violations, `seed ${seed}`).toEqual({ staleReads: 0, linearizable: 'linearizable' });
      expect(ap.violations.staleReads, `seed ${seed}`).toBeGreaterThan(0);
    }
  });
});
