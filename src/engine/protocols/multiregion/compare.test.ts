/**
 * The multi-region lesson's claims, read off compareMultiRegionPatterns over several seeds. The bounds
 * come from core/regions.ts: one-way us-east ↔ eu-west 37 ms, us-east ↔ ap-northeast 71 ms,
 * eu-west ↔ ap-northeast 63 ms (fiber floor × 1.3 route factor), plus a few ms of local jitter.
 *
 * Measured p50 read / write in ms, seeds 1–4 (us-east, eu-west, ap-northeast):
 *   primary with read replicas   2/2      2/86–87    2/153–154
 *   regional primaries           2/2      2/2        2/2         (15–41 conflict merges, 7–12 stale reads)
 *   global consensus             83–85/81–84  169–174/167–168  235–238/235–238   (no stale reads)
 */
import { describe, expect, it } from 'vitest';
import { regionOneWayMs } from '../../core/regions';
import { compareMultiRegionPatterns } from '../../analysis/multiregion';

const seeds = [1, 2, 3, 4];
let memo: { seed: number; report: ReturnType<typeof compareMultiRegionPatterns> }[] | null = null;
const reports = () =>
  (memo ??= seeds.map((seed) => ({ seed, report: compareMultiRegionPatterns({ seed }) })));
const roundTrip = (a: string, b: string) => regionOneWayMs(a, b) + regionOneWayMs(b, a);
const localMs = 10; // a client's hop to its own region's node and back, with jitter

describe('primary with read replicas (primary in us-east, asynchronous replication)', () => {
  it('makes writes from far regions pay the round trip to the primary (4 seeds)', () => {
    for (const { seed, report } of reports()) {
      const { byRegion } = report['primary-with-read-replicas'];
      expect(byRegion['us-east']!.writeP50!, `seed ${seed}`).toBeLessThan(localMs);
      for (const region of ['eu-west', 'ap-northeast']) {
        expect(byRegion[region]!.writeP50!, `seed ${seed} ${region}`).toBeGreaterThanOrEqual(
          roundTrip(region, 'us-east'),
        );
      }
    }
  });

  it('answers reads from the local replica in every region (4 seeds)', () => {
    for (const { seed, report } of reports())
      for (const [region, latency] of Object.entries(report['primary-with-read-replicas'].byRegion)) {
        expect(latency.readP50!, `seed ${seed} ${region}`).toBeLessThan(localMs);
      }
  });
});

describe('global consensus (Raft across regions, leader in us-east)', () => {
  it('makes every write pay a cross-region majority round trip, even in the leader’s own region (4 seeds)', () => {
    for (const { seed, report } of reports()) {
      const { byRegion } = report['global-consensus'];
      // The leader needs one other region: its nearest, London.
      expect(byRegion['us-east']!.writeP50!, `seed ${seed}`).toBeGreaterThanOrEqual(
        roundTrip('us-east', 'eu-west'),
      );
      // Other regions first reach the leader, then wait for its majority round trip.
      for (const region of ['eu-west', 'ap-northeast']) {
        expect(byRegion[region]!.writeP50!, `seed ${seed} ${region}`).toBeGreaterThanOrEqual(
          roundTrip(region, 'us-east') + roundTrip('us-east', 'eu-west'),
        );
      }
    }
  });

  it('never serves a stale read (4 seeds)', () => {
    for (const { seed, report } of reports())
      expect(report['global-consensus'].staleReads, `seed ${seed}`).toBe(0);
  });
});

describe('regional primaries (multi-leader)', () => {
  it('answers reads and writes locally in every region (4 seeds)', () => {
    for (const { seed, report } of reports())
      for (const [region, latency] of Object.entries(report['regional-primaries'].byRegion)) {
        expect(latency.readP50!, `seed ${seed} ${region}`).toBeLessThan(localMs);
        expect(latency.writeP50!, `seed ${seed} ${region}`).toBeLessThan(localMs);
      }
  });

  it('pays in conflicts and stale reads (4 seeds)', () => {
    for (const { seed, report } of reports()) {
      expect(report['regional-primaries'].conflictMerges, `seed ${seed}`).toBeGreaterThan(0);
      expect(report['regional-primaries'].staleReads, `seed ${seed}`).toBeGreaterThan(0);
    }
  });
});
