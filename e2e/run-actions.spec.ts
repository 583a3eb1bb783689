import { expect, test } from './fixtures.ts';
import { answerOf, writtenQuestion } from './quizSource.ts';

test('lesson 7: the Tokyo write question asks for the student’s own write first, then is marked right with that write’s latency', async ({
  page,
  quiz,
}) => {
  test.setTimeout(180_000);
  await page.goto('/lessons/real-world-design?preview=instructor');
  const question = writtenQuestion('real-world-design', 'tokyo-write-latency');
  expect(question.run?.actions).toEqual([{ send: 'write', to: 'ap-northeast' }]);

  // Draw attempts (failing the ones that do not ask it) until one asks about the student's Tokyo write.
  for (let attempt = 1; !(await quiz.askedKeys()).includes(question.id); attempt += 1) {
    expect(attempt, 'no attempt in ten asks about the Tokyo write').toBeLessThan(10);
    await quiz.submit(await quiz.answersFor('real-world-design', false));
    await quiz.retryButton.click();
  }
  const field = quiz.region.locator(`fieldset[data-question-key="${question.id}"]`);
  const notice = field.locator('.question__run');
  await expect(notice).toContainText(
    'First, in the simulation’s Send a request panel, send a write to ap-northeast, and play the run to its end',
  );
  // Checking now does not grade it: the question waits for the write.
  await field.getByRole('spinbutton').fill('150');
  await quiz.checkButton.click();
  await expect(quiz.result).not.toContainText('You got');

  // The helper sends the write at a known time with the client panel; Node replays that run for the key.
  await quiz.submit(await quiz.answersFor('real-world-design', true));
  const latencyMs = answerOf(question);
  expect(latencyMs).toBeGreaterThanOrEqual(145);
  expect(latencyMs).toBeLessThanOrEqual(190);
  await expect(page.getByRole('form', { name: 'Send a request' }).first()).toContainText(
    `ok in ${latencyMs} ms`,
  );
  await expect(field.locator('.question__verdict')).toHaveText('✓ Correct');
  await expect(field).toContainText('This question is about your own run of that simulation');
  const asked = (await quiz.askedKeys()).length;
  await expect(quiz.result).toContainText(`You got ${asked} of ${asked} right`);
});
