import type { ScenarioInput } from '../../core/schema';

const servers = (count: number) => [
  { id: 'lb' },
  ...Array.from({ length: count }, (_, i) => ({ id: `s${i + 1}` })),
];

/** 20 clients asking 4 times a second: 80 requests/s against servers that each handle 100/s. */
const workload = {
  clients: 20,
  ratePerClient: 4,
  target: 'lb',
  timeoutMs: 1000,
  mix: { read: 0.8, write: 0.2, cas: 0 },
  keys: { count: 20 },
} as const;

const serverCrash = [
  { at: 5000, crash: 's1' },
  { at: 8000, restart: 's1' },
];

export const introScenarios: ScenarioInput[] = [
  {
    id: 'intro/single-server',
    title: 'One server',
    description:
      'A single server handles 80 requests per second at 80% of its capacity; when it crashes at 5 s every request fails until it comes back at 8 s.',
    protocol: 'intro',
    nodes: servers(1),
    workload,
    faults: serverCrash,
    durationMs: 12_000,
  },
  {
    id: 'intro/cluster',
    title: 'A cluster of three servers',
    description:
      'Three servers share the same 80 requests per second; when one crashes the load balancer routes around it and almost every request still succeeds.',
    protocol: 'intro',
    nodes: servers(3),
    workload,
    faults: serverCrash,
    durationMs: 12_000,
  },
];
