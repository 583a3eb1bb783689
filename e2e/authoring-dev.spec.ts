import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import { expect, test } from './fixtures.ts';

/**
 * Writing a lesson in the dev server (`npm start`), on a copy of a lesson in its own folder: text edits
 * update the open page in place, a frontmatter change reloads it, and a lesson that stops compiling shows
 * where and why in place of the lesson until the fix is saved. The folder sits in the project (not in
 * node_modules, which Vite does not watch) so the lesson's imports resolve.
 */

// A fresh clone's first dev-server visit pre-bundles dependencies, which takes a while on a 2-core machine.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const root = path.resolve(import.meta.dirname, '..');
let server: ViteDevServer;
let lessonsDir: string;
let lessonFile: string;
let original: string;
let lessonUrl: string;

test.beforeAll(async () => {
  lessonsDir = mkdtempSync(path.join(root, '.lessons-dev-test-'));
  lessonFile = path.join(lessonsDir, '02-replication.mdx');
  cpSync(path.join(root, 'lessons/02-replication.mdx'), lessonFile);
  original = readFileSync(lessonFile, 'utf8');
  const previous = process.env.COURSE_LESSONS_DIR;
  process.env.COURSE_LESSONS_DIR = lessonsDir;
  try {
    server = await createServer({
      root,
      configFile: path.join(root, 'vite.config.ts'),
      server: { host: '127.0.0.1', port: 0 },
      logLevel: 'silent',
    });
    await server.listen();
  } finally {
    if (previous === undefined) delete process.env.COURSE_LESSONS_DIR;
    else process.env.COURSE_LESSONS_DIR = previous;
  }
  lessonUrl = new URL('/lessons/replication', server.resolvedUrls!.local[0]).href;
});

test.afterAll(async () => {
  await server?.close();
  rmSync(lessonsDir, { recursive: true, force: true });
});

test.afterEach(() => writeFileSync(lessonFile, original));

// After a save the dev server recompiles the lesson; on a busy 2-core machine that takes seconds, not ms.
const afterSave = { timeout: 30_000 };

const edit = (from: string, to: string) => writeFileSync(lessonFile, original.replace(from, to));

test('editing a lesson updates the open page in place; changing its frontmatter reloads it', async ({
  page,
}) => {
  // Vite may reload the page once while it pre-bundles dependencies on the first visit: let that settle
  // before checking that an edit does not reload it.
  await page.goto(lessonUrl);
  await page.waitForLoadState('networkidle');
  await page.goto(lessonUrl);
  await expect(page.getByRole('heading', { name: 'Why keep copies' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => Object.assign(window, { notReloaded: true }));

  edit('## Why keep copies\n', '## Why keep copies\n\nA sentence added while the page was open.\n');
  await expect(page.getByText('A sentence added while the page was open.')).toBeVisible(afterSave);
  expect(await page.evaluate(() => 'notReloaded' in window)).toBe(true);

  edit("title: 'Replication: leaders and followers'", "title: 'Replication, renamed'");
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Replication, renamed', afterSave);
  expect(await page.evaluate(() => 'notReloaded' in window)).toBe(false);
});

test('a lesson that does not compile shows its file, line and message; saving a fix shows it again', async ({
  page,
  consoleErrors,
}) => {
  edit('## Why keep copies\n', '## Why keep copies\n\n<Callout kind="tip">\nNever closed.\n');
  await page.goto(lessonUrl);
  // Closed, as an author reading the page would; Vite would otherwise reload the page on the next update,
  // which hides whether the lesson page recovers by itself.
  await page.locator('vite-error-overlay').evaluate((overlay) => overlay.remove());

  const panel = page.getByRole('alert').filter({ hasText: 'This lesson could not be compiled' });
  await expect(panel).toContainText(/02-replication\.mdx:\d+:1/, afterSave);
  await expect(panel).toContainText('Expected a closing tag for `<Callout>`');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Replication: leaders and followers');

  writeFileSync(lessonFile, original);
  await expect(page.getByRole('heading', { name: 'Why keep copies' })).toBeVisible(afterSave);
  await expect(panel).toHaveCount(0);

  const unexpected = consoleErrors.filter(
    (error) => !/Failed to load resource|02-replication\.mdx|dynamically imported module/.test(error),
  );
  expect(unexpected).toEqual([]);
  consoleErrors.splice(0);
});
