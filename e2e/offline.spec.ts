/**
 * Offline use: after one visit, the service worker has precached the course, so with the network gone every
 * lesson still opens and a simulation still runs (its worker included). The app is installable: it links a web
 * app manifest with icons.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { Embed, justWatch } from './embed';
import { course, expect, test } from './fixtures';

test.use({ serviceWorkers: 'allow' });

/** The first visit: the service worker installs, and after a reload it controls the page. */
async function visitUntilControlled(page: Page): Promise<void> {
  await page.goto('/');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

test('after one visit, every lesson opens and a simulation runs with no network', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await visitUntilControlled(page);

  await context.setOffline(true);
  for (const lesson of course) {
    // Instructor preview unlocks every lesson, so each lesson's own chunk has to load from the cache.
    await page.goto(`/lessons/${lesson.id}?preview=instructor`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson.title);
    // The quiz is part of the lesson's own chunk, so seeing it proves the chunk came from the cache.
    if (lesson.hasQuiz) await expect(page.getByRole('region', { name: 'Quiz' })).toBeVisible();
    await expect(page.locator('main [role="alert"]')).toHaveCount(0);
  }

  await page.goto('/lessons/introduction?e2e=1');
  const embed = new Embed(
    page,
    'three-servers-one-crash',
    'Three servers, 40 busy clients, s1 crashes at 5 s',
  );
  await embed.root.scrollIntoViewIfNeeded();
  await embed.waitUntilReady();
  await justWatch(page, 'crash-failed-share');
  await embed.button('Play').click();
  await embed.waitForTime(500);
  await expect(embed.root.locator('.sim-time__now')).not.toHaveText('0 ms');
});

test('the course is installable: a web app manifest with a name, start URL and 192 and 512 px icons', async ({
  page,
  request,
}) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifest = (await (await request.get(new URL(href!, page.url()).toString())).json()) as {
    name: string;
    start_url: string;
    display: string;
    icons: { src: string; sizes: string }[];
  };
  expect(manifest).toMatchObject({ name: 'Distributed Databases, Live', display: 'standalone' });
  expect(manifest.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of manifest.icons) {
    const response = await request.get(new URL(icon.src, new URL(href!, page.url())).toString());
    expect(response.headers()['content-type']).toBe('image/png');
  }
});

test('a new deployment shows "A new version is available", and Reload switches to it', async ({ page }) => {
  test.setTimeout(120_000);
  await visitUntilControlled(page);
  await expect(page.getByText('A new version of the course is available.')).toHaveCount(0);

  // A redeploy: the service worker script on the server changes (same length, so the static server's
  // cached file size still fits), and the open page checks for an update as browsers do on navigation.
  const swFile = path.join(import.meta.dirname, '..', 'dist-e2e', 'sw.js');
  const deployed = readFileSync(swFile, 'utf8');
  const revision = /revision:"([0-9a-f])/.exec(deployed)!;
  const flipped = revision[1] === '0' ? '1' : '0';
  writeFileSync(swFile, deployed.replace(revision[0], `revision:"${flipped}`));
  try {
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
    const notice = page.getByRole('status').filter({ hasText: 'A new version of the course is available.' });
    await expect(notice).toBeVisible({ timeout: 30_000 });
    const before = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);

    await notice.getByRole('button', { name: 'Reload' }).click();
    await page.waitForLoadState('load');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(notice).toHaveCount(0);
    await expect
      .poll(() =>
        page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null),
      )
      .toBeNull();
    expect(before).toContain('sw.js');
  } finally {
    writeFileSync(swFile, deployed);
  }
});
