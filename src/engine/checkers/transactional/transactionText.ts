/**
 * Transactions written as text, for fixtures, tests and lessons: `r x 1, w y 2` reads x = 1 then writes
 * y = 2; `r x -` reads x's initial value. Numbers stay numbers.
 */
import type {
  ListAppendOp,
  ListAppendTransaction,
  MicroOp,
  Transaction,
  TransactionStatus,
  Version,
} from './history';

function parseElement(text: string): string | number {
  return /^-?\d+$/.test(text) ? Number(text) : text;
}

function parseVersion(text: string): Version {
  return text === '-' ? null : parseElement(text);
}

export function parseOps(text: string): MicroOp[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const [f, key, value] = part.split(/\s+/);
      if ((f !== 'r' && f !== 'w') || !key || value === undefined)
        throw new Error(`cannot read "${part}": write "r key value" or "w key value"`);
      return { f: f === 'r' ? 'read' : 'write', key, value: parseVersion(value) };
    });
}

export function transaction(id: number, ops: string, status: TransactionStatus = 'committed'): Transaction {
  return { id, status, ops: parseOps(ops) };
}

/**
 * A list-append transaction as text: `a x 2` appends 2 to x; `r y 1 2` read y = [1, 2]; `r y -` read an
 * empty list.
 */
export function listAppendTransaction(
  id: number,
  ops: string,
  status: TransactionStatus = 'committed',
): ListAppendTransaction {
  const parsed = ops
    .split(',')
    .map((part) => part.trim().split(/\s+/))
    .map(([f, key, ...values]): ListAppendOp => {
      if (f === 'a' && key && values.length === 1)
        return { f: 'append', key, value: parseElement(values[0]!) };
      if (f === 'r' && key && values.length > 0)
        return { f: 'read', key, value: values[0] === '-' ? [] : values.map(parseElement) };
      throw new Error(
        `cannot read "${[f, key, ...values].join(' ')}": write "a key element" or "r key e1 e2 …"`,
      );
    });
  return { id, status, ops: parsed };
}
