/**
 * Multi-value register (Dynamo-style siblings). Each write carries the version vector of the history it
 * was written on. A merge keeps every write that no other write has seen (the maxima of the union), so
 * concurrent writes survive side by side as siblings and the application decides what to do with them.
 */
import { compare, descends, formatVector, join, type VersionVector } from '../versionVector';

export interface Sibling<V> {
  readonly value: V;
  readonly vector: VersionVector;
}

/** Pairwise concurrent siblings, sorted by vector so equal histories give equal states. */
export type MvRegister<V> = readonly Sibling<V>[];

function canonical<V>(siblings: readonly Sibling<V>[]): MvRegister<V> {
  const byVector = new Map<string, Sibling<V>>();
  for (const sibling of siblings) byVector.set(formatVector(sibling.vector), sibling);
  const all = [...byVector.values()];
  const maximal = all.filter(
    (candidate) => !all.some((other) => compare(candidate.vector, other.vector) === 'before'),
  );
  return maximal.sort((a, b) => {
    const [x, y] = [formatVector(a.vector), formatVector(b.vector)];
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** The history a register has seen: the join of its siblings' vectors. */
export function mvVector<V>(register: MvRegister<V>): VersionVector {
  return register.reduce<VersionVector>((vector, sibling) => join(vector, sibling.vector), {});
}

/**
 * Replaces every sibling `vector` has seen by the new value. `vector` must be a fresh one that descends
 * the register's history (the key's version vector after counting this write).
 */
export function writeMvRegister<V>(register: MvRegister<V>, value: V, vector: VersionVector): MvRegister<V> {
  if (!descends(vector, mvVector(register))) {
    throw new Error(
      `a write's vector ${formatVector(vector)} must descend the register's ${formatVector(mvVector(register))}`,
    );
  }
  return canonical([...register, { value, vector }]);
}

export function mergeMvRegisters<V>(a: MvRegister<V>, b: MvRegister<V>): MvRegister<V> {
  return canonical([...a, ...b]);
}

export function mvValues<V>(register: MvRegister<V>): V[] {
  return register.map((sibling) => sibling.value);
}
