/** Partitioning questions (lesson 3): random split points and keys, with the sharding protocol placing the row. */
import { nodeIds, pick, randomInt, type QuestionTemplate } from '../template.ts';

interface RangeParams {
  /** Split points, ascending: range i holds keys from boundaries[i-1] (inclusive) up to boundaries[i]. */
  boundaries: string[];
  key: string;
}

const keyOf = (number: number) => `k${String(number).padStart(3, '0')}`;

/**
 * "Which node stores key k?" Rows are placed by key range, one range per node in key order; the run writes
 * the key once and reads which node holds it.
 */
export const rangeShard: QuestionTemplate<RangeParams> = {
  id: 'range-shard',
  description: 'Random split points and a key under range partitioning: which node stores the key?',
  draw(random) {
    const nodes = randomInt(random, 3, 5);
    const points = new Set<number>();
    while (points.size < nodes - 1) points.add(randomInt(random, 50, 950));
    const boundaries = [...points].sort((a, b) => a - b).map(keyOf);
    // Often exactly a split point, where a student must know which side a range's start belongs to.
    const key = random() < 0.4 ? pick(random, boundaries) : keyOf(randomInt(random, 0, 999));
    return { boundaries, key };
  },
  ask: ({ boundaries, key }) => {
    const nodes = nodeIds(boundaries.length + 1);
    return {
      kind: 'single',
      prompt: `Rows are partitioned by key range over ${nodes.length} nodes. The split points are ${boundaries.join(', ')}; each range starts at its split point, and the ranges go to ${nodes.join(', ')} in key order (keys compare as text, k000 to k999). Which node stores the row with key ${key}?`,
      choices: nodes,
    };
  },
  runs: ({ boundaries, key }) => {
    const nodes = nodeIds(boundaries.length + 1);
    return [
      {
        run: {
          scenario: 'partitioning/range-scans',
          overrides: {
            nodes: nodes.length,
            seed: 1,
            params: { strategy: 'range', rangeBoundaries: boundaries, preloadRows: 0, members: nodes },
            workload: { clients: 0 },
            script: [{ at: 100, client: 'alice', node: 'n1', op: 'write', key, value: 1 }],
            faults: [],
            checks: [],
            durationMs: 1000,
          },
        },
        requests: nodes.map((node) => ({ measure: 'node-value', args: { node, key }, at: 'end' })),
      },
    ];
  },
  answer(_params, [values = []]) {
    const holders = values.flatMap((value, index) => (value === null ? [] : [index]));
    return holders.length === 1 ? holders[0]! : null;
  },
  explain: ({ boundaries, key }, answer) => {
    const start = boundaries[answer - 1];
    const end = boundaries[answer];
    const range = `${start ? `from ${start}` : 'from the start'} ${end ? `up to (not including) ${end}` : 'to the end'}`;
    return `${key} falls in the range ${range}, which is n${answer + 1}’s: in the simulation, the write through n1 was stored on n${answer + 1} and nowhere else.`;
  },
};
