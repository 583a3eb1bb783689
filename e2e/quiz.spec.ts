import { expect, test } from './fixtures.ts';

test('failing the quiz keeps the next lesson locked, and names the sections to reread without the answers', async ({
  lessonPage,
  quiz,
  home,
  page,
}) => {
  await lessonPage.goto('introduction');
  await expect(quiz.region).toContainText('4 questions, drawn from 9');
  await expect(quiz.region).toContainText('Pass: 3 of 4 correct');
  await quiz.submit(await quiz.answersFor('introduction', (position) => position === 0));
  await expect(quiz.result).toContainText('You got 1 of 4 right. You need 3 to pass.');
  await expect(quiz.question(1)).toContainText('✓ Correct');
  await expect(quiz.question(2)).toContainText('✗ Not quite');
  await expect(quiz.question(2).getByRole('link')).toHaveAttribute('href', /^\/lessons\/introduction#.+/);
  await expect(quiz.region.locator('.choice__feedback, .question__explanation')).toHaveCount(0);

  await quiz.question(2).getByRole('link').click();
  const target = decodeURIComponent(new URL(page.url()).hash.slice(1));
  await expect(page.locator(`[id="${target}"]`)).toBeInViewport();

  await home.goto();
  await expect(home.lessonCard(/Replication/)).toContainText('Locked');
  await lessonPage.goto('replication');
  await expect(lessonPage.lockedHeading).toBeVisible();
  await expect(page.getByRole('main')).not.toContainText('Synchronous or asynchronous');
});

test('passing the quiz explains every answer, unlocks the next lesson, and a reload keeps the progress', async ({
  lessonPage,
  quiz,
  home,
  page,
}) => {
  await lessonPage.goto('introduction');
  await quiz.submit(await quiz.answersFor('introduction', true));
  await expect(quiz.result).toContainText('You got 4 of 4 right. You passed!');
  await expect(quiz.region.locator('.question__explanation')).toHaveCount(4);
  await quiz.result.getByRole('link', { name: 'Replication: leaders and followers' }).click();
  await expect(lessonPage.title).toHaveText('Replication: leaders and followers');

  await page.reload();
  await expect(lessonPage.title).toHaveText('Replication: leaders and followers');
  await home.goto();
  await expect(home.lessonCard('Why distribute a database?')).toContainText('✓ Passed Best score 4 of 4');
  await expect(home.lessonCard(/Replication/)).toContainText('Available');
  await expect(home.progressBar).toHaveAttribute('aria-valuenow', '1');
  await expect(
    page.getByRole('link', { name: 'Continue where you left off: Replication: leaders and followers' }),
  ).toBeVisible();
});

test('submitting with unanswered questions says which ones', async ({ lessonPage, quiz }) => {
  await lessonPage.goto('introduction');
  await quiz.answer((await quiz.answersFor('introduction', true)).slice(0, 1));
  await quiz.checkButton.click();
  await expect(quiz.region.getByRole('alert')).toHaveText(
    'Answer every question before checking. Still unanswered: question 2, question 3, question 4.',
  );
  await expect(quiz.question(2)).toContainText(
    /Choose an answer\.|Select at least one answer\.|Enter a number\./,
  );
  await expect(quiz.result).toBeEmpty();
});

test('a retake clears the answers, draws new questions and keeps every attempt', async ({
  lessonPage,
  quiz,
}) => {
  await lessonPage.goto('introduction');
  const firstDraw = await quiz.askedKeys();
  await quiz.submit(await quiz.answersFor('introduction', false));
  expect(await quiz.askedKeys()).toEqual(firstDraw);

  await quiz.retryButton.click();
  await expect(quiz.region.locator('.question__verdict')).toHaveCount(0);
  await expect(quiz.region.locator('input:checked')).toHaveCount(0);
  const secondDraw = await quiz.askedKeys();
  expect(secondDraw.filter((key) => firstDraw.includes(key)).length).toBeLessThanOrEqual(2);
  await quiz.submit(await quiz.answersFor('introduction', true));
  await expect(quiz.region).toContainText('Your best so far: 4 of 4 (passed) · 2 attempts');
  await quiz.region.getByText('Your attempts (2)').click();
  await expect(quiz.region.locator('.attempts li')).toHaveCount(2);
});

test('a quiz can be completed with the keyboard alone', async ({ lessonPage, quiz, page }) => {
  await lessonPage.goto('introduction');
  const answers = await quiz.answersFor('introduction', true);
  // Questions about a run wait for the student's run; running it is not part of answering.
  await quiz.runBoundSimulations();
  await quiz.generatedReady();
  await lessonPage.tableOfContents.getByRole('link', { name: 'Quiz' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#quiz$/);

  await quiz.answerWithKeyboard(answers);
  await page.keyboard.press('Enter');
  await expect(quiz.result).toContainText('You got 4 of 4 right. You passed!');
  await expect(quiz.retryButton).toBeFocused();
});
