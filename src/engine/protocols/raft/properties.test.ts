/**
 * Random fault schedules against Raft: crashes and restarts, partitions, isolation, pauses, message loss,
 * duplication and reordering, with clients reading, writing and CAS-ing throughout. Every run must keep
 * every invariant after every event, produce a linearizable history (once the "linearizable" checker is
 * registered), and, once the faults stop, elect a leader everyone agrees on within LIVENESS_BOUND_MS.
 *
 * Default: 300 runs (about 20 s). More: RAFT_SEEDS=3000 npx vitest run src/engine/protocols/raft/properties.test.ts
 * A failure prints the fast-check seed and path, the exact command that replays it, and the scenario overrides.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { checkers, runChecks } from '../../checkers';
import type { Action, ScenarioOverrides } from '../../core/schema';
import { createSimulation } from '../../catalog/resolve';
import { runUntilAgreedLeader } from './inspect';

const FAULTS_END_MS = 3000;
const SETTLE_MS = 1500;
const ELECTION_TIMEOUT_MAX_MS = 300;
/** Documented liveness bound: with no faults after FAULTS_END_MS, all up nodes agree on a leader within 10 × the max election timeout. */
const LIVENESS_BOUND_MS = 10 * ELECTION_TIMEOUT_MAX_MS;

const runs = Number(process.env.RAFT_SEEDS ?? 300);
const historyChecks = checkers.has('linearizable') ? ['linearizable'] : [];
const TEST_NAME = `random faults: invariants hold after every event${historyChecks.length ? ', histories are linearizable' : ''}, and a leader is agreed within ${LIVENESS_BOUND_MS} ms of the last fault`;

const at = fc.integer({ min: 0, max: FAULTS_END_MS - 1 });
const nodeIndex = fc.integer({ min: 0, max: 4 });

/** Faults name nodes by index; the index wraps to the cluster size chosen for the run. */
type FaultTemplate =
  | { kind: 'crash' | 'restart' | 'isolate'; at: number; node: number }
  | { kind: 'pause'; at: number; node: number; durationMs: number }
  | { kind: 'partition'; at: number; sides: number[] }
  | { kind: 'heal'; at: number }
  | { kind: 'loss'; at: number; rate: number };

const faultTemplate: fc.Arbitrary<FaultTemplate> = fc.oneof(
  fc.record({ kind: fc.constant('crash' as const), at, node: nodeIndex }),
  fc.record({ kind: fc.constant('restart' as const), at, node: nodeIndex }),
  fc.record({ kind: fc.constant('isolate' as const), at, node: nodeIndex }),
  fc.record({
    kind: fc.constant('pause' as const),
    at,
    node: nodeIndex,
    durationMs: fc.integer({ min: 20, max: 600 }),
  }),
  fc.record({
    kind: fc.constant('partition' as const),
    at,
    sides: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 5, maxLength: 5 }),
  }),
  fc.record({ kind: fc.constant('heal' as const), at }),
  fc.record({ kind: fc.constant('loss' as const), at, rate: fc.constantFrom(0, 0.05, 0.2, 0.5) }),
);

function toAction(template: FaultTemplate, nodeIds: string[]): Action | null {
  const id = (index: number) => nodeIds[index % nodeIds.length]!;
  switch (template.kind) {
    case 'crash':
      return { at: template.at, crash: id(template.node) };
    case 'restart':
      return { at: template.at, restart: id(template.node) };
    case 'isolate':
      return { at: template.at, isolate: id(template.node) };
    case 'pause': // pauses end before the faults stop
      return {
        at: template.at,
        pause: id(template.node),
        durationMs: Math.max(1, Math.min(template.durationMs, FAULTS_END_MS - template.at)),
      };
    case 'partition': {
      const groups = [0, 1, 2]
        .map((side) => nodeIds.filter((_, i) => template.sides[i] === side))
        .filter((group) => group.length > 0);
      return groups.length >= 2 ? { at: template.at, partition: groups } : { at: template.at, heal: true };
    }
    case 'heal':
      return { at: template.at, heal: true };
    case 'loss':
      return { at: template.at, setLossRate: template.rate };
  }
}

const runCase = fc.record({
  seed: fc.integer({ min: 0, max: 0xffffffff }),
  nodeCount: fc.constantFrom(3, 5),
  reads: fc.constantFrom('log' as const, 'readIndex' as const),
  maxEntriesPerAppend: fc.constantFrom(1, 4, 64),
  lossRate: fc.constantFrom(0, 0.02, 0.1),
  duplicateRate: fc.constantFrom(0, 0.05),
  reorderRate: fc.constantFrom(0, 0.1, 0.3),
  target: fc.constantFrom('home' as const, 'random' as const),
  faults: fc.array(faultTemplate, { maxLength: 14 }),
});

type RunCase = typeof runCase extends fc.Arbitrary<infer T> ? T : never;

function toOverrides(c: RunCase): ScenarioOverrides {
  const nodeIds = Array.from({ length: c.nodeCount }, (_, i) => `n${i + 1}`);
  const faults = c.faults
    .map((template) => toAction(template, nodeIds))
    .filter((action): action is Action => action !== null);
  // From FAULTS_END_MS on the world is calm: the network heals, loss stops and every node is up.
  const calm: Action[] = [
    { at: FAULTS_END_MS, heal: true },
    { at: FAULTS_END_MS, setLossRate: 0 },
    ...nodeIds.map((id) => ({ at: FAULTS_END_MS, restart: id })),
  ];
  return {
    seed: c.seed,
    nodes: c.nodeCount,
    params: {
      reads: c.reads,
      maxEntriesPerAppend: c.maxEntriesPerAppend,
      electionTimeoutMaxMs: ELECTION_TIMEOUT_MAX_MS,
    },
    network: { lossRate: c.lossRate, duplicateRate: c.duplicateRate, reorderRate: c.reorderRate },
    workload: {
      clients: 4,
      ratePerClient: 10,
      mix: { read: 0.4, write: 0.4, cas: 0.2 },
      keys: { count: 2 },
      target: c.target,
      timeoutMs: 600,
    },
    faults: [...faults.sort((a, b) => a.at - b.at), ...calm],
    durationMs: FAULTS_END_MS + SETTLE_MS,
  };
}

const agreedLeaderDelays: number[] = [];

describe('Raft under random faults', () => {
  it(
    TEST_NAME,
    () => {
      const property = fc.property(runCase, (c) => {
        const overrides = toOverrides(c);
        const sim = createSimulation('raft/normal-election', overrides, { checkInvariants: true });
        sim.runUntil(FAULTS_END_MS);
        const agreedAt = runUntilAgreedLeader(sim, FAULTS_END_MS + LIVENESS_BOUND_MS);
        sim.runUntil(Math.max(sim.now, FAULTS_END_MS + SETTLE_MS));
        const failures = [
          ...sim.world.violations.map(
            (violation) => `${violation.name} at ${violation.at} ms: ${violation.detail}`,
          ),
          ...runChecks(sim, historyChecks)
            .filter((result) => !result.ok)
            .map((result) => `${result.name}: ${result.detail}`),
        ];
        if (agreedAt === null)
          failures.push(
            `no leader agreed within ${LIVENESS_BOUND_MS} ms after the faults stopped at ${FAULTS_END_MS} ms`,
          );
        else agreedLeaderDelays.push(agreedAt - FAULTS_END_MS);
        if (failures.length > 0)
          throw new Error(
            `${failures.join('\n')}\nscenario raft/normal-election with overrides ${JSON.stringify(overrides)}`,
          );
      });
      const seed = process.env.RAFT_SEED === undefined ? undefined : Number(process.env.RAFT_SEED);
      const path = process.env.RAFT_PATH;
      const details = fc.check(property, {
        numRuns: runs,
        ...(seed !== undefined ? { seed } : {}),
        ...(path ? { path } : {}),
      });
      if (details.failed) {
        const reproduce = `RAFT_SEED=${details.seed} RAFT_PATH=${details.counterexamplePath ?? ''} npx vitest run src/engine/protocols/raft/properties.test.ts`;
        throw new Error(
          `Raft property failed after ${details.numRuns} runs.\nReproduce: ${reproduce}\n${String(details.errorInstance)}`,
        );
      }
      if (process.env.RAFT_SEEDS) {
        const sorted = [...agreedLeaderDelays].sort((a, b) => a - b);
        const quantile = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
        console.log(
          `${sorted.length} runs; agreed leader after the last fault: median ${quantile(0.5)} ms, p99 ${quantile(0.99)} ms, max ${sorted.at(-1)} ms`,
        );
      }
    },
    Math.max(60_000, runs * 1000),
  );
});
