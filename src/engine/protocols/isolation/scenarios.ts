import type { ScenarioInput } from '../../core/schema';

/** Every message takes exactly 10 ms, so each scenario's interleaving is the one its description tells. */
const tenMsLinks = { latency: { minMs: 10, meanMs: 0, distribution: 'constant' as const } };

/** The isolation checks every scenario here runs: which levels the finished history satisfies. */
const isolationChecks = ['read-committed', 'snapshot-isolation', 'serializable'];

const doctors = {
  placement: { alice: 'n2', bob: 'n3' },
  initial: { alice: 'on', bob: 'on' },
};

/** Alice and Bob, both on call, each ask at the same moment to go off call. */
const bothGoOffCall = ['alice', 'bob'].map((doctor, index) => ({
  at: 100,
  client: doctor,
  node: index === 0 ? 'n1' : 'n4',
  op: 'go-off-call',
  key: doctor,
  options: { doctor, rota: ['alice', 'bob'] },
}));

/** Two deposits to one account; the second thinks for 200 ms between its read and its write. */
const slowAndFastDeposit = [
  {
    at: 100,
    client: 'teller1',
    node: 'n1',
    op: 'deposit',
    key: 'alice',
    options: { account: 'alice', amount: 50 },
  },
  {
    at: 100,
    client: 'teller2',
    node: 'n4',
    op: 'deposit',
    key: 'alice',
    options: { account: 'alice', amount: 30, thinkMs: 200 },
  },
];

/** An audit that reads alice, thinks 200 ms, then reads bob; a transfer from alice to bob commits meanwhile. */
const auditDuringTransfer = [
  {
    at: 100,
    client: 'auditor',
    node: 'n1',
    op: 'audit',
    key: 'alice',
    options: { keys: ['alice', 'bob'], thinkMs: 200 },
  },
  {
    at: 150,
    client: 'bank',
    node: 'n4',
    op: 'transfer',
    key: 'alice',
    options: { from: 'alice', to: 'bob', amount: 30 },
  },
];

export const isolationScenarios: ScenarioInput[] = [
  {
    id: 'isolation/write-skew',
    title: 'Snapshot isolation: write skew on the on-call rota',
    description:
      'Alice and Bob are both on call and each asks to go off call at the same moment. Under snapshot isolation each transaction reads a snapshot in which the other doctor is still on call, they write different rows, so both commit: nobody is on call, a G2 cycle of two read-write edges that no serial order explains.',
    protocol: 'isolation',
    params: { isolation: 'snapshot-isolation', ...doctors },
    nodes: 4,
    network: tenMsLinks,
    script: bothGoOffCall,
    checks: isolationChecks,
    durationMs: 1000,
  },
  {
    id: 'isolation/write-skew-serializable',
    title: 'Serializable (two-phase locking): no write skew',
    description:
      'The same two requests under strict two-phase locking: each transaction holds read locks on both rows, so the first write meets the other’s read lock and aborts; its retry sees that the other doctor went off call and refuses. One doctor stays on call and the history is serializable.',
    protocol: 'isolation',
    params: { isolation: 'serializable', ...doctors },
    nodes: 4,
    network: tenMsLinks,
    script: bothGoOffCall,
    checks: isolationChecks,
    durationMs: 1000,
  },
  {
    id: 'isolation/lost-update',
    title: 'Read committed: a lost update',
    description:
      'Two deposits to alice’s account (100) read the same balance; the first adds 50 and commits, the second, slower, adds 30 to the 100 it read and commits 130 over the 150. Both deposits were acknowledged, yet one is gone: a lost update, which read committed allows and snapshot isolation forbids.',
    protocol: 'isolation',
    params: { isolation: 'read-committed', placement: { alice: 'n2' }, initial: { alice: 100 } },
    nodes: 4,
    network: tenMsLinks,
    script: slowAndFastDeposit,
    checks: isolationChecks,
    durationMs: 1000,
  },
  {
    id: 'isolation/read-skew',
    title: 'Read committed: read skew during a transfer',
    description:
      'An audit adds up alice and bob (100 each) one row at a time while a transfer of 30 from alice to bob commits between its two reads: the audit sees alice before the transfer and bob after it and reports 230. Each value it read was committed, yet together they never existed: read skew (G-single).',
    protocol: 'isolation',
    params: { isolation: 'read-committed' },
    nodes: 4,
    network: tenMsLinks,
    script: auditDuringTransfer,
    checks: isolationChecks,
    durationMs: 1000,
  },
];
