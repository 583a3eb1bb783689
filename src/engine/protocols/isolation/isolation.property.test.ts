/**
 * Under random workloads (transfers, deposits, audits, doctors going off call) and random fault schedules
 * (crashes, pauses, partitions, message loss), the store keeps the isolation level it promises: the
 * anomaly checker finds none of the anomalies that level forbids in the finished history, the protocol's
 * invariants (atomic commit, exclusive write locks, versions in commit order) hold after every event, and
 * under snapshot isolation and serializable money is conserved: the balances end at the starting total
 * plus the committed deposits.
 *
 * PROPERTY_RUNS=500 npx vitest run src/engine/protocols/isolation/isolation.property.test.ts
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { runChecks } from '../../checkers';
import type { Action } from '../../core/schema';
import { createSimulation } from '../../catalog/resolve';
import { outageScheduleArbitrary, settleActions } from '../../testing/arbitraries';
import { assertProperty, randomizedTestTimeoutMs } from '../../testing/properties';
import type { NodeState } from '../../core/types';
import type { IsolationDurable, IsolationLevel } from './protocol';

const nodes = ['n1', 'n2', 'n3', 'n4'];
const accounts = ['alice', 'bob', 'carol'];
const placement = { alice: 'n2', bob: 'n3', carol: 'n4', dr1: 'n2', dr2: 'n3' };
const initial = { alice: 100, bob: 100, carol: 100, dr1: 'on', dr2: 'on' };
const windowMs = 2000;
const file = 'src/engine/protocols/isolation/isolation.property.test.ts';

const account = fc.constantFrom(...accounts);
const request = fc.oneof(
  fc
    .record({ from: account, to: account, amount: fc.integer({ min: 1, max: 80 }) })
    .filter(({ from, to }) => from !== to)
    .map((options) => ({ op: 'transfer', key: options.from, options })),
  fc
    .record({ account, amount: fc.integer({ min: 1, max: 50 }), thinkMs: fc.constantFrom(0, 30, 200) })
    .map((options) => ({ op: 'deposit', key: options.account, options })),
  fc
    .constantFrom(0, 100)
    .map((thinkMs) => ({ op: 'audit', key: 'alice', options: { keys: accounts, thinkMs } })),
  fc
    .constantFrom('dr1', 'dr2')
    .map((doctor) => ({ op: 'go-off-call', key: doctor, options: { doctor, rota: ['dr1', 'dr2'] } })),
);
const scheduled = fc.record({
  at: fc.integer({ min: 0, max: windowMs }),
  client: fc.constantFrom('c1', 'c2', 'c3', 'c4'),
  node: fc.constantFrom(...nodes),
  request,
});
const runArbitrary = fc.record({
  seed: fc.integer({ min: 0, max: 0x7fffffff }),
  requests: fc.array(scheduled, { minLength: 1, maxLength: 20 }),
  faults: outageScheduleArbitrary(nodes, windowMs),
});
type Run = typeof runArbitrary extends fc.Arbitrary<infer T> ? T : never;

function check(level: IsolationLevel, run: Run): void {
  const faults: Action[] = [...run.faults, ...settleActions(nodes, windowMs)].sort((a, b) => a.at - b.at);
  const sim = createSimulation(
    {
      id: 'test/isolation-property',
      title: 'Random transactions under faults',
      description: 'Random transactions and faults.',
      protocol: 'isolation',
      params: { isolation: level, placement, initial },
      nodes: nodes.length,
      seed: run.seed,
      script: run.requests.map(({ at, client, node, request }) => ({ at, client, node, ...request })),
      faults,
      checks: [level],
      durationMs: windowMs + 6000,
    },
    {},
    { checkInvariants: true },
  ).run();
  const failed = runChecks(sim).filter((result) => !result.ok);
  if (failed.length > 0)
    throw new Error(failed.map((result) => `${result.name}: ${result.detail}`).join('\n'));
  if (level === 'read-committed') return;
  const balances = accounts.map((key) => {
    const { durable } = sim.node(placement[key as keyof typeof placement]).state as NodeState<
      IsolationDurable,
      unknown
    >;
    const versions = durable.versions[key]!;
    return versions[versions.length - 1]!.value as number;
  });
  // A committed deposit read one balance and wrote it back larger: what it wrote minus what it read.
  const history = sim.protocol.transactionalHistory!(sim.invariantContext());
  const deposited = history.transactions
    .filter(
      (txn) =>
        txn.status === 'committed' && sim.world.history.find((op) => op.id === txn.id)?.type === 'deposit',
    )
    .reduce((sum, txn) => {
      const [read, write] = txn.ops;
      const values = history.values![read!.key]!;
      return sum + (values[String(write!.value)] as number) - (values[String(read!.value)] as number);
    }, 0);
  const total = balances.reduce((sum, balance) => sum + balance, 0);
  if (total !== 300 + deposited)
    throw new Error(`balances ${balances.join(' + ')} = ${total}, expected 300 + ${deposited} deposited`);
}

describe('isolation store under random transactions and faults', () => {
  for (const level of ['read-committed', 'snapshot-isolation', 'serializable'] as const) {
    const testName = `${level}: keeps its promise under every fault schedule`;
    it(
      testName,
      () =>
        assertProperty({
          testName,
          file,
          arbitrary: runArbitrary,
          check: (run) => check(level, run),
          defaultRuns: 40,
        }),
      randomizedTestTimeoutMs,
    );
  }
});
