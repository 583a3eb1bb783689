/**
 * Three ways to spread one database over New York, London and Tokyo, with the same clients in every
 * region, so the latency each pattern costs per region can be read side by side.
 */
import type { Action, ScenarioInput } from '../../core/schema';
import { regionNodes, threeRegions } from '../shared/regionNodes';

export const multiRegionPatterns = [
  'primary-with-read-replicas',
  'regional-primaries',
  'global-consensus',
] as const;
export type MultiRegionPattern = (typeof multiRegionPatterns)[number];

/** Where the single leader sits in the patterns that have one. */
export const homeRegion = 'us-east';

/** Measurements start after the leader is in place. */
export const warmUpMs = 1000;

const durationMs = 10_000;

/** Two clients per region, each talking to its own region's node, over a handful of shared keys. */
const workload: ScenarioInput['workload'] = {
  clients: 6,
  ratePerClient: 4,
  mix: { read: 0.5, write: 0.5, cas: 0 },
  keys: { count: 4, distribution: 'uniform', zipfExponent: 1.1, hotShare: 0.8, prefix: 'k' },
  target: 'home',
  timeoutMs: 2000,
  startMs: 0,
  stopMs: durationMs - 1000,
};

const shared = { nodes: regionNodes(threeRegions), workload, durationMs };

export const multiRegionScenarios: ScenarioInput[] = [
  {
    id: 'multiregion/primary-with-read-replicas',
    title: 'One primary in New York, read replicas everywhere',
    description:
      'Reads are answered by the replica in the client’s own region, but every write travels to the primary in New York and back, so London and Tokyo pay a cross-ocean round trip per write (and their reads can lag behind).',
    protocol: 'replication',
    params: { mode: 'async', readFrom: 'any', initialLeader: homeRegion },
    ...shared,
  },
  {
    id: 'multiregion/global-consensus',
    title: 'Global consensus: Raft across three regions (Spanner style)',
    description:
      'Every write and every strong read needs the leader in New York and a majority to agree, so even New York pays a round trip to London, and Tokyo pays its way to New York as well.',
    protocol: 'raft',
    params: { electionTimeoutMinMs: 600, electionTimeoutMaxMs: 1200, heartbeatMs: 100, reads: 'readIndex' },
    faults: [{ at: 10, operator: { node: homeRegion, command: 'campaign' } }] satisfies Action[],
    ...shared,
  },
  {
    id: 'multiregion/regional-primaries',
    title: 'Regional primaries: every region accepts writes',
    description:
      'Reads and writes are answered in the client’s own region in a couple of milliseconds, but regions write the same keys concurrently and last-writer-wins has to throw conflicting writes away.',
    protocol: 'multileader',
    params: { resolution: 'lww' },
    ...shared,
  },
];
