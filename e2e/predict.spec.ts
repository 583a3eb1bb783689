/**
 * Predictions bound to an embed, in the production build: Play waits for a prediction, the outcome is
 * measured from the student's own run, "What you saw" stays folded until the run got there, and a quiz
 * answer about a run is marked against the run the student made.
 */
import type { Page } from '@playwright/test';
import { expect, rightAnswer, test } from './fixtures';
import { answerOf, writtenQuestion } from './quizSource.ts';

/** Runs a lesson embed forward to `time` through its store (window.__simulations with e2e=1), as dragging the timeline would. */
async function seekEmbed(page: Page, key: string, time: number) {
  await page.waitForFunction(
    (embedKey) => window.__simulations?.[embedKey]?.getState().status === 'ready',
    key,
  );
  await page.evaluate(([embedKey, to]) => window.__simulations![embedKey]!.getState().seek(to), [
    key,
    time,
  ] as const);
  await page.waitForFunction(
    ([embedKey, to]) => window.__simulations![embedKey]!.getState().frame?.horizon === to,
    [key, time] as const,
  );
}

test('lesson 2: Play waits for a prediction; the outcome comes from the run and is kept with progress', async ({
  page,
}) => {
  await page.goto('/lessons/replication?e2e=1&preview=instructor');
  const predict = page.locator('[data-predict="durability-lost-writes"]');
  await predict.scrollIntoViewIfNeeded();
  // The comparison right after the prediction (lesson 2 has two with these titles).
  const embed = predict.locator('xpath=following::div[@role="group"][contains(@class, "sim-compare")][1]');
  await embed.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => window.__simulations?.['durability-left']?.getState().status === 'ready');

  await embed.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(predict.getByRole('status')).toContainText('Commit a prediction');
  expect(await page.evaluate(() => window.__simulations!['durability-left']!.getState().wantsToPlay)).toBe(
    false,
  );

  await predict.getByRole('textbox', { name: 'Your prediction' }).fill('5');
  await predict.getByRole('button', { name: 'Commit my prediction' }).click();
  await expect(predict).toContainText('Your prediction: 5 writes.');
  const whatYouSaw = page.locator('[data-what-you-saw="durability"]');
  await expect(whatYouSaw).toContainText('Run the simulation to 10.00 s');

  await seekEmbed(page, 'durability-left', 10_000);
  await expect(predict).toContainText(/You predicted 5 writes; this run lost \d+ writes\. Not this time\./);
  const lost = Number(/this run lost (\d+) writes/.exec((await predict.textContent()) ?? '')![1]);
  expect(lost).toBeGreaterThan(10);
  await expect(predict.locator('.predict__explanation')).toContainText(`rolled them back: ${lost} writes`);
  await expect(whatYouSaw).toContainText(`In your run ${lost} writes are gone`);
  await page.screenshot({ path: '/tmp/predict-shots/lesson2-durability-1280.png', fullPage: false });

  await page.reload();
  await expect(page.locator('[data-predict="durability-lost-writes"]')).toContainText(
    'Your prediction: 5 writes.',
  );
});

test('lesson 2: after a new seed in the durability embed, the quiz marks the new run’s number right', async ({
  page,
  quiz,
}) => {
  test.setTimeout(180_000);
  await page.goto('/lessons/replication?e2e=1&preview=instructor');
  const question = writtenQuestion('replication', 'lost-acknowledged-writes');
  const seed = 4;
  // The answer for the reseeded run, measured in Node through the same measure the page reads.
  const lost = answerOf(question, { seed });
  expect(lost, 'the new seed must give another number than the default run').not.toBe(answerOf(question));

  // Draw attempts (failing the ones that do not ask it) until one asks about the durability run.
  for (let attempt = 1; !(await quiz.askedKeys()).includes(question.id); attempt += 1) {
    expect(attempt, 'no attempt in five asks about the durability run').toBeLessThan(5);
    await quiz.submit(await quiz.answersFor('replication', false));
    await quiz.retryButton.click();
  }

  const predict = page.locator('[data-predict="durability-lost-writes"]');
  await predict.scrollIntoViewIfNeeded();
  await predict.getByRole('button', { name: 'I’ll just watch' }).click();
  const embed = page.locator('.sim-compare:has([data-embed-key="durability-left"])');
  await embed.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => window.__simulations?.['durability-left']?.getState().status === 'ready');
  const seedField = embed.getByRole('spinbutton', { name: 'Seed' }).first();
  await seedField.fill(String(seed));
  await seedField.press('Enter');
  // The reseeded run is rebuilt in the worker; wait for its first frame.
  const durationMs = await (
    await page.waitForFunction((wanted) => {
      const state = window.__simulations!['durability-left']!.getState();
      return state.seed === wanted && state.status === 'ready' ? (state.frame?.durationMs ?? 0) : 0;
    }, seed)
  ).jsonValue();
  await seekEmbed(page, 'durability-left', durationMs);
  await expect(predict).toContainText(`This run lost ${lost} writes`);

  const asked = await quiz.askedKeys();
  await quiz.submit(
    asked.map((key) => (key === question.id ? lost : rightAnswer(writtenQuestion('replication', key)))),
  );
  const field = quiz.region.locator(`fieldset[data-question-key="${question.id}"]`);
  await expect(field.locator('.question__verdict')).toHaveText('✓ Correct');
  await expect(quiz.result).toContainText(`You got ${asked.length} of ${asked.length} right`);
});
