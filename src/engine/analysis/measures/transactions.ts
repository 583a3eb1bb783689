/**
 * Measures about transactions: how long a two-phase-commit participant sat in doubt, how long TrueTime's
 * commit wait held each commit, what a transaction returned, and what a reader saw across two rows.
 */
import type { TwoPhaseDurable } from '../../protocols/transactions/twophase/protocol';
import type { HistoryOperation } from '../../core/types';
import type { MeasureDefinition, MeasureValue } from './types';
import { asNumberOrText } from './nodeView';

/** "n2 unblocked: t1 aborted after 5899 ms in doubt; …" */
const unblockedNote = (node: string) => new RegExp(`^${node} unblocked: \\S+ \\w+ after (\\d+) ms in doubt`);
/** "n2 committed n2.t2 at timestamp 180 after a 15 ms commit wait" */
const commitWaitNote = /after a (\d+) ms commit wait/;

function successful(history: readonly HistoryOperation[], type: string, process?: unknown) {
  return history.filter(
    (op) => op.ok === true && op.type === type && (process === undefined || op.process === process),
  );
}

export const transactionMeasures: MeasureDefinition[] = [
  {
    id: 'in-doubt-ms',
    description:
      'How long a two-phase-commit participant has been blocked in doubt (voted yes, no decision yet) at the moment, or, once the decision came, how long it was; 0 if it never blocked.',
    unit: 'ms',
    args: { node: { type: 'string', description: 'the participant, e.g. "n2"' } },
    inapplicable: (scenario) =>
      scenario.protocol === 'twophase'
        ? null
        : `it reads two-phase-commit participants, and "${scenario.id}" runs the ${scenario.protocol} protocol`,
    compute({ sim }, args) {
      const node = String(args.node);
      if (!sim.nodeIds.includes(node)) return null;
      const prepared = Object.values((sim.node(node).state.durable as TwoPhaseDurable).prepared);
      if (prepared.length > 0) return Math.max(...prepared.map((record) => sim.now - record.preparedAt));
      const pattern = unblockedNote(node);
      const last = sim.world.notes.filter((note) => pattern.test(note.text)).at(-1);
      return last ? Number(pattern.exec(last.text)![1]) : 0;
    },
  },
  {
    id: 'commit-wait-ms',
    description:
      'How long TrueTime’s commit wait held commits back before acknowledging them (the longest wait so far); 0 when no commit waited.',
    unit: 'ms',
    args: {},
    inapplicable: (scenario) =>
      scenario.protocol === 'truetime'
        ? null
        : `it reads TrueTime commits, and "${scenario.id}" runs the ${scenario.protocol} protocol`,
    compute({ sim }) {
      const waits = sim.world.notes.flatMap((note) => {
        const match = commitWaitNote.exec(note.text);
        return match ? [Number(match[1])] : [];
      });
      return waits.length === 0 ? 0 : Math.max(...waits);
    },
  },
  {
    id: 'operation-value',
    description:
      'What a successful operation of a type returned (an audit’s total, a transaction’s commit timestamp): the last one, or the nth in the order they were sent.',
    args: {
      type: { type: 'string', description: 'the operation type, e.g. "audit"' },
      process: { type: 'string', optional: true, description: 'only this client’s operations' },
      nth: { type: 'number', optional: true, description: '1 for the first sent, 2 for the second…' },
    },
    compute({ sim }, args) {
      const done = successful(sim.world.history, String(args.type), args.process).sort(
        (a, b) => a.invoke - b.invoke,
      );
      return asNumberOrText(typeof args.nth === 'number' ? done[args.nth - 1]?.value : done.at(-1)?.value);
    },
  },
  {
    id: 'paired-read-total',
    description:
      'A client that reads two rows in turn: the lowest (or highest) sum of a read and the same client’s next read of the other row.',
    args: {
      process: { type: 'string', description: 'the reading client, e.g. "reader"' },
      which: {
        type: 'string',
        optional: true,
        oneOf: ['lowest', 'highest'],
        description: 'lowest (default) or highest total',
      },
    },
    compute({ sim }, args) {
      const reads = successful(sim.world.history, 'read', args.process).sort((a, b) => a.invoke - b.invoke);
      const totals: number[] = [];
      reads.forEach((read, index) => {
        const next = reads[index + 1];
        if (next && next.key !== read.key && typeof read.value === 'number' && typeof next.value === 'number')
          totals.push(read.value + next.value);
      });
      if (totals.length === 0) return null;
      const total: MeasureValue = args.which === 'highest' ? Math.max(...totals) : Math.min(...totals);
      return total;
    },
  },
];
