import { expect, test } from './fixtures.ts';

/**
 * Error containment in the built course, through failures that really happen: a chunk that does not
 * arrive (a flaky network, or a deploy that replaced the hashed files under an open tab). No test-only
 * lesson or flag is involved.
 */

/** Takes the errors a test provoked on purpose out of the fixture's list; anything else still fails the test. */
function expectOnly(consoleErrors: string[], expected: RegExp[]) {
  const unexpected = consoleErrors.filter((error) => !expected.some((pattern) => pattern.test(error)));
  expect(unexpected).toEqual([]);
  expect(consoleErrors.length).toBeGreaterThan(0);
  consoleErrors.splice(0);
}

test('a simulation that fails is replaced by an inline message, and the rest of the lesson still works', async ({
  page,
  lessonPage,
  quiz,
  consoleErrors,
}) => {
  await page.route(/\/assets\/Simulation-[^/]+\.js$/, (route) => route.abort());
  await lessonPage.goto('introduction');

  // Lesson 1 has more than one simulation; each is replaced by its own message.
  const failure = page.getByRole('alert').filter({ hasText: 'This simulation could not be shown' }).first();
  await expect(failure).toContainText(/could not be shown: .+\. The rest of the lesson still works\.$/);
  await expect(page.getByRole('heading', { name: 'Why teams distribute' })).toBeVisible();
  await expect(page.locator('dfn#term-shard')).toHaveText('Shard');

  await quiz.submit(await quiz.answersFor('introduction', true));
  await expect(quiz.result).toContainText('You passed');

  expectOnly(consoleErrors, [
    /Failed to load resource/,
    /Simulation-[^/]+\.js/,
    /dynamically imported module/,
  ]);
});

test('a lesson that fails to load offers Try again, which loads it', async ({
  page,
  lessonPage,
  consoleErrors,
}) => {
  let blocked = true;
  await page.route(/\/assets\/01-introduction-[^/]+\.js$/, (route) =>
    blocked ? route.abort() : route.continue(),
  );
  await lessonPage.goto('introduction');

  const failure = page.getByRole('alert').filter({ hasText: 'This lesson couldn’t be loaded' });
  await expect(failure).toBeVisible();
  await expect(lessonPage.title).toHaveText('Why distribute a database?');

  blocked = false;
  await failure.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { name: 'Why teams distribute' })).toBeVisible();
  await expect(failure).toHaveCount(0);

  expectOnly(consoleErrors, [
    /Failed to load resource/,
    /01-introduction-[^/]+\.js/,
    /dynamically imported module/,
  ]);
});
