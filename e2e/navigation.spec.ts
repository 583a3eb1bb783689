import { course, expect, quizLessons, test } from './fixtures.ts';

test('the home page lists the lessons in order with their status and the course progress', async ({
  home,
  page,
}) => {
  await home.goto();
  await expect(page).toHaveTitle('Distributed Databases, Live');
  await expect(page.locator('.lesson-card h3')).toHaveText(course.map((lesson) => lesson.title));
  await expect(home.lessonCard('Why distribute a database?')).toContainText('Available');
  await expect(home.lessonCard(/Replication/)).toContainText('Locked');
  await expect(home.lessonCard(/Replication/).getByRole('link')).toHaveCount(0);
  await expect(home.progressBar).toHaveAttribute('aria-valuenow', '0');
  await expect(home.progressBar).toHaveAttribute(
    'aria-valuetext',
    `0 of ${quizLessons.length} quizzes passed`,
  );

  await page.getByRole('link', { name: /^Start the course/ }).click();
  await expect(page).toHaveURL(/\/lessons\/introduction$/);
});

test('a lesson shows its objectives, time, contents, quiz rule and neighbours', async ({
  lessonPage,
  quiz,
  page,
}) => {
  await lessonPage.goto('introduction');
  await expect(lessonPage.title).toHaveText('Why distribute a database?');
  await expect(page).toHaveTitle(/^Why distribute a database\?/);
  await expect(
    page.getByText(`Lesson 1 of ${course.length} · about ${course[0]!.minutes} minutes`),
  ).toBeVisible();
  await expect(lessonPage.objectives.getByRole('listitem')).toHaveCount(course[0]!.objectives.length);
  await expect(page.getByRole('region', { name: /^Simulation: / }).first()).toBeVisible();
  await expect(quiz.region).toContainText('Pass: 3 of 4 correct');

  const toc = lessonPage.tableOfContents;
  await expect(toc.getByRole('link').first()).toHaveText('One database, many machines');
  await toc.getByRole('link', { name: 'Four words you will use in every lesson' }).click();
  await expect(page).toHaveURL(/#four-words-you-will-use-in-every-lesson$/);
  await expect(
    page.getByRole('heading', { name: 'Four words you will use in every lesson' }),
  ).toBeInViewport();
  await expect(page.locator('dfn#term-shard')).toHaveText('Shard');

  await expect(
    lessonPage.pager.getByRole('link', { name: /Next \(locked until you pass this quiz\)/ }),
  ).toBeVisible();
});

test('a locked lesson shows which quiz to pass, never its content', async ({ lessonPage, page }) => {
  const lessonChunks: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('02-replication')) lessonChunks.push(request.url());
  });
  await lessonPage.goto('replication');
  await expect(lessonPage.lockedHeading).toHaveText('“Replication: leaders and followers” isn’t open yet');
  await expect(page.getByText('Leaders and followers', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Quiz' })).toHaveCount(0);
  expect(lessonChunks).toEqual([]);

  await page.getByRole('main').getByRole('link', { name: 'Why distribute a database?' }).click();
  await expect(lessonPage.title).toHaveText('Why distribute a database?');
});

test('unknown addresses and lesson ids get a 404 page with a way home', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await page.goto('/lessons/no-such-lesson');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByText('There is no lesson called “no-such-lesson”.')).toBeVisible();
  await page.getByRole('link', { name: 'Go to the list of lessons' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Distributed Databases, Live');
});

test('pages are served with a strict Content-Security-Policy', async ({ page }) => {
  for (const path of ['/', '/lessons/introduction']) {
    const response = await page.goto(path);
    const policy = response?.headers()['content-security-policy'] ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain('unsafe');
  }
});

test('every page loads without console errors or CSP violations', async ({ page, consoleErrors }) => {
  for (const path of ['/', '/lessons/introduction', '/lessons/replication', '/certificate', '/missing']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  await page.goto('/lessons/introduction');
  // The embed must start its worker and draw a running cluster under the strict CSP.
  const simulation = page.getByRole('region', { name: /^Simulation: / }).first();
  await simulation.scrollIntoViewIfNeeded();
  // Lessons may ask the student to press Play themselves (autoplay off).
  const transport = simulation.getByRole('button', { name: /^(Play|Pause)$/ });
  await expect(transport).toBeVisible();
  if ((await transport.textContent())?.includes('Play')) await transport.click();
  await expect(simulation.getByRole('button', { name: /pause/i })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
