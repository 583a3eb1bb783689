/**
 * External consistency (strict serializability, as Spanner names it), checked against true time: if T1 was
 * acknowledged before T2 was invoked, both in the engine's true time, T1's commit timestamp must be
 * smaller than T2's. Commit timestamps must respect real-time order.
 *
 * It reads only the history: a committed 'txn' carries its commit timestamp as its value, and `invoke` and
 * `complete` are true simulated times at the client.
 */
import type { HistoryOperation } from '../core/types';

export interface OrderingViolation {
  /** Acknowledged first, in true time… */
  earlier: HistoryOperation;
  /** …started afterwards, yet got a timestamp that is not larger. */
  later: HistoryOperation;
}

export function committedTransactions(history: readonly HistoryOperation[]): HistoryOperation[] {
  return history.filter(
    (op) => op.type === 'txn' && op.ok === true && op.complete !== null && typeof op.value === 'number',
  );
}

/** Every pair that breaks the rule, ordered by when the later transaction started. */
export function externalConsistencyViolations(history: readonly HistoryOperation[]): OrderingViolation[] {
  const committed = committedTransactions(history);
  const violations: OrderingViolation[] = [];
  for (const earlier of committed) {
    for (const later of committed) {
      if (earlier.complete! <= later.invoke && (earlier.value as number) >= (later.value as number)) {
        violations.push({ earlier, later });
      }
    }
  }
  return violations.sort((a, b) => a.later.invoke - b.later.invoke);
}

export function describeViolation({ earlier, later }: OrderingViolation): string {
  return (
    `${earlier.process}'s txn on ${earlier.node} was acknowledged at ${earlier.complete} ms with timestamp ${String(earlier.value)}, ` +
    `but ${later.process}'s txn on ${later.node}, started later at ${later.invoke} ms, got timestamp ${String(later.value)}`
  );
}
