/**
 * Share links on a lesson page: a link carries only its embed's state (no instructor preview, no test
 * hooks, no unrelated anchor), lives in the fragment so no host's limit on request lines can refuse it,
 * opens scrolled to its embed with a banner saying what it replays, and offers the way back.
 */
import type { Action } from '../src/engine/core/schema';
import { shareParam, shareUrl } from '../src/sim/shareLink';
import { justWatch } from './embed';
import { expect, test } from './fixtures';

const embedTitle = 'Three servers, 40 busy clients, s1 crashes at 5 s';
const embedKey = 'three-servers-one-crash';

/** Hosts such as nginx and many CDNs refuse request lines longer than about 8 KB. */
const maxRequestLineChars = 8_192;

test('a share link made in instructor preview carries only the embed’s run, and opens at the embed', async ({
  page,
  context,
}) => {
  await page.goto('/lessons/introduction?preview=instructor&e2e=1#why-one-server-is-not-enough');
  const embed = page.getByRole('region', { name: `Simulation: ${embedTitle}` });
  await embed.scrollIntoViewIfNeeded();
  // The lesson asks for a prediction before Play; this test just watches.
  await justWatch(page, 'crash-failed-share');
  await embed.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForFunction(
    (key) => (window.__simulations?.[key]?.getState().frame?.now ?? 0) > 300,
    embedKey,
  );
  await embed.getByRole('button', { name: /^s2,/ }).click();
  await page.getByRole('menuitem', { name: 'Crash s2' }).click();
  await page.waitForFunction(
    (key) => window.__simulations?.[key]?.getState().frame?.commands.length === 1,
    embedKey,
  );
  await embed.getByRole('button', { name: 'Share link' }).click();
  const linkField = page.getByRole('textbox', { name: 'Link' });
  await expect(linkField).toHaveValue(/#sim-/);
  const link = await linkField.inputValue();
  const url = new URL(link);
  expect(url.search, 'no preview, e2e or other parameter').toBe('');
  expect([...new URLSearchParams(url.hash.slice(1)).keys()]).toEqual([shareParam(embedKey)]);

  const other = await context.newPage();
  await other.goto(link);
  const replay = other.getByRole('region', { name: `Simulation: ${embedTitle}` });
  await expect(replay.getByText(/^Replaying a shared run/)).toHaveText(
    /Replaying a shared run: seed \d+, 1 action\./,
  );
  await expect(replay).toBeInViewport();
  // The link did not carry the instructor preview: later lessons stay locked for the recipient.
  await other.goto('/lessons/replication');
  await expect(other.getByRole('heading', { level: 1, name: /isn’t open yet/ })).toBeVisible();
});

test('a share link with 500 actions opens on a host that refuses request lines over 8 KB', async ({
  page,
}) => {
  await page.route('**/*', (route) => {
    const { pathname, search } = new URL(route.request().url());
    const requestLine = `GET ${pathname}${search} HTTP/1.1`;
    return requestLine.length > maxRequestLineChars
      ? route.fulfill({ status: 431, body: 'Request Header Fields Too Large' })
      : route.continue();
  });
  const commands: Action[] = Array.from({ length: 500 }, (_, i): Action => {
    const node = `s${(i % 3) + 1}`;
    return i % 2 === 0 ? { at: 20 + i * 20, crash: node } : { at: 20 + i * 20, restart: node };
  });
  const link = await shareUrl('http://host.test/lessons/introduction', embedKey, {
    scenario: 'intro/cluster',
    seed: 7,
    commands,
  });
  await page.goto(new URL(link).pathname + new URL(link).hash);
  const embed = page.getByRole('region', { name: `Simulation: ${embedTitle}` });
  await expect(embed.getByText(/^Replaying a shared run/)).toHaveText(
    'Replaying a shared run: seed 7, 500 actions.',
  );
  await expect(embed).toBeInViewport();
  await expect(embed.getByRole('alert')).toHaveCount(0);

  await embed.getByRole('button', { name: 'Show the default run' }).click();
  await expect(embed.getByText('Replaying a shared run')).toHaveCount(0);
  expect(new URL(page.url()).hash).toBe('');
});

test('a link naming a node the scenario does not have falls back to the default run and says why', async ({
  page,
}) => {
  const link = await shareUrl('http://host.test/lessons/introduction', embedKey, {
    scenario: 'intro/cluster',
    seed: 7,
    commands: [{ at: 100, crash: 'n9' }],
  });
  await page.goto(`${new URL(link).pathname}?e2e=1${new URL(link).hash}`);
  const embed = page.getByRole('region', { name: `Simulation: ${embedTitle}` });
  await expect(embed.getByRole('alert')).toContainText('n9');
  await expect(embed.getByRole('alert')).toContainText('Showing the default run instead.');
  await expect(embed.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
});
