import type { ScenarioInput } from '../../../core/schema';

/** Every message takes exactly 10 ms, so a fault can land between two phases at a known time. */
const tenMsLinks = { latency: { minMs: 10, meanMs: 0, distribution: 'constant' as const } };

/**
 * Timeline of one transfer under `tenMsLinks` sent at t=100: the coordinator gets it at 101, PREPARE
 * reaches the participants at 111, their votes reach the coordinator at 121, COMMIT reaches them at 131.
 */
const transferAt100 = {
  at: 100,
  client: 'alice',
  node: 'n1',
  op: 'transfer',
  key: 'alice',
  options: { from: 'alice', to: 'bob', amount: 30 },
};

/** A client that keeps trying to read alice's balance on n2. */
function readsOfAlice(fromMs: number, toMs: number, everyMs: number) {
  return Array.from({ length: Math.floor((toMs - fromMs) / everyMs) + 1 }, (_, i) => ({
    at: fromMs + i * everyMs,
    client: 'reader',
    node: 'n2',
    op: 'read',
    key: 'alice',
  }));
}

export const twoPhaseScenarios: ScenarioInput[] = [
  {
    id: 'twophase/commit',
    title: 'Two-phase commit: a transfer commits',
    description:
      'The coordinator n1 sends PREPARE, n2 and n3 lock alice and bob and vote yes, and only after n1 logs COMMIT do they apply the transfer and release their locks.',
    protocol: 'twophase',
    nodes: 3,
    script: [
      transferAt100,
      { ...transferAt100, at: 400, key: 'bob', options: { from: 'bob', to: 'alice', amount: 10 } },
    ],
    durationMs: 1000,
  },
  {
    id: 'twophase/vote-no',
    title: 'Two-phase commit: one participant votes no',
    description:
      'n3 votes no, so n1 logs ABORT and n2 releases its lock on alice without changing her balance.',
    protocol: 'twophase',
    params: { voteNo: ['n3'] },
    nodes: 3,
    script: [transferAt100],
    durationMs: 1000,
  },
  {
    id: 'twophase/participant-crash',
    title: 'Two-phase commit: a participant crashes before voting',
    description:
      'n3 crashes before it votes, so n1 gives up waiting and aborts: a participant that has not voted cannot block anyone, and n2 releases its lock at once.',
    protocol: 'twophase',
    nodes: 3,
    network: tenMsLinks,
    script: [transferAt100],
    faults: [
      { at: 105, crash: 'n3' },
      { at: 2000, restart: 'n3' },
    ],
    durationMs: 3000,
  },
  {
    id: 'twophase/coordinator-crash',
    title: 'Two-phase commit: the coordinator crashes between the phases',
    description:
      'n1 crashes after n2 and n3 voted yes: they stay blocked holding their locks (reads of alice are refused) for the whole outage, until n1 restarts, finds no decision in its log and aborts.',
    protocol: 'twophase',
    nodes: 3,
    network: tenMsLinks,
    script: [transferAt100, ...readsOfAlice(1000, 7000, 1000)],
    faults: [
      { at: 115, crash: 'n1' },
      { at: 6000, restart: 'n1' },
    ],
    durationMs: 8000,
  },
  {
    id: 'twophase/decision-lost',
    title: 'Two-phase commit: the coordinator logs COMMIT, then crashes',
    description:
      'n1 logs COMMIT but is cut off and crashes before n2 and n3 hear it; they stay blocked until n1 restarts, reads COMMIT from its log and resends it.',
    protocol: 'twophase',
    nodes: 3,
    network: tenMsLinks,
    script: [transferAt100, ...readsOfAlice(1000, 7000, 1000)],
    faults: [
      { at: 121, isolate: 'n1' },
      { at: 125, crash: 'n1' },
      { at: 200, heal: true },
      { at: 5000, restart: 'n1' },
    ],
    durationMs: 8000,
  },
];
