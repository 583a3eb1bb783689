/**
 * The direct serialization graph of Adya's thesis, over committed transactions:
 *   ww  Ti installed a version of a key and Tj installed the next one;
 *   wr  Tj read a version Ti installed;
 *   rw  Ti read a version and Tj installed the next one (Tj overwrote what Ti saw).
 * Reads that cannot be placed (of aborted, intermediate or never-written versions) are collected for the
 * G1a, G1b and garbage-read checks instead of becoming edges.
 */
import type { Transaction, TransactionalHistory, Version } from './history';

export type DependencyKind = 'ww' | 'wr' | 'rw';

export interface DependencyEdge {
  kind: DependencyKind;
  /** Transaction ids. */
  from: number;
  to: number;
  key: string;
  /** ww: the version `from` installed; wr: the version `to` read; rw: the version `from` read. */
  version: Version;
  /** ww and rw: the next version, which `to` installed. */
  next?: Version;
}

export type BadRead =
  | { kind: 'aborted'; reader: number; writer: number; key: string; version: Version }
  | { kind: 'intermediate'; reader: number; writer: number; key: string; version: Version; final: Version }
  | { kind: 'garbage'; reader: number; key: string; version: Version };

/** Two transactions read the same version of a key and both went on to install a version of it. */
export interface LostUpdate {
  key: string;
  version: Version;
  transactionIds: number[];
}

export interface DependencyGraph {
  /** Committed transaction ids, the graph's vertices. */
  vertices: number[];
  edges: DependencyEdge[];
  badReads: BadRead[];
  lostUpdates: LostUpdate[];
}

interface Write {
  transaction: Transaction;
  /** The transaction's last write to the key: the version it installs if it commits. */
  final: boolean;
}

function versionKey(key: string, version: Version): string {
  return `${key}\u0000${typeof version}\u0000${String(version)}`;
}

function indexWrites(transactions: readonly Transaction[]): Map<string, Write> {
  const writes = new Map<string, Write>();
  for (const transaction of transactions) {
    const lastIndex = new Map<string, number>();
    transaction.ops.forEach((op, index) => {
      if (op.f === 'write') lastIndex.set(op.key, index);
    });
    transaction.ops.forEach((op, index) => {
      if (op.f !== 'write') return;
      const id = versionKey(op.key, op.value);
      const other = writes.get(id);
      if (other && other.transaction !== transaction)
        throw new Error(
          `transactions ${other.transaction.id} and ${transaction.id} both wrote ${String(op.value)} to ${op.key}: the checker needs every written value to be unique per key`,
        );
      writes.set(id, { transaction, final: lastIndex.get(op.key) === index });
    });
  }
  return writes;
}

/** The first read of each key by a transaction that saw someone else's version. */
function externalReads(
  transaction: Transaction,
  writes: Map<string, Write>,
): { key: string; version: Version }[] {
  const seen = new Set<string>();
  const reads: { key: string; version: Version }[] = [];
  for (const op of transaction.ops) {
    if (op.f !== 'read' || seen.has(op.key)) continue;
    if (op.value !== null && writes.get(versionKey(op.key, op.value))?.transaction === transaction) continue;
    seen.add(op.key);
    reads.push({ key: op.key, version: op.value });
  }
  return reads;
}

function writtenKeys(transaction: Transaction): Set<string> {
  return new Set(transaction.ops.filter((op) => op.f === 'write').map((op) => op.key));
}

export function buildDependencyGraph(history: TransactionalHistory): DependencyGraph {
  const writes = indexWrites(history.transactions);
  const committed = history.transactions.filter((transaction) => transaction.status === 'committed');
  const edges: DependencyEdge[] = [];
  const badReads: BadRead[] = [];

  // For each placed version: who installed it and which committed version came next.
  const successor = new Map<string, { version: Version; writer: number }>();
  for (const [key, order] of Object.entries(history.versionOrder)) {
    const installed = order.flatMap((version) => {
      const write = writes.get(versionKey(key, version));
      return write && write.transaction.status === 'committed'
        ? [{ version, writer: write.transaction.id }]
        : [];
    });
    let previous: { version: Version; writer: number | null } = { version: null, writer: null };
    for (const current of installed) {
      successor.set(versionKey(key, previous.version), current);
      if (previous.writer !== null && previous.writer !== current.writer)
        edges.push({
          kind: 'ww',
          from: previous.writer,
          to: current.writer,
          key,
          version: previous.version,
          next: current.version,
        });
      previous = current;
    }
  }

  const readersOf = new Map<string, { key: string; version: Version; readers: number[] }>();
  for (const transaction of committed) {
    const writesKeys = writtenKeys(transaction);
    for (const { key, version } of externalReads(transaction, writes)) {
      if (writesKeys.has(key)) {
        const slot = versionKey(key, version);
        const entry = readersOf.get(slot) ?? { key, version, readers: [] };
        entry.readers.push(transaction.id);
        readersOf.set(slot, entry);
      }
      if (version !== null) {
        const write = writes.get(versionKey(key, version));
        if (!write) {
          badReads.push({ kind: 'garbage', reader: transaction.id, key, version });
          continue;
        }
        if (write.transaction.status === 'aborted') {
          badReads.push({
            kind: 'aborted',
            reader: transaction.id,
            writer: write.transaction.id,
            key,
            version,
          });
          continue;
        }
        if (!write.final) {
          const finalWrite = [...write.transaction.ops]
            .reverse()
            .find((op) => op.f === 'write' && op.key === key);
          badReads.push({
            kind: 'intermediate',
            reader: transaction.id,
            writer: write.transaction.id,
            key,
            version,
            final: finalWrite!.value,
          });
          continue;
        }
        edges.push({ kind: 'wr', from: write.transaction.id, to: transaction.id, key, version });
      }
      const next = successor.get(versionKey(key, version));
      if (next && next.writer !== transaction.id)
        edges.push({ kind: 'rw', from: transaction.id, to: next.writer, key, version, next: next.version });
    }
  }
  const lostUpdates = [...readersOf.values()]
    .filter((entry) => entry.readers.length > 1)
    .map(({ key, version, readers }) => ({ key, version, transactionIds: readers }));
  return { vertices: committed.map((transaction) => transaction.id), edges, badReads, lostUpdates };
}
