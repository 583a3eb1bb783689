// @vitest-environment jsdom
/**
 * Lesson 3 (lessons/03-partitioning.mdx): the statements about its simulations that the partitioning
 * tests do not already assert, run on the embeds' own overrides, and the quiz answer that comes from
 * running one. Placement in these scenarios depends on key hashes, not on the seed, so seed 1 (the
 * lesson's) is the run the student sees; the counts below are exact.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Simulation } from '../../engine/core/simulation';
import { showRanges, type RangesDurable } from '../../engine/protocols/partitioning/ranges';
import { createSimulation } from '../../engine/catalog/resolve';
import { expectSideIsScenario, type Side } from './compareSides';
import { readLesson, type LessonContent } from './lessonContent';
import { claimSeeds, expectRunBoundMeasures } from './runBound';

vi.setConfig({ testTimeout: 30_000 });

let lesson: LessonContent;
beforeAll(async () => {
  lesson = await readLesson('partitioning');
});

const run = (embedId: string, side: Side = 'left') => lesson.simulate(embedId, { side }).run();

const gauges = (sim: Simulation) => sim.protocol.gauges!(sim.invariantContext() as never);
const detail = (sim: Simulation, node: string) =>
  sim.protocol.describeNode(sim.node(node).state as never, true).details ?? {};
const rowsOn = (sim: Simulation, node: string) => Number(detail(sim, node).rows);

/** "n1 moved 106 rows (56.2 KB) to n5" → [n1, n5, 106] for every such note. */
function moves(sim: Simulation): [string, string, number][] {
  return sim.world.notes.flatMap((note) => {
    const match = /^(n\d) moved (\d+) rows .* to (n\d)$/.exec(note.text);
    return match ? [[match[1]!, match[3]!, Number(match[2])] as [string, string, number]] : [];
  });
}

describe('the compare embeds show the scenarios the partitioning tests assert', () => {
  // Each right-hand side is the left-hand scenario with one parameter changed; it must be exactly the
  // registered twin, so that the twin's assertions in sharding.test.ts hold for what the student sees.
  const twins: Record<string, string> = {
    'add-node': 'partitioning/consistent-hashing-add-node',
    'virtual-nodes': 'partitioning/many-virtual-nodes',
    'hot-key': 'partitioning/salted-hot-key',
    scans: 'partitioning/hash-scans',
  };

  it.each(Object.entries(twins))('%s: the right-hand side runs %s', (embedId, twin) => {
    expectSideIsScenario(lesson, embedId, 'right', twin);
  });
});

describe('adding a node', () => {
  it('add-node: 1,639 rows move under hash modulo N, between every pair of old nodes; 385 under consistent hashing, all to n5', () => {
    const modulo = run('add-node');
    expect(gauges(modulo)['moved.rows']).toBe(1639);
    // The student adds up "rows moved out" in the detail of n1 to n4.
    const movedOut = ['n1', 'n2', 'n3', 'n4'].map((node) => Number(detail(modulo, node)['rows moved out']));
    expect(movedOut.reduce((sum, rows) => sum + rows, 0)).toBe(1639);
    // The quiz, the prediction and “What you saw” read the moved.rows gauge the student's own run shows.
    expect(lesson.numericQuestion('rows-moved-modulo').run).toMatchObject({
      for: 'add-node',
      measure: 'gauge',
      args: { name: 'moved.rows' },
    });
    const pairs = new Set(moves(modulo).map(([from, to]) => `${from}→${to}`));
    for (const from of ['n1', 'n2', 'n3', 'n4']) {
      for (const to of ['n1', 'n2', 'n3', 'n4', 'n5'])
        if (from !== to) expect(pairs, `${from}→${to}`).toContain(`${from}→${to}`);
    }

    const consistent = run('add-node', 'right');
    expect(gauges(consistent)['moved.rows']).toBe(385);
    expect(moves(consistent).every(([, to]) => to === 'n5')).toBe(true);
    expect(rowsOn(consistent, 'n5')).toBe(385);
    // The ring gives each node 64 points, so n5's share comes from every old node.
    expect(new Set(moves(consistent).map(([from]) => from))).toEqual(new Set(['n1', 'n2', 'n3', 'n4']));
  });

  it('add-node with one point per node: n5 takes 39 rows (2%), all from a single node', () => {
    const onePoint = lesson
      .simulate('add-node', {
        side: 'right',
        overrides: { params: { strategy: 'consistent-hashing', virtualNodes: 1 } },
      })
      .run();
    expect(gauges(onePoint)['moved.rows']).toBe(39);
    expect(rowsOn(onePoint, 'n5')).toBe(39);
    expect(new Set(moves(onePoint).map(([from]) => from)).size).toBe(1);
  });
});

describe('virtual nodes', () => {
  it('virtual-nodes: one point per node gives n4 862 rows and n5 73; 256 points keep every node between 438 and 559', () => {
    const nodes = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8'];
    const one = run('virtual-nodes');
    const counts = nodes.map((node) => rowsOn(one, node));
    expect(Math.max(...counts)).toBe(rowsOn(one, 'n4'));
    expect(rowsOn(one, 'n4')).toBe(862);
    expect(Math.min(...counts)).toBe(rowsOn(one, 'n5'));
    expect(rowsOn(one, 'n5')).toBe(73);
    expect(gauges(one)['imbalance.rows']).toBeCloseTo(1.72, 2);

    const many = nodes.map((node) => rowsOn(run('virtual-nodes', 'right'), node));
    expect(Math.min(...many)).toBe(438);
    expect(Math.max(...many)).toBe(559);
  });
});

describe('a node with many virtual nodes leaving', () => {
  it('hands its rows to every remaining node, not to one neighbour', () => {
    const sim = createSimulation(
      'partitioning/consistent-hashing-remove-node',
      {},
      { checkInvariants: true },
    ).run();
    const receivers = new Set(
      moves(sim)
        .filter(([from]) => from === 'n3')
        .map(([, to]) => to),
    );
    expect(receivers).toEqual(new Set(['n1', 'n2', 'n4', 'n5']));
  });
});

describe('range scans', () => {
  const fanOuts = (sim: Simulation) =>
    sim.world.notes.flatMap((note) => {
      const match = / asks (\d+) of 4 nodes/.exec(note.text);
      return match ? [Number(match[1])] : [];
    });

  it('scans: range placement asks 1, 2, 1, 2 and 2 nodes (8 visits, 1.6 on average); hash placement asks 4 every time (20)', () => {
    const ranged = run('scans');
    const hashed = run('scans', 'right');
    expect(fanOuts(ranged)).toEqual([1, 2, 1, 2, 2]);
    expect(fanOuts(hashed)).toEqual([4, 4, 4, 4, 4]);
    expect([gauges(ranged)['fanout.mean'], gauges(hashed)['fanout.mean']]).toEqual([1.6, 4]);
  });
});

describe('automatic splitting', () => {
  it('auto-split: one range becomes eight by 8 s, each with three replicas, leases on all three nodes', () => {
    const sim = run('auto-split');
    const nodes = sim.invariantContext().nodes as ReadonlyMap<
      string,
      { state: { durable: RangesDurable }; up: boolean }
    >;
    const table = showRanges(nodes);
    expect(table).toHaveLength(8);
    for (const range of table) expect(range.replicas).toHaveLength(3);
    expect(new Set(table.map((range) => range.leaseholder))).toEqual(new Set(['n1', 'n2', 'n3']));
    expect(sim.world.notes.filter((note) => / split at /.test(note.text))).toHaveLength(7);
  });
});

describe('predictions and run-bound questions', () => {
  it('on 20 seeds each computes: about four rows in five move under modulo (the number the quiz asks), and one point per node leaves the fullest node far above a fair 500', () => {
    const values = expectRunBoundMeasures(lesson);
    claimSeeds.forEach((seed, index) => {
      const moved = values.get('modulo-rows-moved')![index] as number;
      expect(moved / 2000, `seed ${seed}`).toBeGreaterThan(0.7);
      expect(values.get('rows-moved-modulo')![index], `seed ${seed}: the quiz reads the same number`).toBe(
        moved,
      );
      expect(values.get('fullest-node-one-token')![index] as number, `seed ${seed}`).toBeGreaterThan(750);
    });
  });
});
