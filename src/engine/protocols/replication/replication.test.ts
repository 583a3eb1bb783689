/**
 * The claims the replication lessons make, each checked by running its scenario. Statistical claims run
 * over many seeds; the numbers in comments are what these seeds gave when the tests were written.
 */
import { describe, expect, it } from 'vitest';
import {
  findMonotonicReadViolations,
  findReadYourWritesViolations,
  findStaleReads,
  runChecks,
} from '../../checkers';
import { createSimulation } from '../../catalog/resolve';
import { regionOneWayMs } from '../../core/regions';
import type { ReplicaVolatile } from './core/replica';
import {
  acknowledgedWritesMissingFrom,
  availability,
  durableOf,
  latencies,
  mean,
  percentile,
  sampleGauges,
} from './testSupport';

const seeds = Array.from({ length: 12 }, (_, i) => i + 1);

function writeLatencies(mode: 'async' | 'semi-sync' | 'sync', seed: number): number[] {
  return latencies(
    createSimulation('replication/async-writes', { seed, params: { mode } }).run().world.history,
    'write',
  );
}

describe('replication scenarios', { timeout: 120_000 }, () => {
  it.each(['replication/async-writes', 'replication/semi-sync-writes', 'replication/sync-writes'])(
    '%s keeps every invariant and serves its workload',
    (id) => {
      const sim = createSimulation(id, {}, { checkInvariants: true }).run();
      expect(sim.world.violations).toEqual([]);
      expect(latencies(sim.world.history, 'write').length).toBeGreaterThan(100);
    },
  );

  it('async writes finish faster than semi-sync, and semi-sync faster than sync (same workload and seeds)', () => {
    // Seeds 1-12 gave p50 ≈ 7 / 18 / 94 ms and p99 ≈ 98 / 115 / 190 ms.
    const transatlanticRoundTrip = 2 * regionOneWayMs('us-east', 'eu-west');
    for (const seed of seeds) {
      const [async, semi, sync] = (['async', 'semi-sync', 'sync'] as const).map((mode) =>
        writeLatencies(mode, seed),
      );
      expect(percentile(async!, 0.5), `seed ${seed}`).toBeLessThan(percentile(semi!, 0.5));
      expect(percentile(semi!, 0.5), `seed ${seed}`).toBeLessThan(percentile(sync!, 0.5));
      expect(percentile(async!, 0.99), `seed ${seed}`).toBeLessThan(percentile(sync!, 0.99));
      // Sync waits for the London follower, so most writes pay a transatlantic round trip.
      expect(percentile(sync!, 0.5), `seed ${seed}`).toBeGreaterThanOrEqual(transatlanticRoundTrip);
    }
  });

  it('follower reads under async replication return stale values, and the history check shows it', () => {
    // Every seed shows some (69-126 stale reads in 10 s for seeds 1-20).
    for (const seed of seeds) {
      const sim = createSimulation('replication/stale-follower-reads', { seed }).run();
      expect(findStaleReads(sim.world.history).length, `seed ${seed}`).toBeGreaterThan(0);
      const [check] = runChecks(sim, ['no-stale-reads']);
      expect(check!.ok, `seed ${seed}: ${check!.detail}`).toBe(false);
    }
  });

  it('reads from the leader under the same workload are never stale', () => {
    for (const seed of seeds.slice(0, 6)) {
      const sim = createSimulation('replication/stale-follower-reads', {
        seed,
        params: { readFrom: 'leader' },
      }).run();
      expect(
        runChecks(sim, ['no-stale-reads', 'linearizable']).filter((check) => !check.ok),
        `seed ${seed}`,
      ).toEqual([]);
    }
  });

  it("read-your-writes (version tokens) removes a client's stale reads of its own writes, but not of others' writes", () => {
    let withoutSession = 0;
    for (const seed of seeds) {
      withoutSession += findReadYourWritesViolations(
        createSimulation('replication/stale-follower-reads', { seed }).run().world.history,
      ).length;
      const history = createSimulation('replication/read-your-writes', { seed }).run().world.history;
      expect(findReadYourWritesViolations(history), `seed ${seed}`).toEqual([]);
      expect(
        findStaleReads(history).length,
        `seed ${seed}: other clients' writes can still be missing`,
      ).toBeGreaterThan(0);
    }
    expect(withoutSession).toBeGreaterThan(seeds.length * 5);
  });

  it('monotonic reads (version tokens) stop a client from reading an older value after a newer one', () => {
    let withoutSession = 0;
    for (const seed of seeds) {
      withoutSession += findMonotonicReadViolations(
        createSimulation('replication/monotonic-reads', { seed }).run().world.history,
      ).length;
      const history = createSimulation('replication/monotonic-reads', {
        seed,
        params: { session: 'monotonic-reads' },
      }).run().world.history;
      expect(findMonotonicReadViolations(history), `seed ${seed}`).toEqual([]);
    }
    expect(withoutSession).toBeGreaterThan(seeds.length * 5);
  });

  it('sync mode with a crashed follower stops accepting writes until it returns; async mode does not notice', () => {
    for (const seed of seeds.slice(0, 6)) {
      const sync = createSimulation('replication/sync-follower-crash', { seed }).run().world.history;
      expect(availability(sync, 'write', 0, 2900), `seed ${seed}`).toBeGreaterThan(0.95);
      expect(availability(sync, 'write', 3000, 6500), `seed ${seed}`).toBe(0);
      expect(availability(sync, 'write', 7500, 10_000), `seed ${seed}`).toBeGreaterThan(0.9);
      const async = createSimulation('replication/sync-follower-crash', {
        seed,
        params: { mode: 'async' },
      }).run().world.history;
      expect(availability(async, 'write', 3000, 6500), `seed ${seed}`).toBeGreaterThan(0.95);
    }
  });

  it('promoting an async follower after the leader crashes loses acknowledged writes, and the run counts them', () => {
    // Seeds 1-20 lost 26-50 acknowledged writes each.
    for (const seed of seeds) {
      const sim = createSimulation('replication/promote-async-follower', { seed }, { checkInvariants: true });
      sim.runUntil(6000);
      const lost = acknowledgedWritesMissingFrom(sim.world.history, durableOf(sim, 'n2').log);
      expect(lost.length, `seed ${seed}`).toBeGreaterThan(0);
      // The gauge counts from the nodes' own records of what they acknowledged, which includes
      // acknowledgements whose reply never reached the client (it was cut off by the partition).
      const counted = sim.protocol.gauges!(sim.invariantContext())['acknowledged.notOnNewestLeader']!;
      expect(counted, `seed ${seed}`).toBeGreaterThanOrEqual(lost.length);
      expect(counted, `seed ${seed}`).toBeLessThanOrEqual(
        lost.length + sim.world.history.filter((op) => op.type === 'write' && op.ok === null).length,
      );
      sim.run();
      const rollback = sim.world.notes.find(
        (note) => note.node === 'n1' && note.text.includes('rolled back'),
      );
      expect(rollback?.text, `seed ${seed}`).toContain(`${counted} of them it had acknowledged`);
      expect(sim.world.violations, `seed ${seed}`).toEqual([]);
    }
  });

  it('with sync replication the same crash and promotion lose no acknowledged write', () => {
    for (const seed of seeds) {
      const sim = createSimulation('replication/promote-async-follower', {
        seed,
        params: { mode: 'sync' },
      }).run();
      expect(
        acknowledgedWritesMissingFrom(sim.world.history, durableOf(sim, 'n2').log),
        `seed ${seed}`,
      ).toEqual([]);
    }
  });

  it('in a chain, lag grows toward the tail, and a crashed relay cuts off the nodes after it', () => {
    for (const seed of seeds.slice(0, 4)) {
      const sim = createSimulation('replication/chain', { seed }, { checkInvariants: true });
      const before = sampleGauges(sim, 4900, 20);
      const averageLag = (node: string) => mean(before.map((sample) => sample[`lag.ms.${node}`] ?? 0));
      expect(averageLag('n2'), `seed ${seed}`).toBeLessThan(averageLag('n3'));
      expect(averageLag('n3'), `seed ${seed}`).toBeLessThan(averageLag('n5'));
      sim.runUntil(7900); // n3 has been down since 5 s
      const lagged = sim.protocol.gauges!(sim.invariantContext());
      expect(lagged['lag.entries.n2'], `seed ${seed}`).toBeLessThan(5);
      expect(lagged['lag.entries.n4'], `seed ${seed}`).toBeGreaterThan(50);
      expect(lagged['lag.entries.n5'], `seed ${seed}`).toBeGreaterThan(50);
      sim.run();
      expect(sim.world.violations, `seed ${seed}`).toEqual([]);
    }
  });

  it('a ring with one leader replicates like a chain, and the leader drops its own entries coming back round', () => {
    const stopWorkload = {
      clients: 2,
      ratePerClient: 10,
      mix: { read: 0, write: 1, cas: 0 },
      target: 'n1',
      stopMs: 4000,
    } as const;
    const ring = createSimulation(
      'replication/ring',
      { workload: stopWorkload },
      { checkInvariants: true },
    ).run();
    const chain = createSimulation('replication/ring', {
      workload: stopWorkload,
      params: { topology: 'chain' },
    }).run();
    const leaderLog = durableOf(ring, 'n1').log;
    expect(leaderLog.length).toBeGreaterThan(50);
    for (const node of ['n2', 'n3', 'n4']) expect(durableOf(ring, node).log).toEqual(leaderLog);
    expect(durableOf(chain, 'n4').log).toEqual(durableOf(chain, 'n1').log);
    expect((ring.node('n1').state.volatile as ReplicaVolatile).echoesDropped).toBeGreaterThanOrEqual(
      leaderLog.length,
    );
    expect(ring.world.counters.messagesSent).toBeGreaterThan(chain.world.counters.messagesSent);
    expect(ring.world.violations).toEqual([]);
  });

  it('clients find a promoted leader through redirects', () => {
    const sim = createSimulation('replication/promote-async-follower', { seed: 3 }).run();
    const lateWrites = sim.world.history.filter(
      (op) => op.type === 'write' && op.invoke > 5000 && op.node !== 'n2',
    );
    expect(lateWrites.filter((op) => op.ok === true).length).toBeGreaterThan(20);
  });
});
