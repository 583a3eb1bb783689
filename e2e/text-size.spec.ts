/**
 * No text in a simulation embed is smaller than 12 px on a desktop screen (issue #12, item 3): the
 * computed font size of every HTML and SVG text (SVG sizes scaled by the drawing's transform) in every
 * embed and step list of every lesson, with each of the embed's views opened, and every string drawn
 * on a canvas (its font string scaled by the canvas's transform and its CSS size).
 */
import { readdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { Embed } from './embed';
import { expect, test } from './fixtures';

const minTextPx = 12;
/** Computed sizes are rounded to a hundredth of a pixel before the comparison. */
const roundPx = (px: number) => Math.round(px * 100) / 100;

const lessons = readdirSync(new URL('../lessons/', import.meta.url))
  .filter((file) => file.endsWith('.mdx'))
  .map((file) => file.replace(/^[0-9]+b?-/, '').replace(/\.mdx$/, ''));

declare global {
  interface Window {
    __canvasText?: { text: string; px: number }[];
  }
}

/** Text smaller than the minimum in one embed (and its step list) as it is drawn now, as "size: text". */
async function smallText(page: Page, key: string): Promise<string[]> {
  return page.evaluate(
    ({ embedKey, minPx }) => {
      const section = document.querySelector(`section.sim[data-embed-key="${embedKey}"]`)!;
      const roots = [section.closest('.sim-compare') ?? section];
      const base = embedKey.replace(/-(left|right)$/, '');
      const steps = document.querySelector(`[data-steps-for="${base}"]`);
      if (steps) roots.push(steps);
      const found: string[] = [];
      for (const root of roots) {
        for (const element of root.querySelectorAll('*')) {
          const text = [...element.childNodes]
            .filter((child) => child.nodeType === Node.TEXT_NODE)
            .map((child) => child.textContent ?? '')
            .join('')
            .trim();
          if (!text) continue;
          const box = element.getBoundingClientRect();
          // Visually hidden text (for screen readers) and text in closed panels is not seen.
          if (box.width <= 1 || box.height <= 1) continue;
          const style = getComputedStyle(element);
          if (style.visibility === 'hidden' || style.display === 'none') continue;
          let px = parseFloat(style.fontSize);
          if (element instanceof SVGGraphicsElement) px *= Math.abs(element.getScreenCTM()?.a ?? 1);
          px = Math.round(px * 100) / 100;
          if (px < minPx) found.push(`${px}px: ${text.slice(0, 40)}`);
        }
      }
      return found;
    },
    { embedKey: key, minPx: minTextPx },
  );
}

test.use({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });

test.beforeEach(async ({ page }) => {
  // Records the size of every string drawn on a canvas, in CSS pixels.
  await page.addInitScript(() => {
    window.__canvasText = [];
    const fillText = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
      const size = /(\d+(?:\.\d+)?)px/.exec(this.font);
      const canvas = this.canvas;
      if (size && canvas.clientWidth > 0 && canvas.width > 0) {
        const scale = Math.abs(this.getTransform().a) * (canvas.clientWidth / canvas.width);
        window.__canvasText!.push({ text: String(text), px: Number(size[1]) * scale });
      }
      return fillText.call(this, text, ...rest);
    };
  });
});

for (const lesson of lessons) {
  test(`${lesson}: no text in any embed, its views or its steps is under ${minTextPx} px at 1280 px`, async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await page.goto(`/lessons/${lesson}?preview=instructor&e2e=1`);
    const keys = await page
      .locator('section.sim[data-embed-key]')
      .evaluateAll((elements) => elements.map((element) => element.getAttribute('data-embed-key')!));
    const small: string[] = [];
    for (const key of keys) {
      const section = page.locator(`section.sim[data-embed-key="${key}"]`);
      await section.scrollIntoViewIfNeeded();
      await new Embed(page, key).waitUntilReady();
      await page.evaluate((embedKey) => {
        const store = window.__simulations![embedKey]!.getState();
        store.seek(Math.round(store.frame!.durationMs * 0.45));
      }, key);
      const tabs = section.getByRole('tab');
      for (let index = 0; index < Math.max(1, await tabs.count()); index++) {
        if ((await tabs.count()) > 0) await tabs.nth(index).click();
        await page.evaluate(
          () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
        );
        small.push(...(await smallText(page, key)).map((found) => `${key}: ${found}`));
      }
    }
    const canvasText = await page.evaluate(() => window.__canvasText ?? []);
    for (const { text, px } of canvasText)
      if (roundPx(px) < minTextPx) small.push(`canvas: ${roundPx(px)}px: ${text.slice(0, 40)}`);
    expect([...new Set(small)]).toEqual([]);
  });
}
