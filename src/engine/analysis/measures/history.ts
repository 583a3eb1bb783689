/** Filters over a run's history that several measures share. */
import type { HistoryOperation } from '../../core/types';
import type { MeasureArgs } from './types';

/** The common operation filters: type, node (where it was sent), process (client), and invoke window [from, to). */
export const operationFilterArgs = {
  type: {
    type: 'string',
    optional: true,
    description: 'only operations of this type (read, write, cas, txn…)',
  },
  node: { type: 'string', optional: true, description: 'only operations sent to this node' },
  process: { type: 'string', optional: true, description: 'only operations of this client, e.g. "alice"' },
  from: { type: 'number', optional: true, description: 'only operations invoked at or after this time (ms)' },
  to: { type: 'number', optional: true, description: 'only operations invoked before this time (ms)' },
} as const;

export function selectOperations(
  history: readonly HistoryOperation[],
  args: MeasureArgs,
): HistoryOperation[] {
  const from = typeof args.from === 'number' ? args.from : -Infinity;
  const to = typeof args.to === 'number' ? args.to : Infinity;
  return history.filter(
    (op) =>
      (args.type === undefined || op.type === args.type) &&
      (args.node === undefined || op.node === args.node) &&
      (args.process === undefined || op.process === args.process) &&
      op.invoke >= from &&
      op.invoke < to,
  );
}

export function latencyOf(op: HistoryOperation): number | null {
  return op.ok === true && op.complete !== null ? op.complete - op.invoke : null;
}
