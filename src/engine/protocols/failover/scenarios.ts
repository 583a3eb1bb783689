import type { ScenarioInput } from '../../core/schema';

const everyoneWrites = {
  clients: 5,
  ratePerClient: 10,
  mix: { read: 0.3, write: 0.7, cas: 0 },
  keys: { count: 3 },
  target: 'home' as const,
  timeoutMs: 500,
};

/** Five nodes, writes acknowledged once a majority (the leader and two followers) has them. */
const majorityAcks = { mode: 'semi-sync', semiSyncAcks: 2 } as const;

const minorityWithLeader = [
  ['n1', 'n2'],
  ['n3', 'n4', 'n5'],
];

export const failoverScenarios: ScenarioInput[] = [
  {
    id: 'failover/automatic',
    title: 'Automatic failover',
    description:
      'The leader crashes at 3 s; the followers stop hearing its heartbeats, the most up-to-date one wins a majority of votes and takes over, and no acknowledged write is lost.',
    protocol: 'failover',
    params: { ...majorityAcks, fencing: 'epochs' },
    nodes: 5,
    workload: everyoneWrites,
    faults: [
      { at: 3000, crash: 'n1' },
      { at: 7000, restart: 'n1' },
    ],
    checks: ['linearizable'],
    durationMs: 10_000,
  },
  {
    id: 'failover/async-data-loss',
    title: 'Failover under asynchronous replication loses writes',
    description:
      'The leader loses its link to the followers at 3 s, keeps acknowledging its own clients, and crashes at 3.3 s; the new leader never had those writes, and the old leader rolls them back when it returns.',
    protocol: 'failover',
    params: { mode: 'async', fencing: 'epochs' },
    nodes: 3,
    workload: { ...everyoneWrites, clients: 6 },
    faults: [
      { at: 3000, isolate: 'n1' },
      { at: 3300, crash: 'n1' },
      { at: 3300, heal: true },
      { at: 6000, restart: 'n1' },
    ],
    durationMs: 9000,
  },
  {
    id: 'failover/split-brain',
    title: 'Split brain without fencing',
    description:
      'A partition cuts n1 and n2 off; the majority elects a new leader, but nothing stops n1, so both leaders acknowledge writes and their histories diverge, even after the network heals at 7 s.',
    protocol: 'failover',
    params: { mode: 'async', fencing: 'none' },
    nodes: 5,
    workload: everyoneWrites,
    faults: [
      { at: 3000, partition: minorityWithLeader },
      { at: 7000, heal: true },
    ],
    checks: ['linearizable'],
    durationMs: 10_000,
  },
  {
    id: 'failover/fencing-epochs',
    title: 'Fencing with epochs',
    description:
      'The same partition, but writes need a majority and every message carries its epoch: the cut-off leader n1 cannot acknowledge anything and, once the network heals and it sees the new epoch, steps down and rolls back only unacknowledged entries; until then it still serves stale reads, which the linearizability check catches.',
    protocol: 'failover',
    params: { ...majorityAcks, fencing: 'epochs' },
    nodes: 5,
    workload: everyoneWrites,
    faults: [
      { at: 3000, partition: minorityWithLeader },
      { at: 7000, heal: true },
    ],
    checks: ['linearizable'],
    durationMs: 10_000,
  },
  {
    id: 'failover/stonith',
    title: 'Fencing with STONITH',
    description:
      'The same partition; the node that wins the election powers n1 off through its out-of-band power switch before taking over, so there is never a second leader, and n1 rejoins as a follower when it is restarted at 8 s.',
    protocol: 'failover',
    params: { ...majorityAcks, fencing: 'stonith' },
    nodes: 5,
    workload: everyoneWrites,
    faults: [
      { at: 3000, partition: minorityWithLeader },
      { at: 7000, heal: true },
      { at: 8000, restart: 'n1' },
    ],
    checks: ['linearizable'],
    durationMs: 10_000,
  },
  {
    id: 'failover/latency-spike',
    title: 'A latency spike causes a false failover',
    description:
      'At 3 s every link slows to about 250 ms for two seconds; with a 200 ms timeout the followers decide the healthy leader is dead and elect another, while a 1000 ms timeout rides the spike out.',
    protocol: 'failover',
    params: { ...majorityAcks, fencing: 'epochs', heartbeatIntervalMs: 50, timeoutMs: 200 },
    nodes: 5,
    workload: everyoneWrites,
    faults: [
      { at: 3000, setLatency: { minMs: 150, meanMs: 100, distribution: 'exponential' } },
      { at: 5000, setLatency: { minMs: 1, meanMs: 4, distribution: 'exponential' } },
    ],
    durationMs: 8000,
  },
  {
    id: 'failover/long-pause',
    title: 'The leader freezes',
    description:
      'The leader stops for 1.5 s (a long garbage-collection pause); the others elect a new leader, and when n1 wakes up still believing it leads, the first reply carrying the new epoch makes it step down.',
    protocol: 'failover',
    params: { ...majorityAcks, fencing: 'epochs' },
    nodes: 5,
    workload: everyoneWrites,
    faults: [{ at: 3000, pause: 'n1', durationMs: 1500 }],
    durationMs: 8000,
  },
  {
    id: 'failover/phi-accrual',
    title: 'Phi-accrual failure detection',
    description:
      "Each follower learns how regular the leader's heartbeats are and reports phi, its suspicion on a log scale; after the crash at 4 s phi climbs past the threshold of 8 and a follower takes over.",
    protocol: 'failover',
    params: { ...majorityAcks, fencing: 'epochs', detector: 'phi', phiThreshold: 8 },
    nodes: 5,
    network: { latency: { minMs: 2, meanMs: 15, distribution: 'exponential' } },
    workload: everyoneWrites,
    faults: [{ at: 4000, crash: 'n1' }],
    durationMs: 8000,
  },
  {
    id: 'failover/manual',
    title: 'Manual failover',
    description:
      'With automatic failover off, the followers only report that the leader is gone; writes fail until the operator promotes n2 at 5 s.',
    protocol: 'failover',
    params: { ...majorityAcks, fencing: 'epochs', autoFailover: false },
    nodes: 5,
    workload: everyoneWrites,
    faults: [
      { at: 3000, crash: 'n1' },
      { at: 5000, operator: { node: 'n2', command: 'promote' } },
    ],
    durationMs: 8000,
  },
  {
    id: 'failover/switchover',
    title: 'Planned switchover',
    description:
      'The operator asks n1 to hand over to n2: n1 pauses writes, waits until n2 holds its whole log, then n2 takes over in epoch 2, and no acknowledged write is lost even though replication is asynchronous.',
    protocol: 'failover',
    params: { mode: 'async', fencing: 'epochs' },
    nodes: 3,
    network: {
      links: [{ from: 'n1', to: 'n2', latency: { minMs: 100, meanMs: 50, distribution: 'exponential' } }],
    },
    workload: { ...everyoneWrites, clients: 4 },
    faults: [{ at: 4000, operator: { node: 'n1', command: 'switchover', args: { to: 'n2' } } }],
    checks: ['linearizable'],
    durationMs: 8000,
  },
];
