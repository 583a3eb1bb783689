/** Raft questions (lesson 5): a random partition of a cluster, with Raft's election deciding the answer. */
import {
  listNodes,
  nodeIds,
  pick,
  onlyValue,
  randomInt,
  shuffleWith,
  type QuestionTemplate,
} from '../template.ts';

interface PartitionParams {
  /** The sides of the partition, each sorted, in the order the question lists them. */
  sides: string[][];
}

/**
 * "Which side can elect a leader?" The cluster is cut into sides before any election, and Raft runs for
 * 4 s: the leader at the end (if any) names the side.
 */
export const raftPartition: QuestionTemplate<PartitionParams> = {
  id: 'raft-partition',
  description: 'A random partition of a Raft cluster: which side can elect a leader?',
  draw(random) {
    const size = randomInt(random, 3, 7);
    const shuffled = shuffleWith(nodeIds(size), random);
    const sideCount = size >= 5 ? pick(random, [2, 2, 3]) : 2;
    const cuts = new Set<number>();
    while (cuts.size < sideCount - 1) cuts.add(randomInt(random, 1, size - 1));
    const bounds = [0, ...[...cuts].sort((a, b) => a - b), size];
    const byNumber = (a: string, b: string) => Number(a.slice(1)) - Number(b.slice(1));
    const sides = bounds.slice(1).map((end, index) => shuffled.slice(bounds[index], end).sort(byNumber));
    return { sides };
  },
  ask: ({ sides }) => ({
    kind: 'single',
    prompt: `A Raft cluster of ${sides.flat().length} nodes is split by a network partition before any leader is elected: ${sides.map((side) => `{${side.join(', ')}}`).join(' | ')}. The partition lasts. Which side can elect a leader?`,
    choices: [
      ...sides.map((side) => `The side with ${listNodes(side)}`),
      'None of them: no side can elect a leader',
    ],
  }),
  runs: ({ sides }) => [
    {
      run: {
        scenario: 'raft/normal-election',
        overrides: {
          nodes: sides.flat().length,
          seed: 1,
          workload: { clients: 0 },
          script: [],
          faults: [{ at: 0, partition: sides }],
          checks: [],
          durationMs: 4000,
        },
      },
      requests: [{ measure: 'leader', at: 'end' }],
    },
  ],
  answer({ sides }, measured) {
    const leader = onlyValue(measured);
    if (leader === undefined) return null;
    if (leader === null) return sides.length;
    const index = sides.findIndex((side) => side.includes(String(leader)));
    return index === -1 ? null : index;
  },
  explain: ({ sides }, answer) => {
    const size = sides.flat().length;
    const majority = Math.floor(size / 2) + 1;
    return answer === sides.length
      ? `A candidate needs votes from ${majority} of the ${size} nodes, counting itself, and no side has that many: in the simulation every side kept starting elections and none won.`
      : `A candidate needs votes from ${majority} of the ${size} nodes, counting itself. Only the side with ${listNodes(sides[answer]!)} has that many; in the simulation it elected a leader while the other side kept starting elections it could not win.`;
  },
};
