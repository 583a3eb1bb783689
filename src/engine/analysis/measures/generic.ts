/**
 * Measures that work on any protocol: they read the history, the notes, the checks, the gauges and the
 * node views every protocol already produces.
 */
import { runChecks } from '../../checkers';
import { latencyPercentiles } from '../../core/metrics';
import { isUp, type Note } from '../../core/world';
import type { NodeView } from '../../core/types';
import { asNumberOrText, viewOf } from './nodeView';
import { latencyOf, operationFilterArgs, selectOperations } from './history';
import type { MeasureArgs, MeasureContext, MeasureDefinition } from './types';

const noteWindowArgs = {
  from: { type: 'number', optional: true, description: 'only notes at or after this time (ms)' },
  to: { type: 'number', optional: true, description: 'only notes before this time (ms)' },
} as const;

function notesMatching({ sim }: MeasureContext, pattern: string, args: MeasureArgs): Note[] {
  const regex = new RegExp(pattern);
  const from = typeof args.from === 'number' ? args.from : -Infinity;
  const to = typeof args.to === 'number' ? args.to : Infinity;
  return sim.world.notes.filter((note) => note.at >= from && note.at < to && regex.test(note.text));
}

function leaderViews(context: MeasureContext): { id: string; view: NodeView }[] {
  return context.sim.nodeIds
    .filter((id) => isUp(context.sim.node(id)))
    .map((id) => ({ id, view: viewOf(context, id)! }))
    .filter(({ view }) => view.role === 'leader');
}

export const genericMeasures: MeasureDefinition[] = [
  {
    id: 'time',
    description:
      'The simulated time of the moment itself: with an event moment, when it happened (at="new leader after 2 s").',
    unit: 'ms',
    args: {},
    compute: ({ sim }) => sim.now,
  },
  {
    id: 'latency-percentile',
    description:
      'A latency percentile (nearest rank, as the embed’s metrics) of the successful operations selected.',
    unit: 'ms',
    args: {
      percentile: { type: 'number', optional: true, description: '50 (default), 95 or 99' },
      ...operationFilterArgs,
    },
    compute({ sim }, args) {
      const latencies = selectOperations(sim.world.history, args).flatMap((op) => latencyOf(op) ?? []);
      if (latencies.length === 0) return null;
      const which = args.percentile ?? 50;
      const percentiles = latencyPercentiles(latencies);
      return which === 99 ? percentiles.p99 : which === 95 ? percentiles.p95 : percentiles.p50;
    },
  },
  {
    id: 'failed-share',
    description:
      'Of the selected operations that have finished, the share that did not succeed, in whole percent.',
    unit: '%',
    args: operationFilterArgs,
    compute({ sim }, args) {
      const finished = selectOperations(sim.world.history, args).filter(
        (op) => op.complete !== null || op.ok === false,
      );
      if (finished.length === 0) return null;
      return Math.round((100 * finished.filter((op) => op.ok !== true).length) / finished.length);
    },
  },
  {
    id: 'operations-succeeded',
    description: 'How many of the selected operations succeeded.',
    unit: 'operations',
    args: operationFilterArgs,
    compute: ({ sim }, args) =>
      selectOperations(sim.world.history, args).filter((op) => op.ok === true).length,
  },
  {
    id: 'read-value',
    description:
      'The value the selected successful reads returned: the last one, or the one returned most often.',
    args: {
      which: {
        type: 'string',
        optional: true,
        oneOf: ['last', 'most-common'],
        description: 'last (default) or most-common',
      },
      ...operationFilterArgs,
    },
    compute({ sim }, args) {
      const reads = selectOperations(sim.world.history, { ...args, type: 'read' }).filter(
        (op) => op.ok === true,
      );
      if (reads.length === 0) return null;
      if (args.which !== 'most-common') return asNumberOrText(reads.at(-1)!.value);
      const counts = new Map<string, { value: unknown; count: number }>();
      for (const read of reads) {
        const key = JSON.stringify(read.value);
        const entry = counts.get(key) ?? { value: read.value, count: 0 };
        entry.count += 1;
        counts.set(key, entry);
      }
      return asNumberOrText([...counts.values()].sort((a, b) => b.count - a.count)[0]!.value);
    },
  },
  {
    id: 'my-request-latency',
    description:
      'How long the student’s own latest request (sent with the client panel) took; null until one has been answered.',
    unit: 'ms',
    args: {
      type: { type: 'string', optional: true, description: 'only requests of this type (read, write…)' },
      node: { type: 'string', optional: true, description: 'only requests sent to this node' },
    },
    compute({ sim, commands }, args) {
      const sent = commands.flatMap((command) =>
        'client' in command && command.client
          ? [
              {
                at: command.at,
                process: command.client.client,
                node: command.client.node,
                type: command.client.op,
              },
            ]
          : [],
      );
      const mine = sim.world.history.filter(
        (op) =>
          (args.type === undefined || op.type === args.type) &&
          (args.node === undefined || op.node === args.node) &&
          sent.some(
            (request) =>
              request.at === op.invoke &&
              request.process === op.process &&
              request.node === op.node &&
              request.type === op.type,
          ),
      );
      const answered = mine.flatMap((op) => latencyOf(op) ?? []);
      return answered.at(-1) ?? null;
    },
  },
  {
    id: 'check-verdict',
    description: 'What a history check says about the run so far: "passes" or "fails".',
    args: { check: { type: 'string', description: 'a checker name, e.g. "no-stale-reads"' } },
    compute: ({ sim }, args) => (runChecks(sim, [String(args.check)])[0]!.ok ? 'passes' : 'fails'),
  },
  {
    id: 'gauge',
    description:
      'A protocol gauge at the moment (the same numbers the Charts view draws), e.g. "moved.rows".',
    args: { name: { type: 'string', description: 'the gauge name, e.g. "lag.entries.n5"' } },
    compute({ sim }, args) {
      const value = sim.protocol.gauges?.(sim.invariantContext())[String(args.name)];
      return value === undefined ? null : value;
    },
  },
  {
    id: 'node-detail',
    description:
      'A line of a node’s detail panel at the moment (what the student reads after clicking the node).',
    args: {
      node: { type: 'string', description: 'the node id' },
      detail: { type: 'string', description: 'the detail’s label, e.g. "rows moved out"' },
      number: {
        type: 'boolean',
        optional: true,
        description: 'read the first number in it ("33 entries, 410 ms" gives 33)',
      },
    },
    compute(context, args) {
      const value = viewOf(context, String(args.node))?.details?.[String(args.detail)];
      if (value === undefined) return null;
      if (!args.number) return asNumberOrText(value);
      const match = /-?\d+(\.\d+)?/.exec(String(value));
      return match ? Number(match[0]) : null;
    },
  },
  {
    id: 'node-value',
    description: 'The value a node holds for a key at the moment, as its detail shows it.',
    args: {
      node: { type: 'string', description: 'the node id' },
      key: { type: 'string', description: 'the key' },
    },
    compute(context, args) {
      const value = viewOf(context, String(args.node))?.kv?.[String(args.key)];
      return Array.isArray(value) ? value.join(', ') : asNumberOrText(value);
    },
  },
  {
    id: 'leaders',
    description: 'How many running nodes believe they are the leader at the moment.',
    unit: 'leaders',
    args: {},
    compute: (context) => leaderViews(context).length,
  },
  {
    id: 'leader',
    description:
      'The node that leads at the moment (several, comma-separated, in split brain); null when none does.',
    args: {},
    compute(context) {
      const ids = leaderViews(context).map(({ id }) => id);
      return ids.length === 0 ? null : ids.sort().join(', ');
    },
  },
  {
    id: 'leader-term',
    description: 'The term (or epoch) of the newest leader at the moment; null when no node leads.',
    args: {},
    compute(context) {
      const terms = leaderViews(context).map(({ view }) => view.term ?? view.epoch ?? null);
      const known = terms.filter((term): term is number => term !== null);
      return known.length === 0 ? null : Math.max(...known);
    },
  },
  {
    id: 'note-number',
    description:
      'A number the run’s notes state: the first capture group of the first (or last) note matching a pattern.',
    args: {
      pattern: {
        type: 'string',
        description: 'a regular expression with one capture group, e.g. "in term (\\\\d+)"',
      },
      which: {
        type: 'string',
        optional: true,
        oneOf: ['first', 'last'],
        description: 'first (default) or last matching note',
      },
      ...noteWindowArgs,
    },
    compute(context, args) {
      const notes = notesMatching(context, String(args.pattern), args);
      const note = args.which === 'last' ? notes.at(-1) : notes[0];
      if (!note) return null;
      const captured = new RegExp(String(args.pattern)).exec(note.text)?.[1];
      return captured === undefined || Number.isNaN(Number(captured)) ? null : Number(captured);
    },
  },
  {
    id: 'note-count',
    description: 'How many of the run’s notes match a pattern.',
    args: { pattern: { type: 'string', description: 'a regular expression' }, ...noteWindowArgs },
    compute: (context, args) => notesMatching(context, String(args.pattern), args).length,
  },
  {
    id: 'time-between-notes',
    description:
      'Milliseconds from the first note matching `first` to the first note after it matching `then`.',
    unit: 'ms',
    args: {
      first: { type: 'string', description: 'a regular expression, e.g. "^s1 crashed$"' },
      then: { type: 'string', description: 'a regular expression, e.g. "missed its health checks"' },
      ...noteWindowArgs,
    },
    compute(context, args) {
      const start = notesMatching(context, String(args.first), args)[0];
      if (!start) return null;
      const end = notesMatching(context, String(args.then), { ...args, from: start.at })[0];
      return end ? end.at - start.at : null;
    },
  },
];
