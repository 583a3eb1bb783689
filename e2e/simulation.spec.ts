/**
 * The <Simulation> embed in a real browser, on the production build: it plays, the student's actions
 * (crash, partition, client requests) reach the worker and show up, time travel and share links
 * reproduce runs exactly, compare mode runs both sides, reduced motion and accessibility hold.
 *
 * Most tests use bench-ui.html, which mounts any props from the URL; `e2e=1` exposes each embed's store
 * on window.__simulations so a test can read the frame's time and digest precisely.
 */
import { Embed, justWatch } from './embed';
import { expect, seriousA11yViolations, test } from './fixtures';

const broadcast = {
  scenario: 'broadcast/basic',
  nodes: 3,
  network: { latency: { minMs: 20, meanMs: 20, distribution: 'uniform' } },
  workload: { clients: 3, ratePerClient: 20, mix: { read: 0.5, write: 0.5, cas: 0 }, keys: { count: 3 } },
};

test('a simulation on a lesson page starts when scrolled to, and plays when asked', async ({ page }) => {
  await page.goto('/lessons/introduction?e2e=1');
  const embed = new Embed(
    page,
    'three-servers-one-crash',
    'Three servers, 40 busy clients, s1 crashes at 5 s',
  );
  await embed.root.scrollIntoViewIfNeeded();
  await embed.waitUntilReady();
  for (const id of ['lb', 's1', 's2', 's3']) await expect(embed.node(id)).toBeVisible();
  // The lesson asks for a prediction before Play; this test just watches.
  await justWatch(page, 'crash-failed-share');
  await embed.button('Play').click();
  await embed.waitForTime(500);
  await expect(embed.button('Pause')).toBeVisible();
  await expect(embed.root.locator('.sim-time__now')).not.toHaveText('0 ms');
});

test('crashing a node through its menu shows it down', async ({ page }) => {
  const embed = await Embed.open(page, broadcast);
  await embed.crash('n2');
  await expect(embed.node('n2')).toHaveAccessibleName(/^n2, .*crashed/);
  await expect(embed.status).toContainText('n2 crashed');
  await expect
    .poll(async () => (await embed.info()).commands)
    .toEqual([expect.objectContaining({ crash: 'n2' })]);
  // And back up again through the same menu.
  await embed.node('n2').click();
  await page.getByRole('menuitem', { name: 'Restart n2' }).click();
  await expect(embed.status).toContainText('all nodes up');
});

test('a partition drawn through the UI makes quorum writes on the minority side fail, while the majority side still writes', async ({
  page,
}) => {
  const embed = await Embed.open(page, {
    scenario: 'quorum/partition-quorum',
    faults: [],
    script: [],
    durationMs: 60_000,
  });
  await embed.button('Draw a partition…').click();
  await embed.node('n1').click();
  await expect(embed.node('n1')).toHaveAttribute('aria-pressed', 'true');
  await embed.button('Cut the network between A and B').click();
  await expect(embed.status).toContainText('links cut');

  const client = embed.root.getByRole('form', { name: 'Send a request' });
  const reply = client.getByRole('status');
  await client.getByLabel('To node').selectOption('n1');
  await client.getByLabel('Key').fill('x');
  await client.getByRole('button', { name: 'Send' }).click();
  await expect(reply).toContainText('timed out with 1 of 2 acks', { timeout: 15_000 });
  await expect(reply).not.toContainText(' ok');

  await client.getByLabel('To node').selectOption('n2');
  await client.getByRole('button', { name: 'Send' }).click();
  await expect(reply).toContainText(/write x=\d+ ok/, { timeout: 15_000 });
});

test('network controls go into the command log: drop a message, change latency and loss, and the live summary reads out events', async ({
  page,
}) => {
  const slow = { ...broadcast, network: { latency: { minMs: 200, meanMs: 50, distribution: 'uniform' } } };
  const embed = await Embed.open(page, slow);
  await embed.waitForTime(600);
  await embed.pause();
  const drop = embed.root.getByLabel(/^Drop a message/);
  await drop.focus();
  const chosen = Number(await drop.inputValue());
  expect(chosen).toBeGreaterThan(0);
  await embed.button('Drop it').click();
  await expect
    .poll(async () => (await embed.info()).commands)
    .toContainEqual(expect.objectContaining({ dropMessage: chosen }));
  const inFlight = await page.evaluate(
    (key) => window.__simulations![key]!.getState().frame!.messages.map((message) => message.id),
    embed.key,
  );
  expect(inFlight).not.toContain(chosen);

  await embed.root.getByRole('slider', { name: 'Latency' }).fill('2');
  await embed.root.getByRole('slider', { name: 'Message loss' }).fill('10');
  await expect
    .poll(async () => (await embed.info()).commands)
    .toEqual(
      expect.arrayContaining([
        expect.objectContaining({ setLatency: expect.objectContaining({ minMs: 200, meanMs: 99 }) }),
        expect.objectContaining({ setLossRate: 0.1 }),
      ]),
    );

  await embed.crash('n3');
  await expect(embed.root.locator('[aria-live="polite"]').last()).toContainText('n3 crashed', {
    timeout: 5000,
  });
});

test('a new seed starts a different run', async ({ page }) => {
  const embed = await Embed.open(page, broadcast);
  await embed.waitForTime(300);
  const seed = embed.root.getByRole('spinbutton', { name: 'Seed' });
  await seed.fill('42');
  await seed.press('Enter');
  await expect
    .poll(() => page.evaluate((key) => window.__simulations![key]!.getState().frame?.seed, embed.key))
    .toBe(42);
  await embed.button('New random seed').click();
  await expect
    .poll(() => page.evaluate((key) => window.__simulations![key]!.getState().frame?.seed, embed.key))
    .not.toBe(42);
});

test('scrubbing back and then forward again returns the identical state', async ({ page }) => {
  const embed = await Embed.open(page, broadcast);
  await embed.waitForTime(600);
  await embed.crash('n3');
  await embed.waitForTime(1500);
  const paused = await embed.pause();

  await embed.timeline.focus();
  await page.keyboard.press('Home');
  const start = await embed.waitAt(0);
  expect(start.digest).not.toBe(paused.digest);

  const again = await embed.seekWithTimeline(paused.now);
  expect(again.digest).toBe(paused.digest);
  expect(again.commands).toEqual(paused.commands);
  await expect(embed.status).toContainText('n3 crashed');
});

test('a share link reproduces the run, and a broken one says so and shows the default run', async ({
  page,
  context,
}) => {
  const embed = await Embed.open(page, broadcast);
  await embed.waitForTime(400);
  await embed.crash('n1');
  await embed.waitForTime(1200);
  const paused = await embed.pause();
  await embed.button('Share link').click();
  const linkField = page.getByRole('textbox', { name: 'Link' });
  await expect(linkField).toHaveValue(/#sim-/);
  const link = await linkField.inputValue();
  expect(new URL(link).hash).toContain('sim-broadcast-basic=');
  // The link carries only the run; the bench page needs its props (and the test hook) back.
  const benchLink = link.replace('#', `${new URL(page.url()).search}#`);

  const other = await context.newPage();
  await other.goto(benchLink);
  const replay = new Embed(other, 'broadcast/basic');
  await replay.waitUntilReady();
  const replayed = await replay.seekWithTimeline(paused.now);
  expect(replayed.digest).toBe(paused.digest);
  expect(replayed.commands).toEqual(paused.commands);

  const broken = await context.newPage();
  await broken.goto(benchLink.replace(/sim-broadcast-basic=[^&]+/, 'sim-broadcast-basic=not-a-run'));
  await expect(broken.getByRole('alert')).toContainText("The link's simulation data could not be read");
  await expect(broken.getByRole('alert')).toContainText('Showing the default run instead.');
  const fallback = new Embed(broken, 'broadcast/basic');
  await fallback.waitForTime(200);
  expect((await fallback.info()).commands).toEqual([]);
});

test('invalid props show an inline message naming the prop, and the page still works', async ({ page }) => {
  await page.goto(
    `/bench-ui.html?props=${encodeURIComponent(JSON.stringify({ scenario: 'broadcast/basic', views: ['clutser'], nodes: 0 }))}`,
  );
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('views: "clutser" is not one of the allowed views: cluster, detail');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('compare mode runs both configurations side by side and applies actions to both', async ({ page }) => {
  const props = {
    scenario: 'quorum/partition-quorum',
    id: 'cap',
    faults: [],
    script: [],
    durationMs: 60_000,
    workload: { clients: 3, ratePerClient: 10, keys: { count: 2 }, timeoutMs: 600 },
    left: { title: 'Consistency ONE', params: { consistency: 'ONE' } },
    right: { title: 'Consistency QUORUM', params: { consistency: 'QUORUM' } },
  };
  await Embed.open(page, props, { compare: true });
  const left = new Embed(page, 'cap-left', 'Consistency ONE');
  const right = new Embed(page, 'cap-right', 'Consistency QUORUM');
  await left.waitForTime(800);
  await right.waitForTime(800);

  await page.getByRole('button', { name: 'Draw a partition…' }).click();
  await left.node('n1').click();
  await page.getByRole('button', { name: 'Cut the network between A and B' }).click();
  await expect(left.status).toContainText('links cut');
  await expect(right.status).toContainText('links cut');
  const [leftInfo, rightInfo] = [await left.info(), await right.info()];
  expect(leftInfo.commands).toEqual(rightInfo.commands);

  const table = page.getByRole('table', { name: 'Side by side, so far' });
  await expect(table.getByRole('columnheader', { name: 'Consistency ONE' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Consistency QUORUM' })).toBeVisible();
  await expect(table.getByRole('row', { name: /^Operations/ })).not.toContainText('—');
});

test('with reduced motion, messages are counted at their links instead of flying', async ({ page }) => {
  const slow = { ...broadcast, network: { latency: { minMs: 150, meanMs: 50, distribution: 'uniform' } } };
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const still = await Embed.open(page, slow);
  await still.waitForTime(500);
  await still.pause();
  await expect(still.root.locator('.viz-badge').first()).toBeVisible();
  expect(await paintedPixels(still)).toBe(0);

  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await expect(still.root.locator('.viz-badge')).toHaveCount(0);
  expect(await paintedPixels(still)).toBeGreaterThan(0);
});

/** Non-transparent pixels on the cluster's message canvas. */
function paintedPixels(embed: Embed): Promise<number> {
  return embed.root.locator('canvas.viz-cluster__messages').evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let index = 3; index < data.length; index += 4) if (data[index]! > 0) painted++;
    return painted;
  });
}

test('the keyboard drives the simulation: space, step, and the node menu', async ({ page }) => {
  const embed = await Embed.open(page, { ...broadcast, autoplay: false });
  const timeline = embed.timeline;
  await timeline.focus();
  await page.keyboard.press(' ');
  await expect(embed.button('Pause')).toBeVisible();
  await page.keyboard.press(' ');
  await expect(embed.button('Play')).toBeVisible();

  const before = (await embed.info()).now;
  await embed.button('Step').focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await embed.info()).now).toBeGreaterThanOrEqual(before);

  await embed.node('n1').focus();
  await page.keyboard.press('ArrowRight');
  await expect(embed.node('n2')).toBeFocused();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Actions for n2' });
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem').nth(1)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(embed.node('n2')).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(embed.status).toContainText('n2 crashed');
});

test('no serious accessibility violations, with a node selected and on every view', async ({ page }) => {
  const embed = await Embed.open(page, { ...broadcast, autoplay: false });
  await embed.button('Play').click();
  await embed.waitForTime(500);
  await embed.pause();
  await embed.node('n1').click();
  await page.keyboard.press('Escape');
  for (const tab of ['Messages over time', 'History', 'Charts']) {
    await embed.root.getByRole('tab', { name: tab }).click();
    expect(await seriousA11yViolations(page), `on the ${tab} tab`).toEqual([]);
  }
});

test('fits a 375 px wide screen without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  const embed = await Embed.open(page, broadcast);
  await embed.waitForTime(300);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(embed.button('Pause')).toBeInViewport();
});
