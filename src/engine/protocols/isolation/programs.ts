/**
 * The transactions clients can ask the store to run. Each is a small program: the keys it reads, one
 * statement after another, then what it writes given the values it saw (or why it stops). The store
 * decides what each read returns; the program only computes.
 */
import type { ClientRequest, Value } from '../../core/types';

export type Decision = { writes: Record<string, Value>; result: Value } | { refuse: string };

export interface Program {
  /** A short label for the history and the node view, e.g. "transfer 30 alice→bob". */
  label: string;
  reads: string[];
  decide(values: Readonly<Record<string, Value>>): Decision;
}

function text(options: Record<string, unknown> | undefined, name: string): string | null {
  const value = options?.[name];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function amountOf(options: Record<string, unknown> | undefined): number | null {
  const value = options?.amount;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

function balance(values: Readonly<Record<string, Value>>, key: string): number {
  const value = values[key];
  return typeof value === 'number' ? value : 0;
}

/** The program for a client request, or why the request cannot be run. */
export function programFor(request: ClientRequest): Program | { error: string } {
  const { options } = request;
  switch (request.op) {
    case 'transfer': {
      const from = text(options, 'from');
      const to = text(options, 'to');
      const amount = amountOf(options);
      if (!from || !to || from === to || amount === null)
        return {
          error:
            'a transfer needs options { from, to, amount } with two different accounts and an amount above 0',
        };
      return {
        label: `transfer ${amount} ${from}→${to}`,
        reads: [from, to],
        decide: (values) =>
          balance(values, from) < amount
            ? { refuse: `${from} holds ${balance(values, from)}, less than ${amount}` }
            : {
                writes: { [from]: balance(values, from) - amount, [to]: balance(values, to) + amount },
                result: balance(values, from) - amount,
              },
      };
    }
    case 'deposit': {
      const account = text(options, 'account') ?? request.key;
      const amount = amountOf(options);
      if (amount === null)
        return { error: 'a deposit needs options { account, amount } with an amount above 0' };
      return {
        label: `deposit ${amount} to ${account}`,
        reads: [account],
        decide: (values) => ({
          writes: { [account]: balance(values, account) + amount },
          result: balance(values, account) + amount,
        }),
      };
    }
    case 'audit': {
      const keys = options?.keys;
      if (!Array.isArray(keys) || keys.length === 0 || !keys.every((key) => typeof key === 'string'))
        return { error: 'an audit needs options { keys: [...] }, the accounts to add up' };
      return {
        label: `audit ${keys.join('+')}`,
        reads: keys,
        decide: (values) => ({
          writes: {},
          result: keys.reduce((sum, key) => sum + balance(values, key), 0),
        }),
      };
    }
    case 'go-off-call': {
      const doctor = text(options, 'doctor') ?? request.key;
      const rota = options?.rota;
      if (!Array.isArray(rota) || !rota.includes(doctor) || !rota.every((key) => typeof key === 'string'))
        return { error: 'going off call needs options { doctor, rota: [...] } with the doctor in the rota' };
      return {
        label: `${doctor} goes off call`,
        reads: rota,
        decide: (values) => {
          const onCall = rota.filter((key) => values[key] === 'on').length;
          return onCall >= 2
            ? { writes: { [doctor]: 'off' }, result: onCall - 1 }
            : {
                refuse: `only ${onCall} doctor${onCall === 1 ? ' is' : 's are'} on call, so ${doctor} must stay`,
              };
        },
      };
    }
    case 'read':
      return {
        label: `read ${request.key}`,
        reads: [request.key],
        decide: (values) => ({ writes: {}, result: values[request.key] ?? null }),
      };
    default:
      return {
        error: `the store runs transfer, deposit, audit, go-off-call and read transactions, not ${request.op}`,
      };
  }
}
