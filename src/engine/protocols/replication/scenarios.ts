import type { ScenarioInput } from '../../core/schema';

/** Two replicas in New York next to the leader's data centre, one in London (about 36 ms one way). */
const newYorkAndLondon = [
  { id: 'n1', region: 'us-east' },
  { id: 'n2', region: 'us-east' },
  { id: 'n3', region: 'eu-west' },
];

const writeHeavy = { read: 0.2, write: 0.8, cas: 0 };

/** The replication stream from the leader to n3 crosses a congested link, so n3 lags about 150 ms behind. */
const congestedLinkToN3 = {
  links: [
    { from: 'n1', to: 'n3', latency: { minMs: 100, meanMs: 50, distribution: 'exponential' as const } },
  ],
};

/** Six clients reading and writing through their nearest replica: the same traffic with and without sessions. */
const followerReadWorkload = {
  clients: 6,
  ratePerClient: 10,
  mix: { read: 0.6, write: 0.4, cas: 0 },
  keys: { count: 2 },
  target: 'home',
};

function writeLatencyScenario(
  mode: 'async' | 'semi-sync' | 'sync',
  title: string,
  description: string,
): ScenarioInput {
  return {
    id: `replication/${mode}-writes`,
    title,
    description,
    protocol: 'replication',
    params: { mode, semiSyncAcks: 1 },
    nodes: newYorkAndLondon,
    workload: { clients: 3, ratePerClient: 10, mix: writeHeavy, keys: { count: 3 }, target: 'n1' },
    durationMs: 10_000,
  };
}

export const replicationScenarios: ScenarioInput[] = [
  writeLatencyScenario(
    'async',
    'Asynchronous replication',
    'The leader acknowledges a write as soon as it is in its own log, so writes are fast while the London follower trails behind (see its lag).',
  ),
  writeLatencyScenario(
    'semi-sync',
    'Semi-synchronous replication',
    'The leader waits for one follower, the nearby one answers first, so writes stay fast and every acknowledged write is on two nodes.',
  ),
  writeLatencyScenario(
    'sync',
    'Synchronous replication',
    'Every write waits until every follower has it, including the one in London, so writes take a transatlantic round trip.',
  ),
  {
    id: 'replication/stale-follower-reads',
    title: 'Stale reads from followers',
    description:
      'Clients read from their nearest replica; under asynchronous replication n3, behind a congested link, returns values older than writes already acknowledged.',
    protocol: 'replication',
    params: { mode: 'async', readFrom: 'any' },
    nodes: 3,
    network: congestedLinkToN3,
    workload: followerReadWorkload,
    checks: ['no-stale-reads'],
    durationMs: 10_000,
  },
  {
    id: 'replication/read-your-writes',
    title: 'Read your own writes with version tokens',
    description:
      "Each reply carries the log position the client has seen, and a follower that is behind holds the client's read until it has caught up, so nobody misses their own write.",
    protocol: 'replication',
    params: { mode: 'async', readFrom: 'any', session: 'read-your-writes' },
    nodes: 3,
    network: congestedLinkToN3,
    workload: followerReadWorkload,
    checks: ['read-your-writes', 'no-stale-reads'],
    durationMs: 10_000,
  },
  {
    id: 'replication/monotonic-reads',
    title: 'Reads that go back in time',
    description:
      'Each read goes to a random replica, so a client can read a new value from one follower and then an older one from a follower that lags; turn on monotonic reads to stop it.',
    protocol: 'replication',
    params: { mode: 'async', readFrom: 'any' },
    nodes: 3,
    network: congestedLinkToN3,
    workload: {
      clients: 4,
      ratePerClient: 20,
      mix: { read: 0.7, write: 0.3, cas: 0 },
      keys: { count: 1 },
      target: 'random',
    },
    checks: ['monotonic-reads'],
    durationMs: 10_000,
  },
  {
    id: 'replication/sync-follower-crash',
    title: 'A synchronous follower crashes',
    description:
      'With synchronous replication the leader needs every follower, so when n3 crashes at 3 s no write completes until n3 comes back at 7 s.',
    protocol: 'replication',
    params: { mode: 'sync' },
    nodes: 3,
    workload: {
      clients: 3,
      ratePerClient: 10,
      mix: writeHeavy,
      keys: { count: 3 },
      target: 'n1',
      timeoutMs: 500,
    },
    faults: [
      { at: 3000, crash: 'n3' },
      { at: 7000, restart: 'n3' },
    ],
    durationMs: 10_000,
  },
  {
    id: 'replication/promote-async-follower',
    title: 'Promoting an asynchronous follower loses writes',
    description:
      'The leader is cut off from its followers at 3 s but keeps acknowledging its clients; it crashes at 4 s, the operator promotes n2, and every write acknowledged in between is gone (the old leader rolls them back when it returns).',
    protocol: 'replication',
    params: { mode: 'async' },
    nodes: 3,
    workload: {
      clients: 4,
      ratePerClient: 20,
      mix: { read: 0, write: 1, cas: 0 },
      keys: { count: 4 },
      target: 'home',
      timeoutMs: 500,
    },
    faults: [
      { at: 3000, partition: [['n1'], ['n2', 'n3']] },
      { at: 4000, crash: 'n1' },
      { at: 4000, heal: true },
      { at: 4500, operator: { node: 'n2', command: 'promote' } },
      { at: 7000, restart: 'n1' },
    ],
    durationMs: 10_000,
  },
  {
    id: 'replication/chain',
    title: 'Chain replication topology',
    description:
      'Each follower relays the log to the next, so lag grows toward the tail, and when the relay n3 crashes at 5 s everything after it stops receiving writes.',
    protocol: 'replication',
    params: { mode: 'async', topology: 'chain' },
    nodes: 5,
    workload: { clients: 3, ratePerClient: 20, mix: writeHeavy, keys: { count: 3 }, target: 'n1' },
    faults: [
      { at: 5000, crash: 'n3' },
      { at: 8000, restart: 'n3' },
    ],
    durationMs: 10_000,
  },
  {
    id: 'replication/ring',
    title: 'Ring topology with one leader',
    description:
      'The log travels round the ring and the last follower sends it back to the leader, which recognizes its own entries and drops them: a chain with one wasted link.',
    protocol: 'replication',
    params: { mode: 'async', topology: 'ring' },
    nodes: 4,
    workload: { clients: 2, ratePerClient: 10, mix: writeHeavy, keys: { count: 2 }, target: 'n1' },
    durationMs: 6_000,
  },
];
