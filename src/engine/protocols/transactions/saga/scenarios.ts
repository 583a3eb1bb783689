import type { ScenarioInput } from '../../../core/schema';

const transferAt100 = {
  at: 100,
  client: 'alice',
  node: 'n1',
  op: 'transfer',
  key: 'alice',
  options: { from: 'alice', to: 'bob', amount: 30 },
};

/** Every message takes 10 ms, except between the orchestrator and bob's bank (n3), 50 ms each way. */
const farAwayBob = {
  latency: { minMs: 10, meanMs: 0, distribution: 'constant' as const },
  links: [
    { from: 'n1', to: 'n3', latency: { minMs: 50, meanMs: 0, distribution: 'constant' as const } },
    { from: 'n3', to: 'n1', latency: { minMs: 50, meanMs: 0, distribution: 'constant' as const } },
  ],
};

/** A reader that reads alice's balance on n2, then bob's on n3, again and again. */
function readerPolling(fromMs: number, pairs: number) {
  return Array.from({ length: pairs }, (_, i) => [
    { at: fromMs + i, client: 'reader', node: 'n2', op: 'read', key: 'alice' },
    { at: fromMs + i, client: 'reader', node: 'n3', op: 'read', key: 'bob' },
  ]).flat();
}

export const sagaScenarios: ScenarioInput[] = [
  {
    id: 'saga/transfer',
    title: 'Saga: a transfer as three local transactions',
    description:
      'The orchestrator n1 runs three local transactions one after another (debit alice on n2, credit bob on n3, fraud check on n4) and the transfer completes without any locks.',
    protocol: 'saga',
    nodes: 4,
    script: [transferAt100],
    durationMs: 1000,
  },
  {
    id: 'saga/compensation',
    title: 'Saga: a failed step is compensated',
    description:
      'The fraud check on n4 fails after alice was debited and bob credited, so n1 undoes the finished steps in reverse: it takes back bob’s credit, then refunds alice.',
    protocol: 'saga',
    params: { failStep: 3 },
    nodes: 4,
    script: [transferAt100],
    durationMs: 1000,
  },
  {
    id: 'saga/dirty-read',
    title: 'Saga: other readers see the transfer half-done',
    description:
      'A reader polling both balances sees alice already debited while bob is not yet credited: a saga gives no isolation, so 30 is missing from the total for a while.',
    protocol: 'saga',
    nodes: 4,
    network: farAwayBob,
    script: [transferAt100, ...readerPolling(100, 8)],
    durationMs: 1000,
  },
  {
    id: 'saga/orchestrator-crash',
    title: 'Saga: the orchestrator crashes halfway',
    description:
      'n1 crashes right after alice was debited: the money stays missing (and visible as missing) for the whole outage, until n1 restarts and resumes the saga from its log: n2’s ledger recognises the resent debit, and bob is credited.',
    protocol: 'saga',
    nodes: 4,
    network: { latency: { minMs: 10, meanMs: 0, distribution: 'constant' } },
    script: [transferAt100],
    faults: [
      { at: 115, crash: 'n1' },
      { at: 3000, restart: 'n1' },
    ],
    durationMs: 4000,
  },
];
