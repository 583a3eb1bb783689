import type { ScenarioInput } from '../../core/schema';

export const broadcastScenarios: ScenarioInput[] = [
  {
    id: 'broadcast/basic',
    title: 'Broadcast register',
    description:
      'Every node applies writes locally and tells the others; reads can be stale until the update arrives.',
    protocol: 'broadcast',
    nodes: 3,
    workload: { clients: 3, ratePerClient: 20, mix: { read: 0.5, write: 0.5, cas: 0 }, keys: { count: 3 } },
    durationMs: 10_000,
  },
];
