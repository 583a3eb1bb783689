/**
 * Generated questions: drawn with fresh parameters on every attempt, graded with the answer the engine
 * computes for those parameters (in the page's worker; the test computes its own in Node).
 */
import { expect, test } from './fixtures.ts';
import { generatedQuestion } from './quizSource.ts';

test('a generated question renders, is graded right with the engine’s answer, and a retake draws new parameters', async ({
  page,
  quiz,
}) => {
  test.setTimeout(180_000);
  const lessonId = 'consistency-and-cap';
  await page.goto(`/lessons/${lessonId}?preview=instructor`);
  await expect(quiz.question(1)).toBeVisible({ timeout: 30_000 });
  const promptsByTemplate = new Map<string, string[]>();
  let graded = 0;
  for (let attempt = 1; attempt <= 20 && graded < 2; attempt += 1) {
    if (attempt > 1) await quiz.retryButton.click();
    const field = quiz.region.locator('fieldset[data-template]').first();
    await expect(quiz.question(1)).toBeVisible();
    if ((await field.count()) === 0) {
      // No generated question this time: fail the attempt quickly and draw again.
      await quiz.submit(await quiz.answersFor(lessonId, false));
      continue;
    }
    const template = (await field.getAttribute('data-template'))!;
    const key = (await field.getAttribute('data-question-key'))!;
    const expected = await generatedQuestion(
      lessonId,
      key,
      template,
      (await field.getAttribute('data-variant-seed'))!,
    );
    await expect(field.locator('.question__prompt')).toHaveText(expected.prompt);
    await expect(field).toContainText('the answer comes from running the simulation');
    await quiz.submit(await quiz.answersFor(lessonId, (position) => position % 2 === 0));
    const asked = await quiz.askedKeys();
    await expect(field.locator('.question__verdict')).toHaveText(
      asked.indexOf(key) % 2 === 0 ? '✓ Correct' : '✗ Not quite',
    );
    promptsByTemplate.set(template, [...(promptsByTemplate.get(template) ?? []), expected.prompt]);
    graded += 1;
  }
  expect(graded, 'attempts that asked a generated question').toBe(2);
  // Two attempts asked generated questions; when they share a template, its parameters differ.
  for (const prompts of promptsByTemplate.values()) expect(new Set(prompts).size).toBe(prompts.length);
});
