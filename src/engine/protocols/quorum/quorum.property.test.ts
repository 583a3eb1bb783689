/**
 * Random fault schedules against the guarantee strict quorums promise. Runs PROPERTY_RUNS cases
 * (default 40); a failure prints the fast-check seed and the command that replays it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Action } from '../../core/schema';
import { createSimulation } from '../../catalog/resolve';
import { findStaleReads } from '../../checkers';

const testFile = 'src/engine/protocols/quorum/quorum.property.test.ts';
const runs = Number(process.env.PROPERTY_RUNS ?? 40);
const replaySeed = process.env.SEED === undefined ? undefined : Number(process.env.SEED);

const cluster = fc.integer({ min: 3, max: 5 }).chain((nodeCount) =>
  fc.integer({ min: 3, max: nodeCount }).chain((n) =>
    fc.integer({ min: 1, max: n }).chain((r) =>
      fc.record({
        nodeCount: fc.constant(nodeCount),
        n: fc.constant(n),
        r: fc.constant(r),
        // Strict quorums only: R + W > N.
        w: fc.integer({ min: n - r + 1, max: n }),
        readRepair: fc.constantFrom('off', 'async', 'blocking'),
        hintedHandoff: n < nodeCount ? fc.boolean() : fc.constant(false),
      }),
    ),
  ),
);

const nodeName = (index: number) => `n${index + 1}`;

function faultSchedule(nodeCount: number) {
  const allNodes = Array.from({ length: nodeCount }, (_, i) => nodeName(i));
  const node = fc.constantFrom(...allNodes);
  const at = fc.integer({ min: 0, max: 3000 });
  const fault: fc.Arbitrary<Action> = fc.oneof(
    fc.record({ at, crash: node }),
    fc.record({ at, restart: node }),
    fc.record({ at, pause: node, durationMs: fc.integer({ min: 50, max: 800 }) }),
    fc.record({ at, isolate: node }),
    fc.record({ at, heal: fc.constant(true as const) }),
    fc.shuffledSubarray(allNodes, { minLength: 1, maxLength: nodeCount - 1 }).chain((side) =>
      at.map((time): Action => ({
        at: time,
        partition: [side, allNodes.filter((other) => !side.includes(other))],
      })),
    ),
  );
  return fc.array(fault, { maxLength: 8 });
}

function sequentialOps(nodeCount: number) {
  return fc.array(
    fc.record({
      op: fc.constantFrom('read', 'write'),
      node: fc.integer({ min: 0, max: nodeCount - 1 }).map(nodeName),
      key: fc.constantFrom('x', 'y'),
    }),
    { minLength: 10, maxLength: 50 },
  );
}

const scenario = cluster.chain((config) =>
  fc.record({
    config: fc.constant(config),
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
    faults: faultSchedule(config.nodeCount),
    ops: sequentialOps(config.nodeCount),
  }),
);

describe('strict quorums under random faults', () => {
  it(
    'never return a stale read of a completed write when R + W > N and one client works one operation at a time',
    () => {
      const property = fc.property(scenario, ({ config, seed, faults, ops }) => {
        const { nodeCount, ...params } = config;
        const sim = createSimulation(
          {
            id: 'quorum/property',
            title: 'random faults',
            description: 'generated',
            protocol: 'quorum',
            nodes: nodeCount,
            params,
            seed,
            faults,
            workload: { clients: 0, timeoutMs: 600 },
            // One client: each operation starts when the previous one has finished.
            script: ops.map((op, i) => ({
              at: 50 + i * 30,
              client: 'alice',
              ...op,
              ...(op.op === 'write' ? { value: i + 1 } : {}),
            })),
            durationMs: 4000 + ops.length * 600,
          },
          {},
          { checkInvariants: true },
        ).run();
        expect(findStaleReads(sim.world.history)).toEqual([]);
      });
      const result = fc.check(property, {
        numRuns: runs,
        ...(replaySeed === undefined ? {} : { seed: replaySeed }),
      });
      if (result.failed) {
        throw new Error(
          `${fc.defaultReportMessage(result)}\nReproduce with: SEED=${result.seed} npx vitest run ${testFile}`,
        );
      }
    },
    Math.max(30_000, runs * 200),
  );
});
