/**
 * CAP and PACELC side by side: the same three regions, the same clients and the same faults, once under a
 * CP configuration (Raft: a majority must agree on every operation) and once under an AP configuration
 * (multi-leader with last-writer-wins: every region answers on its own and reconciles later).
 */
import type { Action, ScenarioInput } from '../../core/schema';
import { regionNodes, threeRegions } from '../shared/regionNodes';

/** When ap-northeast is cut off from the other two regions, and when the network heals. */
export const capPartition = {
  fromMs: 3000,
  toMs: 8000,
  minority: ['ap-northeast'],
  majority: ['us-east', 'eu-west'],
} as const;

const capDurationMs = 11_000;

/** Two clients per region, each talking to its own region's node. */
const workload: ScenarioInput['workload'] = {
  clients: 6,
  ratePerClient: 4,
  mix: { read: 0.5, write: 0.5, cas: 0 },
  keys: { count: 2, distribution: 'uniform', zipfExponent: 1.1, hotShare: 0.8, prefix: 'k' },
  target: 'home',
  timeoutMs: 1000,
  startMs: 0,
  stopMs: capDurationMs - 1000,
};

const partitionFaults: ScenarioInput['faults'] = [
  { at: capPartition.fromMs, partition: [[...capPartition.minority], [...capPartition.majority]] },
  { at: capPartition.toMs, heal: true },
];

/**
 * Raft across continents: timeouts well above the widest round trip (us-east ↔ ap-northeast, about 145 ms),
 * and us-east asks for votes first so the leader starts where the primary would be.
 */
const consistent = {
  protocol: 'raft',
  params: { electionTimeoutMinMs: 600, electionTimeoutMaxMs: 1200, heartbeatMs: 100 },
  faults: [{ at: 10, operator: { node: 'us-east', command: 'campaign' } }] satisfies Action[],
};

const available = { protocol: 'multileader', params: { resolution: 'lww' } };

const shared = {
  nodes: regionNodes(threeRegions),
  workload,
  checks: ['linearizable', 'no-stale-reads'],
  durationMs: capDurationMs,
};

export const capScenarios: ScenarioInput[] = [
  {
    id: 'cap/partition-cp',
    title: 'CP under a partition: Raft across three regions',
    description:
      'While ap-northeast is cut off, its clients get no answers (it cannot reach a majority), but every answer anyone gets is linearizable.',
    ...shared,
    ...consistent,
    faults: [...consistent.faults, ...partitionFaults],
  },
  {
    id: 'cap/partition-ap',
    title: 'AP under the same partition: multi-leader with last-writer-wins',
    description:
      'Every region keeps answering while ap-northeast is cut off, but its clients read values the other regions have long overwritten, until anti-entropy reconciles after the heal.',
    ...shared,
    ...available,
    faults: partitionFaults,
  },
  {
    id: 'cap/no-partition-cp',
    title: 'PACELC, else: the latency of consistency with no fault at all',
    description:
      'With a healthy network every Raft write still waits for the leader and a second region to agree, so writes take a cross-region round trip or two.',
    ...shared,
    ...consistent,
  },
  {
    id: 'cap/no-partition-ap',
    title: 'PACELC, else: the speed of local answers with no fault at all',
    description:
      'With a healthy network every multi-leader write is acknowledged by the local region in a couple of milliseconds.',
    ...shared,
    ...available,
  },
];
