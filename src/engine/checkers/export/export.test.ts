import { parseEDNString } from 'edn-data';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../catalog/resolve';
import type { HistoryOperation, Value } from '../../core/types';
import { checkLinearizability } from '../linearizability';
import { ednValue, historyFile, toJepsen, toPorcupine, type PorcupineOperation } from '.';

const op = (
  partial: Partial<HistoryOperation> & Pick<HistoryOperation, 'id' | 'type'>,
): HistoryOperation => ({
  process: 'c1',
  key: 'x',
  value: null,
  node: 'n1',
  invoke: 0,
  complete: 10,
  ok: true,
  ...partial,
});

/** A small history with one of each case: read, write, cas, refused, timed out, still pending, other kind. */
const history: HistoryOperation[] = [
  op({ id: 2, type: 'read', process: 'bob', value: 1, invoke: 5, complete: 12 }),
  op({ id: 1, type: 'write', process: 'alice', value: 1, invoke: 0, complete: 4 }),
  op({ id: 3, type: 'cas', process: 'alice', expected: 1, value: 2, invoke: 4, complete: 9 }),
  op({
    id: 4,
    type: 'write',
    process: 'bob',
    value: 3,
    invoke: 12,
    complete: 20,
    ok: false,
    error: 'no quorum',
  }),
  op({
    id: 5,
    type: 'write',
    process: 'alice',
    value: 4,
    invoke: 9,
    complete: 30,
    ok: null,
    error: 'timeout',
  }),
  op({ id: 6, type: 'read', process: 'bob', invoke: 20, complete: null, ok: null }),
  op({ id: 8, type: 'read', process: 'alice', value: 4, invoke: 31, complete: 35 }),
  op({ id: 7, type: 'scan', process: 'carol', key: 'a', value: 3, invoke: 1, complete: 2 }),
];
const ns = (ms: number) => ms * 1_000_000;

describe('Porcupine export', () => {
  it("gives each read, write and cas porcupine.Operation's fields, ordered by call time, in ns", () => {
    expect(toPorcupine(history)).toEqual([
      {
        ClientId: 0,
        Input: { Op: 'write', Key: 'x', Value: 1 },
        Call: 0,
        Output: {},
        Return: ns(4),
        Metadata: { Process: 'alice', Id: 1, Node: 'n1' },
      },
      {
        ClientId: 0,
        Input: { Op: 'cas', Key: 'x', Value: 2, Expected: 1 },
        Call: ns(4),
        Output: {},
        Return: ns(9),
        Metadata: { Process: 'alice', Id: 3, Node: 'n1' },
      },
      {
        ClientId: 1,
        Input: { Op: 'read', Key: 'x', Value: null },
        Call: ns(5),
        Output: { Value: 1 },
        Return: ns(12),
        Metadata: { Process: 'bob', Id: 2, Node: 'n1' },
      },
      // The timed-out write and the read still pending return after everything else, outcome unknown.
      {
        ClientId: 0,
        Input: { Op: 'write', Key: 'x', Value: 4 },
        Call: ns(9),
        Output: { Unknown: true },
        Return: ns(36),
        Metadata: { Process: 'alice', Id: 5, Node: 'n1' },
      },
      {
        ClientId: 1,
        Input: { Op: 'read', Key: 'x', Value: null },
        Call: ns(20),
        Output: { Unknown: true },
        Return: ns(36),
        Metadata: { Process: 'bob', Id: 6, Node: 'n1' },
      },
      {
        ClientId: 0,
        Input: { Op: 'read', Key: 'x', Value: null },
        Call: ns(31),
        Output: { Value: 4 },
        Return: ns(35),
        Metadata: { Process: 'alice', Id: 8, Node: 'n1' },
      },
    ]);
  });

  it('survives JSON unchanged (the file is exactly the operations)', () => {
    const sim = createSimulation('quorum/partial-quorums', { seed: 3 });
    sim.runUntil(3000);
    const file = historyFile(sim, 'porcupine');
    expect(file.fileName).toBe('quorum-partial-quorums-seed-3-3000ms.porcupine.json');
    expect(JSON.parse(file.text)).toEqual(toPorcupine(sim.world.history));
  });
});

/** Reads a history.edn the way Jepsen does: every top-level form in order (here with edn-data's reader). */
function readEdn(text: string): Record<string, unknown>[] {
  return parseEDNString(`(${text})`, { mapAs: 'object', keywordAs: 'string', listAs: 'array' }) as Record<
    string,
    unknown
  >[];
}

describe('Jepsen EDN export', () => {
  it('writes values an EDN reader reads back: strings with quotes and line breaks, keywords, nil, vectors', () => {
    const value = [{ keyword: 'r' }, 'say "hi"\\\n\tnow\u0001', null, [3, -1.5, true]] as const;
    expect(parseEDNString(ednValue(value), { keywordAs: 'string' })).toEqual([
      'r',
      'say "hi"\\\n\tnow\u0001',
      null,
      [3, -1.5, true],
    ]);
  });

  it('writes an :invoke and a completion per operation, :info for unknown outcomes, in time order', () => {
    const { operations, leftOut } = toJepsen(history);
    expect(leftOut).toBe(1); // the scan
    const lines = operations.map(({ index, time, type, process, f, value, error }) => [
      index,
      time / 1_000_000,
      type,
      process,
      f,
      JSON.stringify(value),
      error,
    ]);
    expect(lines).toEqual([
      [0, 0, 'invoke', 0, 'write', '["x",1]', undefined],
      [1, 4, 'ok', 0, 'write', '["x",1]', undefined],
      [2, 4, 'invoke', 0, 'cas', '["x",[1,2]]', undefined],
      [3, 5, 'invoke', 1, 'read', '["x",null]', undefined],
      [4, 9, 'ok', 0, 'cas', '["x",[1,2]]', undefined],
      [5, 9, 'invoke', 0, 'write', '["x",4]', undefined],
      // At 12, bob's read completes and his write starts: his own completion comes first.
      [6, 12, 'ok', 1, 'read', '["x",1]', undefined],
      [7, 12, 'invoke', 1, 'write', '["x",3]', undefined],
      [8, 20, 'fail', 1, 'write', '["x",3]', 'no quorum'],
      [9, 20, 'invoke', 1, 'read', '["x",null]', undefined],
      [10, 30, 'info', 0, 'write', '["x",4]', 'timeout'],
      // After an :info alice goes on as a fresh process: her timed-out write may still be in flight.
      [11, 31, 'invoke', 2, 'read', '["x",null]', undefined],
      // bob's read never had a reply: :info at the history's last instant.
      [12, 35, 'info', 1, 'read', '["x",null]', 'no reply when the run stopped'],
      [13, 35, 'ok', 2, 'read', '["x",4]', undefined],
    ]);
  });
});

/** A Porcupine file read back the way a Go model would see it: Unknown outputs may or may not have happened. */
function fromPorcupine(operations: readonly PorcupineOperation[]): HistoryOperation[] {
  return operations.map((operation, index) => ({
    id: index,
    process: String(operation.ClientId),
    type: operation.Input.Op,
    key: operation.Input.Key,
    value: operation.Input.Op === 'read' ? (operation.Output.Value ?? null) : operation.Input.Value,
    ...(operation.Input.Op === 'cas' ? { expected: operation.Input.Expected ?? null } : {}),
    node: '',
    invoke: operation.Call / 1_000_000,
    complete: operation.Output.Unknown ? null : operation.Return / 1_000_000,
    ok: operation.Output.Unknown ? null : true,
  }));
}

/** A history.edn read back as Knossos pairs it: each process's :invoke with the completion that follows. */
function fromEdn(forms: readonly Record<string, unknown>[]): HistoryOperation[] {
  const open = new Map<number, HistoryOperation>();
  const operations: HistoryOperation[] = [];
  for (const form of forms) {
    const process = form.process as number;
    const [key, value] = form.value as [string, Value | [Value, Value]];
    if (form.type === 'invoke') {
      expect(open.has(process), `process ${process} invokes while busy`).toBe(false);
      const operation: HistoryOperation = {
        id: operations.length,
        process: String(process),
        type: form.f as string,
        key,
        value: form.f === 'cas' ? (value as [Value, Value])[1] : (value as Value),
        ...(form.f === 'cas' ? { expected: (value as [Value, Value])[0] } : {}),
        node: '',
        invoke: (form.time as number) / 1_000_000,
        complete: null,
        ok: null,
      };
      open.set(process, operation);
      operations.push(operation);
      continue;
    }
    const operation = open.get(process)!;
    expect(operation, `process ${process} completes nothing`).toBeDefined();
    open.delete(process);
    if (form.type === 'info') continue; // outcome unknown: it may happen any time after its invoke
    operation.complete = (form.time as number) / 1_000_000;
    operation.ok = form.type === 'ok';
    if (form.f === 'read') operation.value = value as Value;
  }
  expect([...open.keys()], 'every :invoke has a completion').toEqual([]);
  return operations;
}

const verdictOf = (operations: readonly HistoryOperation[]) => checkLinearizability(operations).verdict;

describe('an exported run, read back, gets the same verdict from our checker', () => {
  const linearizableRun = createSimulation('raft/leader-crash', { seed: 7 });
  linearizableRun.run();
  const seeds = Array.from({ length: 40 }, (_, index) => index + 1);
  const violatingSeed = seeds.find((seed) => {
    const sim = createSimulation('quorum/concurrent-not-linearizable', { seed });
    sim.run();
    return verdictOf(sim.world.history) === 'violation';
  });
  const violatingRun = createSimulation('quorum/concurrent-not-linearizable', { seed: violatingSeed ?? 1 });
  violatingRun.run();

  it('the runs are what the test needs: one linearizable with timed-out operations, one violation', () => {
    expect(verdictOf(linearizableRun.world.history)).toBe('linearizable');
    expect(linearizableRun.world.history.filter((operation) => operation.ok === null).length).toBeGreaterThan(
      0,
    );
    expect(
      violatingSeed,
      'no seed of quorum/concurrent-not-linearizable in 1..40 broke linearizability',
    ).toBeDefined();
  });

  it.each([
    ['linearizable', () => linearizableRun],
    ['violation', () => violatingRun],
  ] as const)('Porcupine JSON: %s', (verdict, run) => {
    const operations = JSON.parse(historyFile(run(), 'porcupine').text) as PorcupineOperation[];
    expect(verdictOf(fromPorcupine(operations))).toBe(verdict);
  });

  it.each([
    ['linearizable', () => linearizableRun],
    ['violation', () => violatingRun],
  ] as const)('Jepsen EDN, parsed by edn-data: %s', (verdict, run) => {
    const sim = run();
    const forms = readEdn(historyFile(sim, 'edn').text);
    expect(forms.map((form) => form.index)).toEqual(forms.map((_, index) => index));
    const times = forms.map((form) => form.time as number);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const kv = sim.world.history.filter((operation) => ['read', 'write', 'cas'].includes(operation.type));
    expect(forms.filter((form) => form.type === 'invoke')).toHaveLength(kv.length);
    expect(forms.filter((form) => form.type === 'info').length).toBe(
      kv.filter((operation) => operation.ok === null).length,
    );
    expect(verdictOf(fromEdn(forms))).toBe(verdict);
  });
});

describe('transactions in EDN', () => {
  it("writes each recorded transaction as :txn with Elle's [:r k v] / [:w k v] micro-ops", () => {
    const sim = createSimulation('isolation/write-skew', { seed: 1 });
    sim.run();
    const recorded = sim.protocol.transactionalHistory!(sim.invariantContext()).transactions;
    const heard = new Set(sim.world.history.filter((operation) => operation.ok === true).map(({ id }) => id));
    const microOps = (reads: boolean) => (transaction: (typeof recorded)[number]) =>
      JSON.stringify(
        transaction.ops.map((micro) =>
          micro.f === 'read' ? ['r', micro.key, reads ? micro.value : null] : ['w', micro.key, micro.value],
        ),
      );
    const forms = readEdn(historyFile(sim, 'edn').text).filter((form) => form.f === 'txn');
    const values = (type: string) =>
      forms
        .filter((form) => form.type === type)
        .map((form) => JSON.stringify(form.value))
        .sort();

    expect(recorded.filter((transaction) => transaction.status === 'committed').length).toBeGreaterThan(0);
    expect(values('invoke')).toEqual(recorded.map(microOps(false)).sort());
    expect(values('ok')).toEqual(
      recorded
        .filter((transaction) => transaction.status === 'committed' && heard.has(transaction.id))
        .map(microOps(true))
        .sort(),
    );
    expect(values('fail')).toEqual(
      recorded
        .filter((transaction) => transaction.status === 'aborted')
        .map(microOps(false))
        .sort(),
    );
  });
});
