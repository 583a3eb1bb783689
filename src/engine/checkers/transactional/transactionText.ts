/**
 * Transactions written as text, for fixtures, tests and lessons: `r x 1, w y 2` reads x = 1 then writes
 * y = 2; `r x -` reads x's initial value. Numbers stay numbers.
 */
import type { MicroOp, Transaction, TransactionStatus, Version } from './history';

function parseVersion(text: string): Version {
  if (text === '-') return null;
  return /^-?\d+$/.test(text) ? Number(text) : text;
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
