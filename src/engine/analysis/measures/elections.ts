/**
 * Measures about who leads and in which term or epoch, for any protocol whose nodes say so in their view
 * (Raft's terms, the failover protocol's epochs): how a failover or an election turned out, read from
 * the student's own run.
 */
import { isUp } from '../../core/world';
import { viewOf } from './nodeView';
import type { MeasureDefinition } from './types';

const nodeArg = { node: { type: 'string', description: 'the node id, e.g. "n1"' } } as const;

export const electionMeasures: MeasureDefinition[] = [
  {
    id: 'node-role',
    description:
      'The role a node has at the moment as it sees itself ("leader", "follower", "candidate"…), or "down" while it is crashed.',
    args: nodeArg,
    compute(context, args) {
      const node = String(args.node);
      if (!context.sim.nodeIds.includes(node)) return null;
      if (!isUp(context.sim.node(node))) return 'down';
      return viewOf(context, node)?.role ?? null;
    },
  },
  {
    id: 'node-term',
    description:
      'The term (Raft) or epoch (failover) a node is in at the moment: the fencing number it puts on its messages. Null for a protocol without one.',
    args: nodeArg,
    compute(context, args) {
      const view = viewOf(context, String(args.node));
      return view?.term ?? view?.epoch ?? null;
    },
  },
  {
    id: 'time-since',
    description:
      'Milliseconds from a time to the moment. Read at an event moment it says how long the event took to come: at="new leader after 3 s" with from 3000 is the time until a new leader.',
    unit: 'ms',
    args: {
      from: { type: 'number', description: 'the time to count from, in ms (e.g. when the fault began)' },
    },
    compute: ({ sim }, args) => sim.now - Number(args.from),
  },
];
