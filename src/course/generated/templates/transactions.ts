/** Transaction questions (lesson 6): a random clock uncertainty, with TrueTime's commit wait deciding the answer. */
import { onlyValue, randomInt, type QuestionTemplate } from '../template.ts';

interface UncertaintyParams {
  /** The uncertainty ε every node's clock claims, in ms. */
  uncertaintyMs: number;
  /** How far each of the three nodes' clocks is off (within ε), in ms. */
  offsetsMs: number[];
}

/**
 * "How long does commit wait hold a commit back?" Three TrueTime leaders whose clocks are off by up to ε
 * run the lesson's chain of commits; the longest commit wait is the answer.
 */
export const trueTimeCommitWait: QuestionTemplate<UncertaintyParams> = {
  id: 'truetime-commit-wait',
  description: 'A random clock uncertainty ε: how long does TrueTime’s commit wait hold a commit back?',
  draw(random) {
    const uncertaintyMs = randomInt(random, 2, 40);
    const offset = () => randomInt(random, -uncertaintyMs, uncertaintyMs);
    return { uncertaintyMs, offsetsMs: [offset(), offset(), offset()] };
  },
  ask: ({ uncertaintyMs }) => ({
    kind: 'numeric',
    prompt: `A Spanner-style database runs on three nodes whose clocks each claim an uncertainty of ε = ${uncertaintyMs} ms: TT.now() returns an interval [earliest, latest] at most ${2 * uncertaintyMs} ms wide. A commit takes TT.now().latest as its timestamp and then waits until TT.now().earliest has passed it. About how many milliseconds does that commit wait hold each commit back?`,
    unit: 'ms',
    tolerance: 1,
  }),
  runs: ({ uncertaintyMs, offsetsMs }) => [
    {
      run: {
        scenario: 'truetime/commit-wait',
        overrides: {
          seed: 1,
          nodes: offsetsMs.map((offsetMs, index) => ({
            id: `n${index + 1}`,
            clock: { offsetMs, driftPpm: 0, uncertaintyMs },
          })),
        },
      },
      requests: [{ measure: 'commit-wait-ms', at: 'end' }],
    },
  ],
  answer(_params, measured) {
    const wait = onlyValue(measured);
    return typeof wait === 'number' ? wait : null;
  },
  explain: ({ uncertaintyMs }, answer) =>
    `The timestamp is the latest the true time can be; the wait lasts until the earliest it can be has passed that, which takes the width of the interval, 2ε = ${2 * uncertaintyMs} ms. In the simulation the longest commit wait was ${answer} ms, however far each clock was off within its bound.`,
};
