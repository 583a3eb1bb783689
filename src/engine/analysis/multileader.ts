/**
 * Measurements over a finished multi-leader run, used by the tests and usable by lesson views.
 */
import { checkConvergence } from '../checkers';
import type { Simulation } from '../core/simulation';
import type { HistoryOperation, Value } from '../core/types';

type Kv = Record<string, Value | Value[]>;

/** Every node's key-value view (as describeNode shows it), by node id. */
export function kvByNode(sim: Simulation): Record<string, Kv> {
  return Object.fromEntries(sim.nodeIds.map((id) => [id, sim.describeNode(id).kv ?? {}]));
}

/** The key-value state every up node agrees on (the 'convergence' checker's verdict), or null while they differ. */
export function convergedKv(sim: Simulation): Kv | null {
  const result = checkConvergence(sim);
  const first = result.nodes[0];
  return result.converged && first !== undefined ? kvByNode(sim)[first]! : null;
}

/**
 * Acknowledged writes that last-writer-wins lost to an OLDER write. A write w to key k counts when
 *   1. w was acknowledged (ok = true) and its value is not k's final, converged value;
 *   2. no acknowledged write to k started after w was acknowledged (nothing truly later superseded w);
 *   3. the write whose value is final was acknowledged before w started: it truly happened earlier.
 * A write that overlapped the final write in real time may lose legitimately (either order is correct),
 * so it is not counted. With synchronized clocks the count is always zero; only clock skew produces it.
 */
export function writesLostToOlderWrites(
  history: readonly HistoryOperation[],
  finalKv: Kv,
): HistoryOperation[] {
  const acknowledgedWrites = history.filter(
    (op) => op.type === 'write' && op.ok === true && op.complete !== null,
  );
  return acknowledgedWrites.filter((write) => {
    const final = finalKv[write.key];
    if (final === undefined || Array.isArray(final) || final === write.value) return false;
    const sameKey = acknowledgedWrites.filter((other) => other.key === write.key);
    const supersededLater = sameKey.some((other) => other.invoke > write.complete!);
    const finalWrite = sameKey.find((other) => other.value === final);
    return !supersededLater && finalWrite !== undefined && finalWrite.complete! < write.invoke;
  });
}
