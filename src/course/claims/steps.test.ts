// @vitest-environment jsdom
/**
 * Every guided step that pauses at a moment is a claim that the moment happens: "the run pauses when n1
 * crashes" must be true of the run the page shows. For each lesson's <Steps>, each step's moment is found
 * in the embed's default run (both runs of a comparison), and the steps' moments come in the order the
 * student meets them, so playing from one step's pause reaches the next.
 */
import { describe, expect, it } from 'vitest';
import { describeMoment, runToMoment, stepperOf } from '../../engine/analysis/moments';
import { lessons } from '../lessons';
import { readLesson } from './lessonContent';

describe.each(lessons.map((lesson) => [lesson.id]))('guided steps of %s', (lessonId) => {
  it('pause at moments that happen in the embed’s run, in step order', async () => {
    const content = await readLesson(lessonId);
    for (const list of content.stepLists) {
      const embed = content.embed(list.for);
      for (const side of embed.sides.length > 1 ? (['left', 'right'] as const) : (['left'] as const)) {
        const sim = content.simulate(list.for, { side });
        const stepper = stepperOf(sim);
        let previous = 0;
        list.moments.forEach((moment, index) => {
          if (!moment) return;
          const where = `${lessonId}: <Steps for="${list.for}"> step ${index + 1} (${side}) pauses ${describeMoment(moment)}`;
          const at = runToMoment(stepper, moment, sim.scenario.durationMs);
          expect(
            at,
            `${where}, but that never happens after step ${index}'s pause at ${previous} ms`,
          ).not.toBeNull();
          expect(at!, where).toBeGreaterThanOrEqual(previous);
          previous = at!;
        });
      }
    }
  });
});
