/** Replication questions (lesson 2): a random replication lag and crash time, with the replication protocol losing the writes. */
import { onlyValue, pick, randomInt, type QuestionTemplate } from '../template.ts';

interface LagParams {
  /** How long each write takes to reach the follower, in ms. */
  lagMs: number;
  /** When the leader crashes and the follower is promoted, in ms. */
  crashAtMs: number;
}

const writeEveryMs = 100;

/**
 * "How many acknowledged writes are lost?" A leader acknowledges each write at once (asynchronous
 * replication) and the follower receives it lagMs later; the leader crashes and the follower is promoted
 * at the same instant. Lag and crash time keep at least 10 ms from any write's arrival, so no answer
 * hangs on a tie.
 */
export const asyncLostWrites: QuestionTemplate<LagParams> = {
  id: 'async-lost-writes',
  description:
    'A random replication lag and crash time: how many acknowledged writes does promoting the follower lose?',
  draw: (random) => ({
    lagMs: 100 * randomInt(random, 1, 4) + pick(random, [20, 30, 40, 60, 70, 80]),
    crashAtMs: 100 * randomInt(random, 6, 12) + 50,
  }),
  ask: ({ lagMs, crashAtMs }) => ({
    kind: 'numeric',
    prompt: `A leader, n1, replicates asynchronously to one follower, n2. A client writes a new row every ${writeEveryMs} ms (at ${writeEveryMs} ms, ${2 * writeEveryMs} ms, …); n1 acknowledges each write at once, and it reaches n2 ${lagMs} ms later. At ${crashAtMs.toLocaleString('en')} ms n1 crashes and n2 is promoted to leader. How many writes that the client was told succeeded are lost?`,
    unit: 'writes',
    tolerance: 0,
  }),
  runs: ({ lagMs, crashAtMs }) => {
    const writes = Math.floor(crashAtMs / writeEveryMs);
    return [
      {
        run: {
          scenario: 'replication/promote-async-follower',
          overrides: {
            nodes: 2,
            seed: 1,
            params: { mode: 'async' },
            network: {
              latency: { minMs: 1, meanMs: 0, distribution: 'constant' },
              links: [
                { from: 'n1', to: 'n2', latency: { minMs: lagMs, meanMs: 0, distribution: 'constant' } },
              ],
            },
            workload: { clients: 0 },
            script: Array.from({ length: writes }, (_, index) => ({
              at: writeEveryMs * (index + 1),
              client: 'alice',
              node: 'n1',
              op: 'write',
              key: `row${index + 1}`,
              value: index + 1,
            })),
            faults: [
              { at: crashAtMs, crash: 'n1' },
              { at: crashAtMs, operator: { node: 'n2', command: 'promote' } },
            ],
            checks: [],
            durationMs: crashAtMs + 500,
          },
        },
        requests: [{ measure: 'acknowledged-writes-lost', args: { survivor: 'n2' }, at: 'end' }],
      },
    ];
  },
  answer(_params, measured) {
    const lost = onlyValue(measured);
    return typeof lost === 'number' ? lost : null;
  },
  explain: ({ lagMs, crashAtMs }, answer) =>
    `A write acknowledged at time t reaches n2 at t + ${lagMs} ms, so every write acknowledged after ${crashAtMs - lagMs} ms was still on its way when n1 crashed at ${crashAtMs} ms. In the simulation, ${answer} acknowledged ${answer === 1 ? 'write was' : 'writes were'} missing from n2’s log once it was promoted.`,
};
