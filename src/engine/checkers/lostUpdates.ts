/**
 * Lost updates in a history of increments. Each acknowledged increment of a key reports the value it
 * wrote. If increments were applied one after another, each saw the one before it, so no two acknowledged
 * increments of a key can have written the same value; two that did both read the same value, and the
 * first of their writes was overwritten: a lost update, although both clients were told it succeeded.
 */
import type { HistoryOperation } from '../core/types';

export interface LostUpdate {
  key: string;
  /** The value both increments wrote. */
  value: HistoryOperation['value'];
  /** The acknowledged increment whose update survived the other… */
  kept: HistoryOperation;
  /** …and the acknowledged increment it overwrote, identified by having completed first. */
  lost: HistoryOperation;
}

/**
 * One lost update per repeated written value, in the order the overwriting increment completed. A lost
 * write can take later increments that built on it down too, so a counter can end further short than
 * the number of lost updates found; but it ends short exactly when at least one is found.
 */
export function findLostUpdates(history: readonly HistoryOperation[]): LostUpdate[] {
  const firstWriter = new Map<string, HistoryOperation>();
  const lost: LostUpdate[] = [];
  const acknowledged = history
    .filter((op) => op.type === 'increment' && op.ok === true && op.complete !== null)
    .sort((a, b) => a.complete! - b.complete!);
  for (const op of acknowledged) {
    const slot = `${op.key}\u0000${String(op.value)}`;
    const earlier = firstWriter.get(slot);
    if (earlier) lost.push({ key: op.key, value: op.value, kept: op, lost: earlier });
    else firstWriter.set(slot, op);
  }
  return lost;
}

export function describeLostUpdate({ key, value, kept, lost }: LostUpdate): string {
  return (
    `${lost.process}'s increment of ${key} (acknowledged at ${lost.complete} ms) and ${kept.process}'s ` +
    `(acknowledged at ${kept.complete} ms) both wrote ${String(value)}: they read the same value, so one increment was lost`
  );
}
