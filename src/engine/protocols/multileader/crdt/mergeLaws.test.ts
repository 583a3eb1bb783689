/**
 * Property tests: for every resolution strategy, states reachable by any mix of local updates and merges
 * on three replicas merge commutatively, associatively and idempotently, so replicas that have exchanged
 * everything hold equal states whatever order the exchanges happened in.
 *
 * PROPERTY_RUNS=5000 npx vitest run src/engine/protocols/multileader/crdt/mergeLaws.test.ts
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  emptyEntry,
  mergeEntries,
  replicatedTypes,
  resolutions,
  updateEntry,
  type Entry,
  type Resolution,
} from '../replicatedTypes';

const runs = Number(process.env.PROPERTY_RUNS ?? 200);
const testTimeoutMs = 5000 + runs * 5;
const replicas = ['us-east', 'eu-west', 'ap-northeast'] as const;

type Step =
  | { kind: 'update'; replica: number; op: number; value: number | string; timestamp: number }
  | { kind: 'merge'; into: number; from: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('update' as const),
    replica: fc.integer({ min: 0, max: 2 }),
    op: fc.nat(),
    value: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom('book', 'cup', 'pen')),
    // A small clock range makes timestamp ties (and skew-like reorderings) common.
    timestamp: fc.integer({ min: 0, max: 20 }),
  }),
  fc.record({
    kind: fc.constant('merge' as const),
    into: fc.integer({ min: 0, max: 2 }),
    from: fc.integer({ min: 0, max: 2 }),
  }),
);

/** Runs the steps on three replicas of one key and returns their final entries. */
function execute(resolution: Resolution, steps: Step[]): Entry[] {
  const type = replicatedTypes[resolution];
  const states: Entry[] = replicas.map(() => emptyEntry(type));
  for (const s of steps) {
    if (s.kind === 'merge') {
      states[s.into] = mergeEntries(type, states[s.into]!, states[s.from]!);
      continue;
    }
    const op = type.updateOps[s.op % type.updateOps.length]!;
    // Counters take amounts; registers and sets take the value as given.
    const value = typeof s.value === 'string' && resolution.endsWith('counter') ? 1 : s.value;
    const result = updateEntry(type, states[s.replica]!, op, value, replicas[s.replica]!, s.timestamp);
    if (result.ok) states[s.replica] = result.data;
  }
  return states;
}

describe.each(resolutions)('merge laws for %s', (resolution) => {
  const type = replicatedTypes[resolution];
  const merge = (a: Entry, b: Entry) => mergeEntries(type, a, b);
  const executions = fc
    .array(step, { maxLength: 40 })
    .map((steps) => ({ steps, states: execute(resolution, steps) }));
  const settings = { numRuns: runs };

  it(
    'is commutative',
    () => {
      fc.assert(
        fc.property(executions, ({ states: [a, b] }) => {
          expect(merge(a!, b!)).toEqual(merge(b!, a!));
        }),
        settings,
      );
    },
    testTimeoutMs,
  );

  it(
    'is associative',
    () => {
      fc.assert(
        fc.property(executions, ({ states: [a, b, c] }) => {
          expect(merge(merge(a!, b!), c!)).toEqual(merge(a!, merge(b!, c!)));
        }),
        settings,
      );
    },
    testTimeoutMs,
  );

  it(
    'is idempotent',
    () => {
      fc.assert(
        fc.property(executions, ({ states: [a, b] }) => {
          expect(merge(a!, a!)).toEqual(a);
          const ab = merge(a!, b!);
          expect(merge(ab, b!)).toEqual(ab);
        }),
        settings,
      );
    },
    testTimeoutMs,
  );

  it(
    'converges: every merge order of all replicas reads the same',
    () => {
      fc.assert(
        fc.property(executions, ({ states: [a, b, c] }) => {
          const orders = [merge(merge(a!, b!), c!), merge(merge(c!, a!), b!), merge(merge(b!, c!), a!)];
          for (const merged of orders) expect(type.read(merged.data)).toEqual(type.read(orders[0]!.data));
        }),
        settings,
      );
    },
    testTimeoutMs,
  );
});
