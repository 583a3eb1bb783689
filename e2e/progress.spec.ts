import { readFile, writeFile } from 'node:fs/promises';
import { expect, passedAttempt, progressStorageKey, quizLessons, savedProgress, test } from './fixtures.ts';

test('unreadable saved progress starts fresh, says so, and keeps a copy', async ({ home, page }) => {
  await home.seedStorage('{"version": 2, "state": {broken');
  const notice = page.getByRole('alert').filter({ hasText: 'Your saved progress couldn’t be read' });
  await expect(notice).toContainText('it is not valid JSON');
  await expect(notice).toContainText(`${progressStorageKey}:unreadable:`);
  await expect(home.lessonCard('Why distribute a database?')).toContainText('Available');

  const backups = await page.evaluate(
    (key) =>
      Object.keys(localStorage)
        .filter((name) => name.startsWith(`${key}:unreadable:`))
        .map((name) => localStorage.getItem(name)),
    progressStorageKey,
  );
  expect(backups).toEqual(['{"version": 2, "state": {broken']);

  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
});

test('blocked storage keeps the course working and warns that progress won’t be saved', async ({
  page,
  lessonPage,
  quiz,
}) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await lessonPage.goto('introduction');
  await quiz.submit(await quiz.answersFor('introduction', true));
  await expect(page.getByRole('alert').filter({ hasText: 'Your progress won’t be saved' })).toBeVisible();
  await expect(quiz.result).toContainText('You passed!');
});

test('progress exports to a file and imports back', async ({ home, page }, testInfo) => {
  await home.seedStorage(savedProgress({ introduction: { attempts: [passedAttempt()] } }));
  await expect(home.lessonCard('Why distribute a database?')).toContainText('Passed');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export progress' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^ddb-course-progress-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = testInfo.outputPath('progress.json');
  await download.saveAs(exported);
  expect(JSON.parse(await readFile(exported, 'utf8'))).toMatchObject({
    format: 'ddb-course-progress',
    state: { lessons: { introduction: { attempts: [passedAttempt()] } } },
  });

  await page.getByRole('button', { name: 'Reset progress…' }).click();
  await page
    .getByRole('dialog', { name: 'Reset all progress?' })
    .getByRole('button', { name: 'Reset progress' })
    .click();
  await expect(home.lessonCard('Why distribute a database?')).toContainText('Available');

  await page.getByLabel('Import progress…').setInputFiles(exported);
  await expect(page.getByText('Imported your progress from “progress.json”.')).toBeVisible();
  await expect(home.lessonCard('Why distribute a database?')).toContainText('✓ Passed Best score 3 of 3');
});

test('importing an invalid file explains what is wrong and changes nothing', async ({
  home,
  page,
}, testInfo) => {
  await home.seedStorage(savedProgress({ introduction: { attempts: [passedAttempt()] } }));
  const bad = testInfo.outputPath('bad.json');
  const attempt = { ...passedAttempt(), correct: 'three' };
  await writeFile(
    bad,
    JSON.stringify({
      format: 'ddb-course-progress',
      version: 2,
      state: {
        lessons: { introduction: { attempts: [attempt] } },
        lastVisitedLessonId: null,
        studentName: '',
      },
    }),
  );

  await page.getByLabel('Import progress…').setInputFiles(bad);
  await expect(page.getByRole('alert')).toHaveText(
    'Couldn’t import “bad.json”: "state.lessons.introduction.attempts[0].correct": expected a whole number. Your current progress has not been changed. Choose a file saved with “Export progress”.',
  );
  await expect(home.lessonCard('Why distribute a database?')).toContainText('Passed');
});

test('reset asks for confirmation first', async ({ home, page }) => {
  await home.seedStorage(savedProgress({ introduction: { attempts: [passedAttempt()] } }));
  const dialog = page.getByRole('dialog', { name: 'Reset all progress?' });

  await page.getByRole('button', { name: 'Reset progress…' }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Reset progress…' }).click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(home.lessonCard('Why distribute a database?')).toContainText('Passed');

  await page.getByRole('button', { name: 'Reset progress…' }).click();
  await dialog.getByRole('button', { name: 'Reset progress' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Your progress has been reset.')).toBeVisible();
  await expect(home.lessonCard('Why distribute a database?')).toContainText('Available');
  await expect(home.lessonCard(/Replication/)).toContainText('Locked');
});

test('the certificate lists what remains until every quiz is passed, then can be printed', async ({
  home,
  page,
}) => {
  await home.seedStorage(savedProgress({ introduction: { attempts: [passedAttempt()] } }));
  await page.getByRole('link', { name: 'Certificate', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your certificate isn’t ready yet');
  await expect(page.getByRole('main').getByRole('listitem')).toHaveText(
    quizLessons.slice(1).map((lesson) => lesson.title),
  );

  // Every quiz passed, the last of them (replication, with 2 of 3) on 3 February.
  await home.seedStorage(
    savedProgress({
      ...Object.fromEntries(
        quizLessons.map((lesson) => [
          lesson.id,
          { attempts: [passedAttempt(3, '2025-02-01T10:00:00.000Z')] },
        ]),
      ),
      replication: { attempts: [{ ...passedAttempt(3, '2025-02-03T10:00:00.000Z'), correct: 2 }] },
    }),
  );
  await page.goto('/certificate');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your certificate');
  const certificate = page.getByRole('group', { name: 'Certificate of completion' });
  await expect(certificate.getByRole('row')).toHaveText([
    'LessonScore',
    ...quizLessons.map((lesson) => `${lesson.title}${lesson.id === 'replication' ? '2 of 3' : '3 of 3'}`),
  ]);
  await expect(certificate.locator('time')).toHaveAttribute('datetime', '2025-02-03T10:00:00.000Z');

  await page.getByRole('button', { name: 'Print certificate' }).click();
  await expect(page.getByText('Type your name before printing')).toBeVisible();
  await expect(page.getByLabel('Your name')).toBeFocused();
  await page.getByLabel('Your name').fill('Ada Lovelace');
  await expect(certificate).toContainText('Ada Lovelace');

  await page.reload();
  await expect(page.getByLabel('Your name')).toHaveValue('Ada Lovelace');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print certificate' })).toBeHidden();
  await expect(certificate).toBeVisible();
});

test('unreadable progress too big to copy: saving waits, then “download the unreadable data and start fresh” saves again', async ({
  home,
  page,
}) => {
  // The copy does not fit in storage, as with a 3 MB corrupt value near the quota.
  await page.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      if (key.includes(':unreadable:'))
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      setItem.call(this, key, value);
    };
  });
  const corrupt = `{"version": 2, "state": {${'x'.repeat(2000)}`;
  await home.seedStorage(corrupt);
  const notice = page.getByRole('alert').filter({ hasText: 'Your saved progress couldn’t be read' });
  await expect(notice).toContainText('there is no room to keep a copy');
  expect(await page.evaluate((key) => localStorage.getItem(key), progressStorageKey)).toBe(corrupt);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    notice.getByRole('button', { name: 'Download the unreadable data and start fresh' }).click(),
  ]);
  expect(await readFile(await download.path(), 'utf8')).toBe(corrupt);
  await expect(notice).toHaveCount(0);
  await page.reload();
  await expect(home.lessonCard('Why distribute a database?')).toContainText('Available');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(
    JSON.parse((await page.evaluate((key) => localStorage.getItem(key), progressStorageKey))!),
  ).toMatchObject({
    version: 2,
  });
});

test('progress from a newer version of the course is left untouched and says so', async ({ home, page }) => {
  const newer = '{"version":3,"state":{"lessons":{}}}';
  await home.seedStorage(newer);
  await expect(
    page.getByRole('alert').filter({ hasText: 'Your saved progress is from a newer version of the course' }),
  ).toContainText('kept untouched');
  await page.getByRole('button', { name: 'Reset progress…' }).click();
  await page
    .getByRole('dialog', { name: 'Reset all progress?' })
    .getByRole('button', { name: 'Reset progress' })
    .click();
  await page.reload();
  expect(await page.evaluate((key) => localStorage.getItem(key), progressStorageKey)).toBe(newer);
});

test('an import that cannot be saved does not say “Imported”', async ({ home, page }, testInfo) => {
  await home.goto();
  await page.evaluate(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  const file = testInfo.outputPath('progress.json');
  await writeFile(
    file,
    JSON.stringify({
      format: 'ddb-course-progress',
      version: 2,
      state: {
        lessons: { introduction: { attempts: [passedAttempt()] } },
        lastVisitedLessonId: null,
        studentName: '',
      },
    }),
  );
  await page.getByLabel('Import progress…').setInputFiles(file);
  await expect(page.getByRole('alert').filter({ hasText: 'is shown for this visit only' })).toBeVisible();
  await expect(page.getByText('Imported your progress')).toHaveCount(0);
});

test('the certificate recomputes passes and isolates the name’s direction', async ({ home, page }) => {
  const allPassed = Object.fromEntries(
    quizLessons.map((lesson) => [lesson.id, { attempts: [passedAttempt()] }]),
  );
  // A forged record: passed at 0 of 3.
  const forged = { ...allPassed, [quizLessons[0]!.id]: { attempts: [{ ...passedAttempt(), correct: 0 }] } };
  await home.seedStorage(savedProgress(forged, 'Mallory'));
  await page.goto('/certificate');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your certificate isn’t ready yet');

  await home.seedStorage(savedProgress(allPassed, `\u202Eevil${'x'.repeat(10_000)}`));
  await page.goto('/certificate');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your certificate');
  const name = page.locator('.certificate__name bdi');
  expect((await name.textContent())!.length).toBe(80);
  await expect(page.getByLabel('Your name')).toHaveAttribute('dir', 'auto');
});
