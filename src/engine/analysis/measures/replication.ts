/** Measures about leader-based replication (the replication and failover protocols share its log). */
import type { ReplicaDurable } from '../../protocols/replication/core/replica';
import type { MeasureDefinition } from './types';

const leaderBased = ['replication', 'failover'];

export const replicationMeasures: MeasureDefinition[] = [
  {
    id: 'acknowledged-writes-lost',
    description:
      'Writes a client was told succeeded whose value the survivor’s log does not hold at the moment (every written value is unique).',
    unit: 'writes',
    args: {
      survivor: {
        type: 'string',
        description: 'the node whose log counts as what survived, e.g. the promoted follower "n2"',
      },
    },
    inapplicable: (scenario) =>
      leaderBased.includes(scenario.protocol)
        ? null
        : `it reads a replication log, and "${scenario.id}" runs the ${scenario.protocol} protocol`,
    compute({ sim }, args) {
      const survivor = String(args.survivor);
      if (!sim.nodeIds.includes(survivor)) return null;
      const log = (sim.node(survivor).state.durable as ReplicaDurable).log;
      const held = new Set(log.map((entry) => `${entry.key}\u0000${String(entry.value)}`));
      return sim.world.history.filter(
        (op) => op.type === 'write' && op.ok === true && !held.has(`${op.key}\u0000${String(op.value)}`),
      ).length;
    },
  },
];
