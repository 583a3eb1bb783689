/**
 * Raft scenarios. Elections are random, so scenarios that crash or cut off "the leader" name the node that
 * their seed makes leader at that moment; scenarios.test.ts checks each one still shows its lesson.
 */
import type { ScenarioInput } from '../../core/schema';

const lightWorkload = {
  clients: 3,
  ratePerClient: 5,
  mix: { read: 0.4, write: 0.4, cas: 0.2 },
  keys: { count: 2, prefix: 'k' },
  timeoutMs: 1000,
} as const;

/** The Figure 8 script; see figure8Faults below. Only the commit rule differs between the two scenarios. */
function figure8(id: string, unsafeCommitOldTerms: boolean): ScenarioInput {
  return {
    id,
    title: unsafeCommitOldTerms
      ? 'Raft Figure 8 with the unsafe commit rule'
      : 'Raft Figure 8: why old-term entries are not committed by counting',
    description: unsafeCommitOldTerms
      ? 'The leader of term 4 counts three copies of an entry from term 2 and declares it committed; the next leader overwrites it, and the invariants report a lost committed entry.'
      : 'The leader of term 4 sees an entry from term 2 on four of five nodes but does not commit it, because it is from an older term; the next leader overwrites it and nothing committed is lost.',
    protocol: 'raft',
    params: {
      // Long timeouts so that only the scripted elections happen while the script runs (it ends by 800 ms).
      electionTimeoutMinMs: 1000,
      electionTimeoutMaxMs: 1200,
      heartbeatMs: 50,
      // One entry per AppendEntries, so the old entry can reach a follower before the leader's no-op does.
      maxEntriesPerAppend: 1,
      unsafeCommitOldTerms,
    },
    nodes: 5,
    // Every message takes exactly 5 ms, so the script can act between a message being sent and arriving.
    network: { latency: { minMs: 5, meanMs: 0, distribution: 'constant' } },
    script: [
      { at: 210, client: 'alice', node: 'n1', op: 'write', key: 'x', value: 1 },
      { at: 330, client: 'bob', node: 'n5', op: 'write', key: 'x', value: 2 },
      { at: 1500, client: 'carol', node: 'n5', op: 'read', key: 'x' },
    ],
    faults: figure8Faults,
    checks: ['linearizable'],
    durationMs: 2000,
  };
}

/**
 * Figure 8 of the paper, replayed with no-ops. Entry (i, t) means index i, term t.
 *  (a) n1 leads term 2; alice's x=1 becomes (3,2) and reaches only n2.
 *  (b) n1 crashes; n5 wins term 3 with n3 and n4, is cut off before its no-op (3,3) spreads, and takes bob's x=2 as (4,3).
 *  (c) n5 crashes; n1 restarts and wins term 4 with n3 and n4 (after a refused try for term 3: they already voted
 *      in term 3). It appends its no-op (4,4) and copies (3,2) to n3 and n4: (3,2) is now on n1, n3, n4, a majority,
 *      but (4,4) is only on n1. n1 is cut off before (4,4) arrives, then crashes.
 *  (d) n5 restarts and wins term 5 with n2, n3, n4 (its last term, 3, beats their 2) and overwrites (3,2) everywhere.
 */
const figure8Faults: ScenarioInput['faults'] = [
  { at: 10, operator: { node: 'n2', command: 'campaign' } },
  { at: 100, operator: { node: 'n1', command: 'campaign' } },
  {
    at: 200,
    partition: [
      ['n1', 'n2'],
      ['n3', 'n4', 'n5'],
    ],
  },
  { at: 300, crash: 'n1' },
  { at: 310, operator: { node: 'n5', command: 'campaign' } },
  { at: 322, isolate: 'n5' },
  { at: 400, crash: 'n5' },
  { at: 400, restart: 'n1' },
  {
    at: 400,
    partition: [
      ['n1', 'n3', 'n4'],
      ['n2', 'n5'],
    ],
  },
  { at: 410, operator: { node: 'n1', command: 'campaign' } },
  { at: 430, operator: { node: 'n1', command: 'campaign' } },
  { at: 461, isolate: 'n1' },
  { at: 470, crash: 'n1' },
  { at: 480, restart: 'n5' },
  { at: 480, heal: true },
  { at: 490, operator: { node: 'n5', command: 'campaign' } },
  { at: 510, operator: { node: 'n5', command: 'campaign' } },
  { at: 800, restart: 'n1' },
];

export const raftScenarios: ScenarioInput[] = [
  {
    id: 'raft/normal-election',
    title: 'Raft: a normal election',
    description:
      'The first node whose random election timeout fires asks for votes, wins a majority and becomes leader; its heartbeats keep everyone else a follower.',
    protocol: 'raft',
    nodes: 5,
    workload: lightWorkload,
    checks: ['linearizable'],
    durationMs: 5000,
  },
  {
    id: 'raft/split-vote',
    title: 'Raft: a split vote',
    description:
      'Two nodes time out almost together and split the four votes 2–2, so term 1 (and here term 2 as well) ends without a leader; new random timeouts break the tie.',
    protocol: 'raft',
    nodes: 4,
    seed: 255,
    durationMs: 2000,
  },
  {
    id: 'raft/no-randomness',
    title: 'Raft without random timeouts',
    description:
      'With every election timeout exactly 150 ms, all nodes become candidates at the same instant and vote for themselves, so every term splits and no leader is ever elected.',
    protocol: 'raft',
    params: { electionTimeoutMinMs: 150, electionTimeoutMaxMs: 150 },
    nodes: 5,
    durationMs: 3000,
  },
  {
    id: 'raft/leader-crash',
    title: 'Raft: the leader crashes',
    description:
      'When the leader n1 crashes, the followers stop hearing heartbeats; the first to time out wins the next term within about one election timeout, and every acknowledged write is still there.',
    protocol: 'raft',
    nodes: 5,
    seed: 3, // n1 wins term 1 and is still leader at 2 s
    workload: lightWorkload,
    checks: ['linearizable'],
    faults: [
      { at: 2000, crash: 'n1' },
      { at: 4000, restart: 'n1' },
    ],
    durationMs: 6000,
  },
  {
    id: 'raft/minority-partition',
    title: 'Raft: the leader is cut off in a minority',
    description:
      'The old leader n1 and n2 are cut off from the other three: n1 keeps accepting writes but can never commit them, while n3–n5 elect a new leader and keep committing; when the network heals n1 steps down and its uncommitted entries are replaced.',
    protocol: 'raft',
    nodes: 5,
    seed: 3, // n1 is leader at 2 s
    workload: lightWorkload,
    checks: ['linearizable'],
    faults: [
      {
        at: 2000,
        partition: [
          ['n1', 'n2'],
          ['n3', 'n4', 'n5'],
        ],
      },
      { at: 5000, heal: true },
    ],
    durationMs: 7000,
  },
  {
    id: 'raft/majority-partition',
    title: 'Raft: the leader keeps its majority',
    description:
      'The leader n1 stays with n2 and n3 and keeps committing; n4 and n5 cannot elect anyone, but their terms keep rising, and when the network heals their higher term makes n1 step down and forces a new election.',
    protocol: 'raft',
    nodes: 5,
    seed: 3, // n1 is leader at 2 s
    workload: lightWorkload,
    checks: ['linearizable'],
    faults: [
      {
        at: 2000,
        partition: [
          ['n1', 'n2', 'n3'],
          ['n4', 'n5'],
        ],
      },
      { at: 5000, heal: true },
    ],
    durationMs: 7000,
  },
  figure8('raft/figure-8', false),
  figure8('raft/figure-8-unsafe', true),
];
