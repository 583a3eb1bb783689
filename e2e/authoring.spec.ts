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
  consoleErrors,
}) => {
  await page.route(/\/assets\/Simulation-[^/]+\.js$/, (route) => route.abort());
  await lessonPage.goto('introduction');

  // Lesson 1 has more than one simulation; each is replaced by its own message.
  const failure = page.getByRole('alert').filter({ hasText: 'This simulation could not be shown' }).first();
  await expect(failure).toContainText(/could not be shown: .+\. The rest of the lesson still works\.$/);
  await expect(page.getByRole('heading', { name: 'Why teams distribute' })).toBeVisible();
  await expect(page.locator('dfn#term-shard')).toHaveText('Shard');

  // The quiz still loads and takes answers; questions about a run say they need it (they cannot be marked
  // without the simulation), so passing is not asked of this page.
  await expect(page.getByRole('region', { name: 'Quiz' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Quiz' }).getByRole('group').first()).toBeVisible();

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

test('a lesson chunk gone after a redeploy (the host answers with its page) offers a reload, not a retry', async ({
  page,
  lessonPage,
  consoleErrors,
}) => {
  // The host answers the missing chunk with the course's page, as single-page-app hosts do, and its
  // index.html now names a new entry script.
  await page.route(/\/assets\/01-introduction-[^/]+\.js$/, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Course</title>' }),
  );
  await page.route(/\/index\.html$/, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: '<!doctype html><script type="module" src="/assets/main-NEWBUILD.js"></script>',
    }),
  );
  await lessonPage.goto('introduction');
  const failure = page.getByRole('alert').filter({ hasText: 'This lesson couldn’t be loaded' });
  await expect(failure).toContainText('the course has been updated since you opened this page');
  await expect(failure.getByRole('button', { name: 'Reload' })).toBeVisible();
  await expect(failure.getByRole('button', { name: 'Try again' })).toHaveCount(0);

  expectOnly(consoleErrors, [/MIME type/, /01-introduction-[^/]+\.js/, /dynamically imported module/]);
});

test('a blocked simulation worker script says so and offers Try again, which starts it', async ({
  page,
  lessonPage,
}) => {
  let blocked = true;
  await page.route(/\/assets\/simulation\.worker-[^/]+\.js$/, (route) =>
    blocked ? route.abort() : route.continue(),
  );
  await lessonPage.goto('introduction');
  const embed = page.locator('section.sim').first();
  await embed.scrollIntoViewIfNeeded();
  const failure = embed.getByRole('alert').filter({ hasText: 'This simulation could not run' });
  await expect(failure).toContainText('could not load the simulation’s worker script');
  await expect(failure).not.toContainText('crashed');

  blocked = false;
  await failure.getByRole('button', { name: 'Try again' }).click();
  await expect(failure).toHaveCount(0);
  await expect(embed.getByRole('slider', { name: 'Timeline' })).toBeVisible();
});
