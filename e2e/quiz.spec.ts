import { answers, expect, test } from './fixtures.ts';

test('failing the quiz keeps the next lesson locked', async ({ lessonPage, quiz, home, page }) => {
  await lessonPage.goto('introduction');
  await quiz.submit(answers.introduction.oneRight);
  await expect(quiz.result).toContainText('You got 1 of 4 right. You need 3 to pass.');
  await expect(quiz.question(1)).toContainText('✗ Not quite');
  await expect(quiz.question(1)).toContainText('That is a node.');
  await expect(quiz.question(3)).toContainText('✓ Correct');
  await expect(quiz.question(3)).toContainText('lb marked it unhealthy at 5.3 s');

  await home.goto();
  await expect(home.lessonCard(/Replication/)).toContainText('Locked');
  await lessonPage.goto('replication');
  await expect(lessonPage.lockedHeading).toBeVisible();
  await expect(page.getByRole('main')).not.toContainText('Synchronous or asynchronous');
});

test('passing the quiz unlocks the next lesson, and a reload keeps the progress', async ({
  lessonPage,
  quiz,
  home,
  page,
}) => {
  await lessonPage.goto('introduction');
  await quiz.submit(answers.introduction.right);
  await expect(quiz.result).toContainText('You got 4 of 4 right. You passed!');
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
  await quiz.answer([answers.introduction.right[0]!]);
  await quiz.checkButton.click();
  await expect(quiz.region.getByRole('alert')).toHaveText(
    'Answer every question before checking. Still unanswered: question 2, question 3, question 4.',
  );
  await expect(quiz.question(2)).toContainText('Select at least one answer.');
  await expect(quiz.question(3)).toContainText('Enter a number.');
  await expect(quiz.result).toBeEmpty();
});

test('a retake clears the answers, reshuffles the choices and keeps every attempt', async ({
  lessonPage,
  quiz,
}) => {
  await lessonPage.goto('introduction');
  await expect(quiz.region).toBeVisible();
  const choiceOrder = () => quiz.region.locator('.choice label').allTextContents();
  const firstOrder = await choiceOrder();
  await quiz.submit(answers.introduction.oneRight);
  expect(await choiceOrder()).toEqual(firstOrder);

  await quiz.retryButton.click();
  await expect(quiz.question(3).getByRole('spinbutton')).toHaveValue('');
  expect(await choiceOrder()).not.toEqual(firstOrder);
  await quiz.submit(answers.introduction.right);
  await expect(quiz.region).toContainText('Your best so far: 4 of 4 (passed) · 2 attempts');
  await quiz.region.getByText('Your attempts (2)').click();
  await expect(quiz.region.locator('.attempts li')).toHaveCount(2);
});

test('a quiz can be completed with the keyboard alone', async ({ lessonPage, quiz, page }) => {
  await lessonPage.goto('introduction');
  await lessonPage.tableOfContents.getByRole('link', { name: 'Quiz' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#quiz$/);

  await quiz.answerWithKeyboard(answers.introduction.right);
  await page.keyboard.press('Enter');
  await expect(quiz.result).toContainText('You got 4 of 4 right. You passed!');
  await expect(quiz.retryButton).toBeFocused();
});
