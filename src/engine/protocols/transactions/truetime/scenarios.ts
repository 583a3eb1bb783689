import type { ScenarioInput } from '../../../core/schema';

/** Three leaders whose clocks are off by +5, −6 and 0 ms, each claiming an uncertainty of ±7 ms. */
const clocksWithinBound = [
  { id: 'n1', clock: { offsetMs: 5, driftPpm: 0, uncertaintyMs: 7 } },
  { id: 'n2', clock: { offsetMs: -6, driftPpm: 0, uncertaintyMs: 7 } },
  { id: 'n3', clock: { offsetMs: 0, driftPpm: 0, uncertaintyMs: 7 } },
];

const quickLinks = { latency: { minMs: 2, meanMs: 0, distribution: 'constant' as const } };

/** One client commits on n1, then (as soon as that is acknowledged) on n2, then n3, n1, n2. */
const chainOfCommits = ['n1', 'n2', 'n3', 'n1', 'n2'].map((node, i) => ({
  at: 100,
  client: 'alice',
  node,
  op: 'txn',
  key: `x${i + 1}`,
  value: i + 1,
}));

export const trueTimeScenarios: ScenarioInput[] = [
  {
    id: 'truetime/commit-wait',
    title: 'TrueTime: commit wait',
    description:
      'Each commit takes timestamp TT.now().latest and waits about 2ε = 14 ms before acknowledging, so every transaction that starts after another was acknowledged gets a larger timestamp, although n1’s clock runs 5 ms fast and n2’s 6 ms slow.',
    protocol: 'truetime',
    nodes: clocksWithinBound,
    network: quickLinks,
    script: chainOfCommits,
    checks: ['external-consistency'],
    durationMs: 1000,
  },
  {
    id: 'truetime/no-commit-wait',
    title: 'TrueTime: acknowledging without commit wait',
    description:
      'Without commit wait, alice’s second transaction (on n2, started after the first was acknowledged) gets a smaller timestamp than the first, because n2’s clock is behind n1’s: timestamp order contradicts real-time order.',
    protocol: 'truetime',
    params: { commitWait: false },
    nodes: clocksWithinBound,
    network: quickLinks,
    script: chainOfCommits,
    checks: ['external-consistency'],
    durationMs: 1000,
  },
  {
    id: 'truetime/clock-out-of-bound',
    title: 'TrueTime: a clock outside its bound',
    description:
      'n1’s clock is 20 ms fast but still claims ±7 ms, so its commit wait ends too early and the next transaction, on n2, gets a smaller timestamp: commit wait is only as good as the uncertainty bound.',
    protocol: 'truetime',
    nodes: [
      { id: 'n1', clock: { offsetMs: 20, driftPpm: 0, uncertaintyMs: 7 } },
      { id: 'n2', clock: { offsetMs: 0, driftPpm: 0, uncertaintyMs: 7 } },
      { id: 'n3', clock: { offsetMs: 0, driftPpm: 0, uncertaintyMs: 7 } },
    ],
    network: quickLinks,
    script: chainOfCommits,
    checks: ['external-consistency'],
    durationMs: 1000,
  },
];
