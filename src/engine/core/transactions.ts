/**
 * Transactional histories, as Adya's formalism reads them: committed and aborted transactions, each a list
 * of reads and writes of keys, plus the order in which each key's committed versions were installed.
 *
 * Every write writes a value no other write wrote (so a read names the one write it saw), and `null` is
 * the version every key holds before its first write. A transaction's id is the id of its operation in
 * the run's history, so the History view can highlight what the checker blames.
 */

export type Version = string | number | null;

export type TransactionStatus = 'committed' | 'aborted';

export type MicroOp =
  { f: 'read'; key: string; value: Version } | { f: 'write'; key: string; value: Version };

export interface Transaction {
  id: number;
  status: TransactionStatus;
  ops: readonly MicroOp[];
}

export interface TransactionalHistory {
  transactions: readonly Transaction[];
  /**
   * Per key, the committed versions in the order they were installed (Adya's version order). A store
   * knows it; for list-append histories `fromListAppend` infers it from the lists the reads returned.
   * A written version missing here has no known place, so it gets no write-write or read-write edges.
   */
  versionOrder: Readonly<Record<string, readonly Version[]>>;
  /**
   * What each version held, per key, keyed by String(version) ("null" for the initial one), when the
   * versions are ids rather than the values themselves; explanations then show the values.
   */
  values?: Readonly<Record<string, Readonly<Record<string, string | number | null>>>>;
}
