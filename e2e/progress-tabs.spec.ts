/**
 * Two tabs of the course at once: each saves without erasing the other's progress, every attempt from
 * both is kept, and each tab sees the other's changes without a reload.
 */
import { expect, HomePage, progressStorageKey, Quiz, quizLessons, test } from './fixtures.ts';

test('quizzes passed in two tabs in interleaved order keep every attempt, in both tabs and after a reload', async ({
  context,
  page,
}) => {
  const tabA = page;
  const tabB = await context.newPage();
  const homeA = new HomePage(tabA);
  const homeB = new HomePage(tabB);
  const quizA = new Quiz(tabA);
  const quizB = new Quiz(tabB);
  await homeB.goto();
  await homeA.goto();

  // A fails lesson 1's quiz, while B sits on the home page it opened before.
  await tabA.goto('/lessons/introduction');
  await quizA.submit(await quizA.answersFor('introduction', (position) => position === 0));
  await expect(quizA.result).not.toContainText('You passed!');

  // B starts the course (this used to save B's empty progress over A's), and passes lesson 1.
  await tabB.getByRole('link', { name: /Start the course|Continue where you left off/ }).click();
  await quizB.submit(await quizB.answersFor('introduction', true));
  await expect(quizB.result).toContainText('You passed!');

  // A, without reloading, sees lesson 2 open, tries lesson 1 again and passes it, then passes lesson 2.
  await quizA.retryButton.click();
  await quizA.submit(await quizA.answersFor('introduction', true));
  await tabA.getByRole('navigation', { name: 'Lessons' }).getByRole('link', { name: /Next/ }).click();
  await quizA.submit(await quizA.answersFor('replication', true));
  await expect(quizA.result).toContainText('You passed!');

  // B, without reloading, sees lesson 2 passed in A.
  await tabB
    .getByRole('link', { name: /Distributed Databases, Live|Home/ })
    .first()
    .click();
  await expect(homeB.progressBar).toHaveAttribute(
    'aria-valuetext',
    `2 of ${quizLessons.length} quizzes passed`,
  );

  for (const tab of [tabA, tabB]) {
    await tab.reload();
    const saved = await tab.evaluate(
      (key) => JSON.parse(localStorage.getItem(key) ?? 'null'),
      progressStorageKey,
    );
    const attempts = (id: string) =>
      (saved.state.lessons[id]?.attempts ?? []).map((attempt: { passed: boolean }) => attempt.passed);
    expect(attempts('introduction')).toEqual([false, true, true]);
    expect(attempts('replication')).toEqual([true]);
  }
  await homeA.goto();
  await expect(homeA.progressBar).toHaveAttribute(
    'aria-valuetext',
    `2 of ${quizLessons.length} quizzes passed`,
  );
});
