/**
 * Each template's answer is what its simulation runs give, over 50 parameter draws; and what the runs give
 * agrees, within the question's tolerance, with the rule the lesson teaches (R + W > N, a majority, a
 * range's start, the lag, 2ε, a round trip), so a template
 * or an engine change that breaks either shows here.
 */
import { describe, expect, it } from 'vitest';
import { computeMeasures } from '../../engine/analysis/measures/index.ts';
import { answerOf, variantOf, type AnyTemplate, type RunMeasurer } from './template.ts';
import { questionTemplates } from './templates/index.ts';

const engine: RunMeasurer = (run, requests) => Promise.resolve(computeMeasures(run, requests));
const draws = 50;

/** What the lesson teaches about each template's question, for the parameters drawn. */
const taught: Record<string, (params: never) => number> = {
  'quorum-overlap': ({ n, r, w }: { n: number; r: number; w: number }) => (r + w > n ? 0 : 1),
  'quorum-write-failures': ({ n, w }: { n: number; w: number }) => n - w,
  'raft-partition': ({ sides }: { sides: string[][] }) => {
    const size = sides.flat().length;
    const majority = sides.findIndex((side) => side.length > size / 2);
    return majority === -1 ? sides.length : majority;
  },
  'range-shard': ({ boundaries, key }: { boundaries: string[]; key: string }) =>
    boundaries.filter((boundary) => boundary <= key).length,
  'async-lost-writes': ({ lagMs, crashAtMs }: { lagMs: number; crashAtMs: number }) => {
    let lost = 0;
    for (let at = 100; at < crashAtMs; at += 100) if (at + lagMs > crashAtMs) lost += 1;
    return lost;
  },
  // The balancer notices once the last answer is older than the timeout, at its next check.
  'health-check-notice': ({ timeoutMs }: { timeoutMs: number }) => timeoutMs,
  'truetime-commit-wait': ({ uncertaintyMs }: { uncertaintyMs: number }) => 2 * uncertaintyMs,
  // Read committed loses the quick deposit; snapshot isolation aborts and retries the slow one.
  'concurrent-deposits': ({
    level,
    startBalance,
    quickAmount,
    slowAmount,
  }: {
    level: string;
    startBalance: number;
    quickAmount: number;
    slowAmount: number;
  }) => startBalance + slowAmount + (level === 'read-committed' ? 0 : quickAmount),
  // A write crosses to the primary and back.
  'remote-primary-write': ({ oneWayMs, writeTo }: { oneWayMs: Record<string, number>; writeTo: string }) =>
    2 * oneWayMs[writeTo]!,
  // A write commits once the leader and the nearer other region have it.
  'consensus-leader-write': ({ oneWayMs }: { oneWayMs: Record<string, number> }) =>
    2 * Math.min(...Object.values(oneWayMs)),
};

describe.each([...questionTemplates.values()])('generated question $id', (template: AnyTemplate) => {
  it(`gives the answer of its simulation runs over ${draws} draws, and the runs agree with the lesson`, async () => {
    const answers = new Set<number>();
    for (let draw = 0; draw < draws; draw += 1) {
      const variant = variantOf(template, `test-${draw}`);
      const reproduce = `variantOf(questionTemplates.get('${template.id}'), 'test-${draw}'), params ${JSON.stringify(variant.params)}`;
      const answer = await answerOf(template, variant, engine);
      // A student who applies the lesson's rule is marked right: within the question's tolerance of the run.
      const tolerance = variant.asked.kind === 'numeric' ? variant.asked.tolerance : 0;
      expect(Math.abs(answer - taught[template.id]!(variant.params as never)), reproduce).toBeLessThanOrEqual(
        tolerance,
      );
      if (variant.asked.kind === 'single') {
        expect(answer, reproduce).toBeGreaterThanOrEqual(0);
        expect(answer, reproduce).toBeLessThan(variant.asked.choices.length);
        expect(new Set(variant.asked.choices).size, reproduce).toBe(variant.asked.choices.length);
      }
      expect(template.explain(variant.params, answer), reproduce).not.toBe('');
      answers.add(answer);
    }
    // The draws reach more than one answer, so guessing the usual one does not pass.
    expect(answers.size).toBeGreaterThan(1);
  }, 120_000);

  it('draws the same parameters from the same seed and new ones from another', () => {
    expect(variantOf(template, 'lesson/attempt-1')).toEqual(variantOf(template, 'lesson/attempt-1'));
    const prompts = new Set(
      Array.from(
        { length: 10 },
        (_, attempt) => variantOf(template, `lesson/attempt-${attempt}`).asked.prompt,
      ),
    );
    expect(prompts.size).toBeGreaterThanOrEqual(8);
  });
});
