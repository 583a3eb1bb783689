/**
 * Predictions bound to an embed, in the production build: Play waits for a prediction, the outcome is
 * measured from the student's own run, "What you saw" stays folded until the run got there, and a quiz
 * answer about a run is marked against the run the student made.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

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
  await expect(whatYouSaw).toContainText(`rolled back the ${lost} writes it had confirmed`);
  await page.screenshot({ path: '/tmp/predict-shots/lesson2-durability-1280.png', fullPage: false });

  await page.reload();
  await expect(page.locator('[data-predict="durability-lost-writes"]')).toContainText(
    'Your prediction: 5 writes.',
  );
});
