/** List-append histories (Elle's richest inference) and their conversion to Adya's read/write form. */
import type { MicroOp, Transaction, TransactionalHistory, TransactionStatus } from '../../core/transactions';

export type {
  MicroOp,
  Transaction,
  TransactionalHistory,
  TransactionStatus,
  Version,
} from '../../core/transactions';

/** A list-append transaction: appends of unique elements, reads that return a key's whole list. */
export type ListAppendOp =
  | { f: 'append'; key: string; value: string | number }
  | { f: 'read'; key: string; value: readonly (string | number)[] | null };

export interface ListAppendTransaction {
  id: number;
  status: TransactionStatus;
  ops: readonly ListAppendOp[];
}

/** Two reads of one key returned lists neither of which extends the other: no single order explains both. */
export interface IncompatibleOrder {
  key: string;
  transactionIds: [number, number];
  lists: [readonly (string | number)[], readonly (string | number)[]];
}

function isPrefix(shorter: readonly unknown[], longer: readonly unknown[]): boolean {
  return shorter.every((element, index) => longer[index] === element);
}

/**
 * Elle's inference for list-append histories: each append installs a version named by its element, a read
 * of [a, b, c] saw the version c installed, and every read is a prefix of the key's longest read, which is
 * the key's version order. Elements a transaction appended itself are stripped from the end of its own
 * reads, so the read names the last version it saw from others.
 */
export function fromListAppend(transactions: readonly ListAppendTransaction[]): {
  history: TransactionalHistory;
  incompatibleOrders: IncompatibleOrder[];
} {
  const longest = new Map<string, { list: readonly (string | number)[]; id: number }>();
  const incompatibleOrders: IncompatibleOrder[] = [];
  for (const transaction of transactions) {
    if (transaction.status !== 'committed') continue;
    for (const op of transaction.ops) {
      if (op.f !== 'read' || !op.value) continue;
      const seen = longest.get(op.key);
      if (!seen) {
        longest.set(op.key, { list: op.value, id: transaction.id });
      } else if (isPrefix(seen.list, op.value)) {
        longest.set(op.key, { list: op.value, id: transaction.id });
      } else if (!isPrefix(op.value, seen.list)) {
        incompatibleOrders.push({
          key: op.key,
          transactionIds: [seen.id, transaction.id],
          lists: [seen.list, op.value],
        });
      }
    }
  }
  const converted = transactions.map((transaction): Transaction => {
    const own = new Set<string>();
    const ownKey = (key: string, element: string | number) => `${key}\u0000${typeof element}\u0000${element}`;
    const ops = transaction.ops.map((op): MicroOp => {
      if (op.f === 'append') {
        own.add(ownKey(op.key, op.value));
        return { f: 'write', key: op.key, value: op.value };
      }
      const list = [...(op.value ?? [])];
      while (list.length > 0 && own.has(ownKey(op.key, list[list.length - 1]!))) list.pop();
      return { f: 'read', key: op.key, value: list.length > 0 ? list[list.length - 1]! : null };
    });
    return { id: transaction.id, status: transaction.status, ops };
  });
  const versionOrder = Object.fromEntries([...longest].map(([key, { list }]) => [key, list]));
  return { history: { transactions: converted, versionOrder }, incompatibleOrders };
}
