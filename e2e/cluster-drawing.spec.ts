/**
 * The cluster drawing (issue #12, items 1-3): labels never cover a node or each other in any lesson's
 * embeds, Raft shows its timers and logs, chain replication draws only the chain, the load-balancer
 * lessons draw clients and a queue, and bursts of messages on one link show their count.
 */
import { readdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { Embed } from './embed';
import { expect, test, inEachLook } from './fixtures';

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
  what: string;
}

const lessons = readdirSync(new URL('../lessons/', import.meta.url))
  .filter((file) => file.endsWith('.mdx'))
  .map((file) => file.replace(/^[0-9]+b?-/, '').replace(/\.mdx$/, ''));

/** Text boxes (SVG labels and the canvas's message labels) and node boxes of one embed's cluster view, in page pixels. */
async function drawnBoxes(page: Page, key: string): Promise<{ labels: Rect[]; nodes: Rect[] }> {
  return page.evaluate((embedKey) => {
    const section = document.querySelector(`section.sim[data-embed-key="${embedKey}"]`)!;
    const cluster = section.querySelector('.viz-cluster');
    if (!cluster) return { labels: [], nodes: [] };
    const rect = (element: Element, what: string) => {
      const box = element.getBoundingClientRect();
      return { x: box.x, y: box.y, width: box.width, height: box.height, what };
    };
    const labels = [...cluster.querySelectorAll('.viz-label')].map((element) =>
      rect(element, element.textContent ?? ''),
    );
    const canvas = cluster.querySelector('canvas')!;
    const origin = canvas.getBoundingClientRect();
    const drawn = JSON.parse(canvas.dataset.labels ?? '[]') as {
      text: string;
      box: { x: number; y: number; width: number; height: number };
    }[];
    for (const label of drawn)
      labels.push({ ...label.box, x: label.box.x + origin.x, y: label.box.y + origin.y, what: label.text });
    const nodes = [...cluster.querySelectorAll('.viz-node__body')].map((element) =>
      rect(element, element.closest('[role="button"]')?.getAttribute('aria-label')?.split(',')[0] ?? ''),
    );
    return { labels, nodes };
  }, key);
}

/** Overlap beyond half a pixel (glyph boxes of touching lines can share a hair). */
function overlap(a: Rect, b: Rect): boolean {
  const slack = 0.5;
  return (
    a.x + slack < b.x + b.width &&
    b.x + slack < a.x + a.width &&
    a.y + slack < b.y + b.height &&
    b.y + slack < a.y + a.height
  );
}

function collisions(boxes: { labels: Rect[]; nodes: Rect[] }): string[] {
  const found: string[] = [];
  boxes.labels.forEach((label, i) => {
    for (const other of boxes.labels.slice(i + 1))
      if (overlap(label, other)) found.push(`"${label.what}" overlaps "${other.what}"`);
    for (const node of boxes.nodes)
      if (overlap(label, node)) found.push(`"${label.what}" overlaps node ${node.what}`);
  });
  return found;
}

async function seek(page: Page, key: string, at: number): Promise<void> {
  await page.evaluate(([embedKey, time]) => window.__simulations![embedKey]!.getState().seek(time), [
    key,
    at,
  ] as const);
  await new Embed(page, key).waitAt(at);
  // The drawing follows the frame on the next paint.
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

inEachLook(() => {
  for (const lesson of lessons) {
    test(`${lesson}: no text label in any embed's cluster view overlaps a node or another label`, async ({
      page,
    }) => {
      test.setTimeout(240_000);
      await page.goto(`/lessons/${lesson}?preview=instructor&e2e=1`);
      const sections = page.locator('section.sim[data-embed-key]');
      const keys = await sections.evaluateAll((elements) =>
        elements.map((element) => element.getAttribute('data-embed-key')!),
      );
      for (const key of keys) {
        const embed = new Embed(page, key);
        await page.locator(`section.sim[data-embed-key="${key}"]`).scrollIntoViewIfNeeded();
        await embed.waitUntilReady();
        const duration = await page.evaluate(
          (embedKey) => window.__simulations![embedKey]!.getState().frame!.durationMs,
          key,
        );
        for (const share of [0.1, 0.45, 0.8]) {
          const at = Math.round((duration * share) / 10) * 10;
          await seek(page, key, at);
          expect(collisions(await drawnBoxes(page, key)), `${key} at ${at} ms`).toEqual([]);
        }
      }
    });
  }

  test('lesson 5 Raft: timer rings drain and log strips grow, with committed entries filled in', async ({
    page,
  }) => {
    await page.goto('/lessons/failover-and-consensus?preview=instructor&e2e=1');
    const embed = new Embed(page, 'raft-leader-crash', 'Raft: the leader crashes at 2 s');
    await embed.root.scrollIntoViewIfNeeded();
    await embed.waitUntilReady();
    const state = () =>
      embed.root.evaluate((root) => ({
        timers: [...root.querySelectorAll('.viz-timer')].map(
          (ring) => `${ring.getAttribute('data-timer')}:${ring.getAttribute('data-left')}`,
        ),
        logs: [...root.querySelectorAll('.viz-log')].map((strip) => Number(strip.getAttribute('data-last'))),
        committed: root.querySelectorAll('.viz-log__entry--committed').length,
      }));
    await seek(page, 'raft-leader-crash', 1000);
    const before = await state();
    // Four followers wait on their election timers, the leader on its heartbeat timer.
    expect(before.timers.filter((ring) => ring.startsWith('election:'))).toHaveLength(4);
    expect(before.timers.filter((ring) => ring.startsWith('heartbeat:'))).toHaveLength(1);
    expect(before.logs).toHaveLength(5);
    expect(before.committed).toBeGreaterThan(0);
    await seek(page, 'raft-leader-crash', 1030);
    const after = await state();
    expect(after.timers).not.toEqual(before.timers);
    await seek(page, 'raft-leader-crash', 1900);
    const later = await state();
    expect(Math.max(...later.logs)).toBeGreaterThan(Math.max(...before.logs));
    // The term is on each node, inside its circle.
    await expect(embed.root.locator('.viz-node__term').first()).toHaveText(/^t\d+$/);

    // Down, n1 keeps its log (persistent state), drawn greyed; its commit index (volatile) is gone.
    await seek(page, 'raft-leader-crash', 2100);
    const crashed = await state();
    expect(crashed.logs).toHaveLength(5);
    const downLog = embed.root.locator('.viz-log--down');
    await expect(downLog).toHaveCount(1);
    expect(Number(await downLog.getAttribute('data-last'))).toBeGreaterThanOrEqual(Math.max(...later.logs));
    await expect(downLog).not.toHaveAttribute('data-commit');
    await expect(embed.node('n1')).toHaveAccessibleName(/crashed.*kept on disk/);
  });

  test('chain replication draws only the links of the chain', async ({ page }) => {
    await page.goto('/lessons/replication?preview=instructor&e2e=1');
    const embed = new Embed(page, 'chain');
    await page.locator('section.sim[data-embed-key="chain"]').scrollIntoViewIfNeeded();
    await embed.waitUntilReady();
    const root = page.locator('section.sim[data-embed-key="chain"] .viz-cluster');
    const links = await root
      .locator('.viz-link-group')
      .evaluateAll((groups) => groups.map((group) => group.getAttribute('data-link')));
    expect(links).toEqual(['n1-n2', 'n2-n3', 'n3-n4', 'n4-n5']);
  });

  test('two-phase commit draws only the links from the coordinator to its participants', async ({ page }) => {
    await page.goto('/lessons/distributed-transactions?preview=instructor&e2e=1');
    const key = 'coordinator-crash';
    await page.locator(`section.sim[data-embed-key="${key}"]`).scrollIntoViewIfNeeded();
    await new Embed(page, key).waitUntilReady();
    const links = await page
      .locator(`section.sim[data-embed-key="${key}"] .viz-cluster .viz-link-group`)
      .evaluateAll((groups) => groups.map((group) => group.getAttribute('data-link')));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link).toMatch(/^n1-n\d$/);
  });

  test('lesson 1: the clients, the requests they wait on, and the server queue with its count', async ({
    page,
  }) => {
    await page.goto('/lessons/introduction?preview=instructor&e2e=1');
    const key = 'one-server-overloaded';
    await page.locator(`section.sim[data-embed-key="${key}"]`).scrollIntoViewIfNeeded();
    await new Embed(page, key).waitUntilReady();
    await seek(page, key, 4000);
    const root = page.locator(`section.sim[data-embed-key="${key}"] .viz-cluster`);
    await expect(root.locator('.viz-clients__label')).toHaveText(/^\d+ clients$/);
    await expect(root.locator('.viz-stream-label')).toHaveText(/^×\d+ requests?$/);
    const waiting = Number(await root.locator('.viz-queue').getAttribute('data-waiting'));
    expect(waiting).toBeGreaterThan(0);
    await expect(root.locator('.viz-node-label[data-node="s1"]')).toContainText(`${waiting} of 20 waiting`);
    await expect(root.locator('.viz-node-label[data-node="s1"]')).toContainText(
      /\d+ served · \d+ turned away/,
    );
  });

  test('a burst of messages on one link draws as a stream with its count', async ({ page }) => {
    const embed = await Embed.open(page, {
      scenario: 'intro/single-server',
      faults: [],
      network: { latency: { minMs: 100, meanMs: 0, distribution: 'constant' } },
    });
    await seek(page, embed.key, 1500);
    const labels = await page
      .locator('.viz-cluster canvas')
      .evaluate(
        (canvas) => JSON.parse((canvas as HTMLCanvasElement).dataset.labels ?? '[]') as { text: string }[],
      );
    expect(labels.map((label) => label.text)).toContainEqual(
      expect.stringMatching(/^×\d+( work| messages)?$/),
    );
  });
});
