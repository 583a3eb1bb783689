import type { NodeSpec, ScenarioInput } from '../../core/schema';
import { buildRing, preferenceList } from '../shared/hashing';
import { quorumParamsSchema } from './protocol';

type ScriptLine = NonNullable<ScenarioInput['script']>[number];

/**
 * One client writes through one node and then reads through each of the others, round after round, each
 * operation waiting for the previous one: no two operations overlap, so every read should return the
 * write just before it.
 */
function writeThenReadRounds(rounds: number, nodes: readonly string[], spacingMs: number): ScriptLine[] {
  const script: ScriptLine[] = [];
  for (let round = 0; round < rounds; round++) {
    const writer = nodes[round % nodes.length]!;
    const at = 100 + round * spacingMs;
    script.push({ at, client: 'alice', node: writer, op: 'write', key: 'x', value: round + 1 });
    nodes
      .filter((node) => node !== writer)
      .forEach((reader, i) =>
        script.push({ at: at + 1 + i, client: 'alice', node: reader, op: 'read', key: 'x' }),
      );
  }
  return script;
}

const threeNodes = ['n1', 'n2', 'n3'];

/** Two datacenters of three nodes each, an ocean apart. */
const twoRegions: NodeSpec[] = [
  { id: 'n1', region: 'us-east' },
  { id: 'n2', region: 'us-east' },
  { id: 'n3', region: 'us-east' },
  { id: 'n4', region: 'eu-west' },
  { id: 'n5', region: 'eu-west' },
  { id: 'n6', region: 'eu-west' },
];

export function datacentersOf(nodes: readonly NodeSpec[]): Record<string, string> {
  return Object.fromEntries(nodes.flatMap((node) => (node.region ? [[node.id, node.region]] : [])));
}

function regionScenario(
  id: string,
  consistency: 'LOCAL_QUORUM' | 'QUORUM',
  title: string,
  description: string,
): ScenarioInput {
  return {
    id,
    title,
    description,
    protocol: 'quorum',
    nodes: twoRegions,
    params: { n: 6, consistency, datacenters: datacentersOf(twoRegions) },
    workload: {
      clients: 6,
      ratePerClient: 8,
      mix: { read: 0.5, write: 0.5, cas: 0 },
      keys: { count: 3 },
      target: 'home',
      timeoutMs: 1000,
    },
    faults: [
      {
        at: 3000,
        partition: [
          ['n1', 'n2', 'n3'],
          ['n4', 'n5', 'n6'],
        ],
      },
      { at: 4500, heal: true },
    ],
    checks: ['no-stale-reads'],
    durationMs: 6000,
  };
}

/**
 * The sloppy-quorum scenario needs to know where key "x" lives on a five-node ring: its three home
 * replicas, then the nodes that stand in for them. The ring is the protocol's own (default virtual nodes).
 */
const fiveNodes = ['n1', 'n2', 'n3', 'n4', 'n5'];
const [homeA, homeB, homeC, standInB, standInC] = preferenceList(
  buildRing(fiveNodes, quorumParamsSchema.parse({}).virtualNodes),
  'x',
  fiveNodes.length,
) as [string, string, string, string, string];

export const sloppyQuorumLayout = { homeA, homeB, homeC, standInB, standInC };

/** n1 is cut off from n2 and n3 while bob writes through n2 and alice reads through n1: the same run under two consistency levels. */
function cutOffReader(consistency: 'ONE' | 'QUORUM') {
  return {
    protocol: 'quorum',
    nodes: 3,
    params: { n: 3, consistency },
    workload: { clients: 0, timeoutMs: 600 },
    script: Array.from({ length: 25 }, (_, i): ScriptLine[] => [
      { at: 200 + i * 200, client: 'bob', node: 'n2', op: 'write', key: 'x', value: i + 1 },
      { at: 300 + i * 200, client: 'alice', node: 'n1', op: 'read', key: 'x' },
    ]).flat(),
    faults: [
      { at: 1000, partition: [['n1'], ['n2', 'n3']] },
      { at: 3500, heal: true as const },
    ],
    checks: ['no-stale-reads'],
    durationMs: 5500,
  };
}

export const quorumScenarios: ScenarioInput[] = [
  {
    id: 'quorum/overlapping-quorums',
    title: 'R + W > N: reads see the last write',
    description:
      'With N=3, W=2 and R=2 every read quorum shares a replica with the last write quorum, so each read returns the write just before it, even while n3 is down.',
    protocol: 'quorum',
    nodes: 3,
    params: { n: 3, r: 2, w: 2 },
    workload: { clients: 0, timeoutMs: 600 },
    script: writeThenReadRounds(40, threeNodes, 40),
    faults: [
      { at: 700, crash: 'n3' },
      { at: 1300, restart: 'n3' },
    ],
    checks: ['no-stale-reads', 'linearizable'],
    durationMs: 4000,
  },
  {
    id: 'quorum/partial-quorums',
    title: 'R + W ≤ N: stale reads',
    description:
      'With N=3, W=1 and R=1 a write is acknowledged by one replica and a read asks one replica, so a read through another node often returns the previous value.',
    // A seed whose run shows the anomaly (most seeds do; see quorum.test.ts for the counts).
    seed: 2,
    protocol: 'quorum',
    nodes: 3,
    params: { n: 3, r: 1, w: 1 },
    workload: { clients: 0, timeoutMs: 600 },
    script: writeThenReadRounds(40, threeNodes, 40),
    checks: ['no-stale-reads'],
    durationMs: 4000,
  },
  {
    id: 'quorum/write-all',
    title: 'W = N: one replica down blocks every write',
    description:
      'With W=3 of N=3 reads need only one replica, but while n3 is down no write can gather three acks, so every write fails until n3 returns.',
    protocol: 'quorum',
    nodes: 3,
    params: { n: 3, r: 1, w: 3 },
    workload: {
      clients: 3,
      ratePerClient: 8,
      mix: { read: 0.5, write: 0.5, cas: 0 },
      keys: { count: 2 },
      target: 'home',
      timeoutMs: 1000,
    },
    faults: [
      { at: 2000, crash: 'n3' },
      { at: 4000, restart: 'n3' },
    ],
    checks: ['no-stale-reads'],
    durationMs: 6000,
  },
  {
    id: 'quorum/partition-one',
    title: 'R = W = 1 during a partition: available but stale',
    description:
      'Cut n1 off from n2 and n3: with consistency ONE both sides keep answering, and reads through n1 keep returning the value from before the cut while writes continue on the other side.',
    ...cutOffReader('ONE'),
  },
  {
    id: 'quorum/partition-quorum',
    title: 'QUORUM during a partition: consistent but unavailable on the minority side',
    description:
      'The same cut with consistency QUORUM: n1 alone cannot reach two replicas, so its reads fail instead of returning stale data, while the majority side carries on.',
    ...cutOffReader('QUORUM'),
  },
  {
    id: 'quorum/concurrent-not-linearizable',
    title: 'R + W > N is not linearizability',
    description:
      'Readers race a writer on one key with N=3, W=2, R=2: a read can catch a new value on one replica and a later read miss it, so some runs are not linearizable.',
    // A seed whose run shows the anomaly (most seeds do; see quorum.test.ts for the counts).
    seed: 3,
    protocol: 'quorum',
    nodes: 3,
    params: { n: 3, r: 2, w: 2, readRepair: 'async' },
    faults: [{ at: 0, slow: 'n1', factor: 20 }],
    workload: {
      clients: 4,
      ratePerClient: 40,
      mix: { read: 0.75, write: 0.25, cas: 0 },
      keys: { count: 1 },
      target: 'random',
      timeoutMs: 1000,
    },
    checks: ['no-stale-reads', 'linearizable'],
    durationMs: 3000,
  },
  {
    id: 'quorum/read-write-back',
    title: 'Blocking read repair makes quorum reads linearizable',
    description:
      'The same race with blocking read repair: a read writes the newest value back to W replicas before answering, so no later read can miss it.',
    protocol: 'quorum',
    nodes: 3,
    params: { n: 3, r: 2, w: 2, readRepair: 'blocking' },
    faults: [{ at: 0, slow: 'n1', factor: 20 }],
    workload: {
      clients: 4,
      ratePerClient: 40,
      mix: { read: 0.75, write: 0.25, cas: 0 },
      keys: { count: 1 },
      target: 'random',
      timeoutMs: 1000,
    },
    checks: ['linearizable'],
    durationMs: 3000,
  },
  {
    id: 'quorum/hinted-handoff',
    title: 'Hinted handoff',
    description:
      'While n2 is down, the coordinator sends its share of each write to a stand-in node with a hint; when n2 returns, the stand-ins hand the writes back and n2 catches up without any read.',
    protocol: 'quorum',
    nodes: 5,
    params: { n: 3, r: 2, w: 2, hintedHandoff: true, readRepair: 'off' },
    workload: {
      clients: 3,
      ratePerClient: 10,
      mix: { read: 0, write: 1, cas: 0 },
      keys: { count: 6 },
      target: 'home',
      timeoutMs: 1000,
      stopMs: 3500,
    },
    faults: [
      { at: 1000, crash: 'n2' },
      { at: 3000, restart: 'n2' },
    ],
    durationMs: 5000,
  },
  {
    id: 'quorum/sloppy-quorum',
    title: 'Sloppy quorums: R + W > N without the overlap',
    description: `With a sloppy quorum a write on one side of a partition succeeds through stand-in nodes, and a read on the other side, from two of the key's own replicas, still returns the old value.`,
    protocol: 'quorum',
    nodes: 5,
    params: { n: 3, r: 2, w: 2, hintedHandoff: true, sloppyQuorum: true, readRepair: 'off' },
    workload: { clients: 0, timeoutMs: 800 },
    script: [
      { at: 100, client: 'alice', node: homeA, op: 'write', key: 'x', value: 1 },
      { at: 300, client: 'bob', node: homeB, op: 'read', key: 'x' },
      { at: 600, client: 'alice', node: homeA, op: 'write', key: 'x', value: 2 },
      { at: 900, client: 'bob', node: homeB, op: 'read', key: 'x' },
      { at: 2500, client: 'bob', node: homeB, op: 'read', key: 'x' },
    ],
    faults: [
      {
        at: 500,
        partition: [
          [homeA, standInB, standInC],
          [homeB, homeC],
        ],
      },
      { at: 1500, heal: true },
    ],
    checks: ['no-stale-reads'],
    durationMs: 3000,
  },
  regionScenario(
    'quorum/local-quorum',
    'LOCAL_QUORUM',
    'LOCAL_QUORUM across two regions',
    'Each operation waits for two of the three replicas in its own region: answers take a few ms, and both regions keep working while the Atlantic link is cut, at the price of reads that miss the other region’s latest writes.',
  ),
  regionScenario(
    'quorum/global-quorum',
    'QUORUM',
    'QUORUM across two regions',
    'Each operation waits for four of six replicas, so every answer crosses the Atlantic and no operation can succeed while the regions are cut apart.',
  ),
  {
    id: 'quorum/clock-skew',
    title: 'Last-writer-wins with a slow clock loses a write',
    description:
      'n3’s clock is 500 ms behind: a write through n3 that starts after an earlier write completed gets an older timestamp, succeeds, and is silently overwritten by the earlier value.',
    protocol: 'quorum',
    nodes: [
      { id: 'n1' },
      { id: 'n2' },
      { id: 'n3', clock: { offsetMs: -500, driftPpm: 0, uncertaintyMs: 0 } },
    ],
    params: { n: 3, r: 2, w: 2 },
    workload: { clients: 0, timeoutMs: 600 },
    script: [
      { at: 1000, client: 'alice', node: 'n1', op: 'write', key: 'x', value: 1 },
      { at: 1200, client: 'alice', node: 'n3', op: 'write', key: 'x', value: 2 },
      { at: 1400, client: 'alice', node: 'n2', op: 'read', key: 'x' },
      { at: 1600, client: 'alice', node: 'n1', op: 'read', key: 'x' },
    ],
    checks: ['no-stale-reads'],
    durationMs: 2000,
  },
];
