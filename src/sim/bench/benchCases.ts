/** Named embeds for the UI benchmark and browser tests (bench-ui.html?case=…). */
export const benchCases = {
  /** A five-node cluster with a steady workload: the common lesson case. */
  basic: {
    scenario: 'broadcast/basic',
    nodes: 5,
    network: { latency: { minMs: 20, meanMs: 30, distribution: 'uniform' } },
    workload: { clients: 5, ratePerClient: 20, mix: { read: 0.5, write: 0.5, cas: 0 }, keys: { count: 3 } },
    durationMs: 600_000,
  },
  /**
   * Fifty nodes, every write broadcast to the other 49, with slow links: about 2,000 messages in flight
   * (50 clients × 3.3 writes/s × 49 copies × 0.25 s average flight ≈ 2,000; the bench reports the count it saw).
   */
  stress: {
    scenario: 'broadcast/basic',
    nodes: 50,
    network: { latency: { minMs: 150, meanMs: 100, distribution: 'uniform' } },
    workload: { clients: 50, ratePerClient: 3.3, mix: { read: 0, write: 1, cas: 0 }, keys: { count: 20 } },
    durationMs: 600_000,
    views: ['cluster', 'detail'],
  },
} satisfies Record<string, Record<string, unknown>>;

export type BenchCase = keyof typeof benchCases;
