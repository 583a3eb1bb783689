import type { ScenarioInput } from '../../core/schema';
import { evenBoundaries } from './strategies';

type ScriptLine = NonNullable<ScenarioInput['script']>[number];

const preloadRows = 2000;
const preloadedKeys = Array.from({ length: preloadRows }, (_, i) => `k${i}`);

/** Four ranges with equal numbers of the preloaded keys (in string order: k0, k1, k10, k100, …). */
export const fourEvenRanges = evenBoundaries([...preloadedKeys].sort(), 4);

const readMostly = (keys: number) => ({
  clients: 4,
  ratePerClient: 20,
  mix: { read: 0.8, write: 0.2, cas: 0 },
  keys: { count: keys },
  target: 'random' as const,
  timeoutMs: 1000,
});

function addFifthNode(
  id: string,
  strategy: 'hash-modulo' | 'consistent-hashing',
  title: string,
  description: string,
): ScenarioInput {
  return {
    id,
    title,
    description,
    protocol: 'partitioning',
    nodes: 5,
    params: { strategy, members: ['n1', 'n2', 'n3', 'n4'], preloadRows },
    workload: readMostly(preloadRows),
    faults: [{ at: 2000, operator: { node: 'n5', command: 'join' } }],
    durationMs: 5000,
  };
}

/** Orders arrive with ever-increasing ids past every existing one, from four clients in turn. */
function sequentialInserts(count: number): ScriptLine[] {
  return Array.from({ length: count }, (_, i) => ({
    at: 100 + i * 8,
    client: `c${(i % 4) + 1}`,
    node: `n${(i % 4) + 1}`,
    op: 'write',
    key: `order-${String(10_000 + i).padStart(6, '0')}`,
  }));
}

function sequentialKeys(
  id: string,
  strategy: 'range' | 'consistent-hashing',
  title: string,
  description: string,
): ScenarioInput {
  return {
    id,
    title,
    description,
    protocol: 'partitioning',
    nodes: 4,
    params: { strategy, rangeBoundaries: ['order-002500', 'order-005000', 'order-007500'] },
    workload: { clients: 0, timeoutMs: 1000 },
    script: sequentialInserts(600),
    durationMs: 5500,
  };
}

function hotKey(id: string, salted: boolean, title: string, description: string): ScenarioInput {
  return {
    id,
    title,
    description,
    protocol: 'partitioning',
    nodes: 4,
    params: {
      strategy: 'consistent-hashing',
      preloadRows: 1000,
      ...(salted ? { saltedKeys: { k0: 16 } } : {}),
    },
    workload: {
      clients: 8,
      ratePerClient: 25,
      mix: { read: 0.3, write: 0.7, cas: 0 },
      keys: { count: 1000, distribution: 'hot', hotShare: 0.5 },
      target: 'random',
      timeoutMs: 1000,
    },
    durationMs: 5000,
  };
}

const scans: ScriptLine[] = [
  ['k10', 'k11'],
  ['k5', 'k6'],
  ['k1234', 'k1235'],
  ['k18', 'k19'],
  ['k3', 'k6'],
].map(([from, to], i) => ({
  at: 500 + i * 300,
  client: 'analyst',
  node: 'n1',
  op: 'scan',
  key: from!,
  options: { to },
}));

function rangeScans(
  id: string,
  strategy: 'range' | 'consistent-hashing',
  title: string,
  description: string,
): ScenarioInput {
  return {
    id,
    title,
    description,
    protocol: 'partitioning',
    nodes: 4,
    params: { strategy, rangeBoundaries: fourEvenRanges, preloadRows },
    workload: { clients: 0, timeoutMs: 1000 },
    script: scans,
    durationMs: 2500,
  };
}

function virtualNodes(id: string, count: number, title: string, description: string): ScenarioInput {
  return {
    id,
    title,
    description,
    protocol: 'partitioning',
    nodes: 8,
    params: { strategy: 'consistent-hashing', virtualNodes: count, preloadRows: 4000 },
    workload: { ...readMostly(4000), clients: 8 },
    durationMs: 3000,
  };
}

export const shardingScenarios: ScenarioInput[] = [
  addFifthNode(
    'partitioning/hash-modulo-add-node',
    'hash-modulo',
    'Hash modulo N: adding a node moves most rows',
    'Four nodes hold 2,000 rows placed by hash mod 4; when n5 joins, placement becomes hash mod 5 and about 80% of the rows change node.',
  ),
  addFifthNode(
    'partitioning/consistent-hashing-add-node',
    'consistent-hashing',
    'Consistent hashing: adding a node moves a fair share',
    'The same join with consistent hashing (64 virtual nodes each): only the rows on n5’s new stretches of the ring move, about 20%, and all of them go to n5.',
  ),
  {
    id: 'partitioning/consistent-hashing-remove-node',
    title: 'Consistent hashing: removing a node',
    description: 'n3 leaves a five-node ring: only n3’s rows move, spread over the four nodes that remain.',
    protocol: 'partitioning',
    nodes: 5,
    params: { strategy: 'consistent-hashing', preloadRows },
    workload: readMostly(preloadRows),
    faults: [{ at: 2000, operator: { node: 'n3', command: 'leave' } }],
    durationMs: 5000,
  },
  virtualNodes(
    'partitioning/one-token-per-node',
    1,
    'One token per node: uneven ring',
    'With a single ring position per node, the arcs between positions differ widely, so some of the 8 nodes hold several times as many rows as others.',
  ),
  virtualNodes(
    'partitioning/many-virtual-nodes',
    256,
    'Many virtual nodes: even ring',
    'With 256 ring positions per node, each node’s many small arcs add up to nearly the same share, so rows per node are close to even.',
  ),
  sequentialKeys(
    'partitioning/sequential-keys-range',
    'range',
    'Sequential keys under range partitioning',
    'New orders have ever-increasing ids, so every insert falls in the last range and one node takes all the write load.',
  ),
  sequentialKeys(
    'partitioning/sequential-keys-hashed',
    'consistent-hashing',
    'Sequential keys under hash partitioning',
    'The same inserts placed by hash: consecutive ids land on unrelated nodes, so the write load is spread evenly.',
  ),
  hotKey(
    'partitioning/hot-key',
    false,
    'A celebrity key',
    'Half of all operations hit one key, so the node that owns it is far busier than the others however evenly the rows are spread.',
  ),
  hotKey(
    'partitioning/salted-hot-key',
    true,
    'Salting a hot key',
    'The hot key is split into 16 salted sub-keys on different nodes: writes spread out and the load evens, while each read of it must ask several nodes.',
  ),
  rangeScans(
    'partitioning/range-scans',
    'range',
    'Range scans on range partitions',
    'Rows are split into four key ranges, so a scan over a key interval asks only the one or two nodes whose ranges overlap it.',
  ),
  rangeScans(
    'partitioning/hash-scans',
    'consistent-hashing',
    'Range scans on hash partitions',
    'The same scans when rows are placed by hash: neighbouring keys live on unrelated nodes, so every scan must ask every node (scatter-gather).',
  ),
];

export const rangeScenarios: ScenarioInput[] = [
  {
    id: 'partitioning/auto-split',
    title: 'Ranges split as they grow',
    description:
      'The key space starts as one range on three nodes; as rows arrive, every range that outgrows 16 KB splits at its middle key, and each piece keeps three replicas and one leaseholder.',
    protocol: 'ranges',
    nodes: 3,
    params: { replicationFactor: 3, splitThresholdBytes: 16_384 },
    workload: {
      clients: 4,
      ratePerClient: 40,
      mix: { read: 0.2, write: 0.8, cas: 0 },
      keys: { count: 500 },
      target: 'random',
      timeoutMs: 1000,
    },
    checks: ['no-stale-reads'],
    durationMs: 8000,
  },
  {
    id: 'partitioning/auto-rebalance',
    title: 'New nodes receive ranges',
    description:
      'Three nodes hold 100 KB of rows split into ranges; n4 joins at 3 s and n5 at 6 s, and the rebalancer copies replicas and hands leases to them until every node holds a similar share.',
    protocol: 'ranges',
    nodes: 5,
    params: { replicationFactor: 3, members: ['n1', 'n2', 'n3'], preloadRows: 400 },
    workload: readMostly(400),
    faults: [
      { at: 3000, operator: { node: 'n4', command: 'join' } },
      { at: 6000, operator: { node: 'n5', command: 'join' } },
    ],
    checks: ['no-stale-reads'],
    durationMs: 12_000,
  },
  {
    id: 'partitioning/decommission',
    title: 'Decommissioning a node',
    description:
      'n2 leaves a five-node cluster: it hands its leases to other replicas, the rebalancer re-creates each of its replicas on another node, and n2 ends with no data.',
    protocol: 'ranges',
    nodes: 5,
    params: { replicationFactor: 3, preloadRows: 400 },
    workload: readMostly(400),
    faults: [{ at: 4000, operator: { node: 'n2', command: 'leave' } }],
    checks: ['no-stale-reads'],
    durationMs: 12_000,
  },
];
