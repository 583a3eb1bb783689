/**
 * The embed's panels: node detail beside the cluster (Play and the timeline stay in view), the History
 * view's selection and "Go to", compare mode's single clock on a phone, and the node menu above
 * everything in compare mode.
 */
import type { Locator, Page } from '@playwright/test';
import { Embed } from './embed';
import { expect, test } from './fixtures';

/** True when the element's box lies wholly inside the viewport. */
async function inViewport(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize()!;
  return box !== null && box.y >= 0 && box.y + box.height <= viewport.height && box.x >= 0;
}

test.describe('1280 px', () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test('node detail sits beside the cluster, summary first, and Play and the timeline stay in view', async ({
    page,
  }) => {
    await page.goto('/lessons/failover-and-consensus?preview=instructor&e2e=1');
    const embed = new Embed(page, 'raft-leader-crash', 'Raft: the leader crashes at 2 s');
    await embed.root.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await embed.waitUntilReady();
    // The embed is wider than the prose around it.
    const embedWidth = (await embed.root.boundingBox())!.width;
    const proseWidth = (await page.locator('.lesson__body > p').first().boundingBox())!.width;
    expect(embedWidth).toBeGreaterThanOrEqual(960);
    expect(embedWidth).toBeLessThanOrEqual(1120);
    expect(embedWidth).toBeGreaterThan(proseWidth + 200);

    await embed.seekWithTimeline(1500);
    await embed.node('n2').click();
    await page.keyboard.press('Escape');
    const detail = embed.root.getByRole('region', { name: 'Node detail' });
    await expect(detail.getByRole('heading', { name: /^n2/ })).toBeVisible();
    const facts = await detail.locator('.viz-detail__facts dt').allTextContents();
    expect(facts.slice(0, 3)).toEqual(['Role', 'Term', 'Leader']);
    // The log and the data are there, collapsed.
    await expect(detail.locator('details summary', { hasText: /^Log/ })).toBeVisible();
    await expect(detail.locator('details[open]')).toHaveCount(0);
    // Beside the cluster, not under it.
    const cluster = (await embed.root.locator('.sim__cluster').boundingBox())!;
    const detailBox = (await detail.boundingBox())!;
    expect(detailBox.x).toBeGreaterThanOrEqual(cluster.x + cluster.width - 1);
    expect(await inViewport(page, embed.button('Play'))).toBe(true);
    expect(await inViewport(page, embed.timeline)).toBe(true);
  });

  test('History: a click selects an operation without moving time, "Go to" moves it, and it says N of M', async ({
    page,
  }) => {
    const embed = await Embed.open(page, {
      scenario: 'quorum/partition-quorum',
      id: 'busy',
      autoplay: false,
      durationMs: 4000,
      faults: [],
      script: [],
      workload: { clients: 8, ratePerClient: 100, keys: { count: 4 } },
      views: ['cluster', 'detail', 'history'],
    });
    const at = 4000;
    await embed.seekWithTimeline(at);
    const total = await page.evaluate(
      () => window.__simulations!.busy!.getState().frame!.counters.operations,
    );
    expect(total).toBeGreaterThan(1000);
    await embed.root.getByRole('tab', { name: 'History' }).click();
    await expect(embed.root.locator('.viz-history__count')).toHaveText(
      `Showing 1,000 of ${total.toLocaleString('en')} operations: only the latest 1,000 are kept for drawing.`,
    );

    // A click on a bar (client c1's lane, at the right edge where its latest operations are) selects it.
    const chart = embed.root.locator('.viz-history__chart canvas');
    const box = (await chart.boundingBox())!;
    let selected = false;
    for (let dx = 30; dx < 200 && !selected; dx += 6) {
      await chart.click({ position: { x: box.width - dx, y: 22 + 10 } });
      selected = await embed.root.getByRole('region', { name: 'Selected operation' }).isVisible();
    }
    expect(selected).toBe(true);
    const selection = embed.root.getByRole('region', { name: 'Selected operation' });
    await expect(selection).toContainText(/Selected: c1 /);
    expect((await embed.info()).now).toBe(at);

    // Keyboard: Enter selects the focused operation, time still does not move.
    await embed.root.locator('.viz-history__chart').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    expect((await embed.info()).now).toBe(at);
    const goTo = selection.getByRole('button', { name: /^Go to \d+ ms$/ });
    const target = Number((await goTo.textContent())!.match(/\d+/)![0]);
    expect(target).toBeLessThan(at);
    await goTo.click();
    await embed.waitAt(target);
  });

  test('compare mode: the node menu is above everything, never clipped, and says it acts on both runs', async ({
    page,
  }) => {
    await page.goto('/lessons/replication?preview=instructor&e2e=1');
    const [left, right] = ['durability-left', 'durability-right'].map((key) => ({
      key,
      root: page.locator(`section.sim[data-embed-key="${key}"]`),
    }));
    await left!.root.scrollIntoViewIfNeeded();
    for (const side of [left!, right!])
      await page.waitForFunction(
        (key) => window.__simulations?.[key]?.getState().status === 'ready',
        side.key,
      );
    // The comparison takes the lesson's whole width.
    const compare = page.locator('.sim-compare').filter({ has: left!.root });
    expect((await compare.boundingBox())!.width).toBeGreaterThanOrEqual(1100);

    for (const side of [left!, right!]) {
      const nodes = await side.root.locator('.viz-node-button').all();
      // The rightmost node on each side: its menu reaches towards (or past) the next panel.
      const boxes = await Promise.all(nodes.map((node) => node.boundingBox()));
      const rightmost =
        nodes[boxes.reduce((best, box, index) => (box!.x > boxes[best]!.x ? index : best), 0)]!;
      await rightmost.click();
      const menu = page.getByRole('menu', { name: /in both runs$/ });
      await expect(menu).toBeVisible();
      await expect(menu).toContainText('Applies to both runs.');
      for (const item of await menu.getByRole('menuitem').all()) {
        const itemBox = (await item.boundingBox())!;
        const hit = await page.evaluate(
          ({ x, y }) => document.elementFromPoint(x, y)?.closest('[role="menuitem"]')?.textContent ?? null,
          { x: itemBox.x + itemBox.width / 2, y: itemBox.y + itemBox.height / 2 },
        );
        expect(hit).toBe(await item.textContent());
      }
      await page.keyboard.press('Escape');
      await expect(menu).toHaveCount(0);
    }
  });
});

test.describe('375 px', () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test('compare mode on a phone: with one side scrolled off screen both keep one clock, within one frame', async ({
    page,
  }) => {
    await Embed.open(
      page,
      {
        scenario: 'quorum/partition-quorum',
        id: 'phone',
        durationMs: 60_000,
        left: { title: 'QUORUM', params: { consistency: 'QUORUM' } },
        right: { title: 'ONE', params: { consistency: 'ONE' } },
      },
      { compare: true },
    );
    const left = new Embed(page, 'phone-left', 'QUORUM');
    const right = new Embed(page, 'phone-right', 'ONE');
    await left.waitForTime(300);
    // Bring the right side into view: the left one is then above the screen. (Room below the embed lets the
    // page scroll that far whatever the embed's height.)
    await right.root.evaluate((element) => {
      document.body.style.paddingBottom = '200vh';
      element.scrollIntoView({ block: 'start', behavior: 'instant' });
    });
    const leftBox = (await left.root.boundingBox())!;
    expect(leftBox.y + leftBox.height).toBeLessThanOrEqual(0);
    await page.waitForTimeout(500);
    const samples = await page.evaluate(async () => {
      const stores = window.__simulations!;
      const seen: { left: number; right: number }[] = [];
      for (let frame = 0; frame < 90; frame++) {
        await new Promise(requestAnimationFrame);
        seen.push({
          left: stores['phone-left']!.getState().frame!.now,
          right: stores['phone-right']!.getState().frame!.now,
        });
      }
      return seen;
    });
    const first = samples[0]!;
    const last = samples.at(-1)!;
    expect(last.left).toBeGreaterThan(first.left);
    expect(last.right).toBeGreaterThan(first.right);
    // One frame: the most simulated time a frame advanced while sampling.
    const frameStep = Math.max(
      1,
      ...samples.slice(1).map((sample, index) => sample.left - samples[index]!.left),
    );
    for (const sample of samples)
      expect(Math.abs(sample.left - sample.right), JSON.stringify(sample)).toBeLessThanOrEqual(frameStep);
  });
});
