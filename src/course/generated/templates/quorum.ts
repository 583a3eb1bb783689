/** Quorum questions (lesson 4): random N, R and W, with the quorum protocol deciding the answer. */
import type { ScenarioOverrides } from '../../../engine/core/schema.ts';
import { listNodes, nodeIds, onlyValue, randomInt, type QuestionTemplate } from '../template.ts';

interface QuorumParams {
  n: number;
  r: number;
  w: number;
}

function drawQuorum(random: () => number): QuorumParams {
  const n = randomInt(random, 3, 7);
  return { n, r: randomInt(random, 1, n), w: randomInt(random, 1, n) };
}

/** A quorum cluster of n nodes, every node a replica of every key, with no workload but the script. */
function quorumRun(params: QuorumParams, overrides: ScenarioOverrides) {
  return {
    scenario: 'quorum/overlapping-quorums',
    overrides: {
      nodes: params.n,
      seed: 1,
      params: { n: params.n, r: params.r, w: params.w, readRepair: 'off' },
      workload: { clients: 0 },
      checks: [],
      ...overrides,
    },
  };
}

/**
 * "Is every read that starts after a write completed guaranteed to return it?" The run plays the schedule
 * that would make a read stale if any schedule can: a partition lets the second write reach exactly W
 * replicas (n1…nW), then another lets the read reach exactly R replicas, the ones the write missed first.
 * The read returns 2 (the latest write) or 1 (the one before): the protocol's own overlap decides.
 */
export const quorumOverlap: QuestionTemplate<QuorumParams> = {
  id: 'quorum-overlap',
  description:
    'Random N, R and W: is every read that starts after a write completed guaranteed to return it?',
  draw: drawQuorum,
  ask: ({ n, r, w }) => ({
    kind: 'single',
    prompt: `A key has N = ${n} replicas; a write waits for W = ${w} of them and a read for R = ${r}. A read starts after a write has completed. Is it guaranteed to return that write (or a newer one), whichever replicas answer?`,
    choices: [
      'Yes: every read quorum shares at least one replica with every write quorum',
      'No: the read may ask only replicas the write never reached',
    ],
  }),
  runs(params) {
    const nodes = nodeIds(params.n);
    const written = nodes.slice(0, params.w);
    const missed = nodes.slice(params.w);
    const readers = [...missed, ...written].slice(0, params.r);
    const others = nodes.filter((node) => !readers.includes(node));
    return [
      {
        run: quorumRun(params, {
          script: [
            { at: 100, client: 'alice', node: 'n1', op: 'write', key: 'x', value: 1 },
            { at: 300, client: 'alice', node: 'n1', op: 'write', key: 'x', value: 2 },
            { at: 1000, client: 'bob', node: readers[0]!, op: 'read', key: 'x' },
          ],
          faults: [
            ...(missed.length > 0 ? [{ at: 200, partition: [written, missed] }] : []),
            { at: 800, heal: true as const },
            ...(others.length > 0 ? [{ at: 900, partition: [readers, others] }] : []),
          ],
          durationMs: 2000,
        }),
        requests: [{ measure: 'read-value', args: { process: 'bob' }, at: 'end' }],
      },
    ];
  },
  answer(_params, measured) {
    const value = onlyValue(measured);
    return value === 2 ? 0 : value === 1 ? 1 : null;
  },
  explain: ({ n, r, w }, answer) =>
    answer === 0
      ? `R + W = ${r + w} is more than N = ${n}, so any ${r} replicas include at least one of any ${w}: the simulation cut the write off at ${w} replicas and let the read ask the others first, and the read still returned the new value.`
      : `R + W = ${r + w} is not more than N = ${n}: the simulation let the write reach only ${w} replicas and the read ask ${r} of the others, and the read returned the old value.`,
};

/** "How many replicas can be down while writes still succeed?" One run per number of crashed replicas. */
export const quorumWriteFailures: QuestionTemplate<QuorumParams> = {
  id: 'quorum-write-failures',
  description: 'Random N and W: how many replicas can be down while writes still succeed?',
  draw: drawQuorum,
  ask: ({ n, w }) => ({
    kind: 'numeric',
    prompt: `A key has N = ${n} replicas on nodes n1 to n${n}, and a write succeeds once W = ${w} of them have acknowledged it. Clients write through n1, which stays up. At most how many of the other replicas can be down while writes still succeed?`,
    unit: 'replicas',
    tolerance: 0,
  }),
  runs: (params) =>
    Array.from({ length: params.n }, (_, down) => ({
      run: quorumRun(params, {
        script: [{ at: 100, client: 'alice', node: 'n1', op: 'write', key: 'x', value: 1 }],
        faults: nodeIds(params.n)
          .slice(params.n - down)
          .map((node) => ({ at: 0, crash: node })),
        durationMs: 1000,
      }),
      requests: [{ measure: 'operations-succeeded', args: { type: 'write' }, at: 'end' }],
    })),
  answer(_params, measured) {
    // Runs go from 0 replicas down upwards; the answer is the last one before the first failed write.
    const firstFailure = measured.findIndex(([succeeded]) => succeeded !== 1);
    if (firstFailure === 0) return null;
    return (firstFailure === -1 ? measured.length : firstFailure) - 1;
  },
  explain: ({ n, w }, answer) =>
    `The simulation crashed 0, 1, 2… of the other replicas before a write through n1: the write still gathered W = ${w} acknowledgements with ${answer} down (${listNodes(nodeIds(n).slice(n - answer)) || 'none'}), and not with ${answer + 1}. That is N − W.`,
};
