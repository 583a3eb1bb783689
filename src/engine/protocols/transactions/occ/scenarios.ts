import type { ScenarioInput } from '../../../core/schema';

/**
 * `clients` clients, each on its own application server (n2, n3, …), each asking for `increments`
 * increments of one counter, one after another, all starting at `atMs`.
 */
export function concurrentIncrements(clients: number, increments: number, atMs = 100) {
  return Array.from({ length: clients }, (_, c) =>
    Array.from({ length: increments }, () => ({
      at: atMs,
      client: `c${c + 1}`,
      node: `n${c + 2}`,
      op: 'increment',
      key: 'counter',
    })),
  ).flat();
}

export const occScenarios: ScenarioInput[] = [
  {
    id: 'occ/increments',
    title: 'Optimistic concurrency: versioned increments',
    description:
      'Three application servers increment one counter at the same time; a write whose version check fails changes nothing and is retried, so after 3 × 5 increments the counter is exactly 15.',
    protocol: 'occ',
    nodes: 4,
    script: concurrentIncrements(3, 5),
    checks: ['no-lost-updates'],
    durationMs: 2000,
  },
  {
    id: 'occ/lost-update',
    title: 'Optimistic concurrency: the same increments without a version check',
    description:
      'Without the version check, two servers read the same value and both write value + 1: every increment is acknowledged, yet the counter ends below 15 because some updates were silently lost.',
    protocol: 'occ',
    params: { versionCheck: false },
    nodes: 4,
    script: concurrentIncrements(3, 5),
    checks: ['no-lost-updates'],
    durationMs: 2000,
  },
];
