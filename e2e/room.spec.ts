/**
 * Room and stability on the lesson pages: an embed reserves its final height before it mounts, so
 * scrolling through a lesson (which starts every embed) shifts nothing (cumulative layout shift under
 * 0.1, measured with a PerformanceObserver), and a table-of-contents jump lands on its heading.
 */
import type { Page } from '@playwright/test';
import { course, expect, test } from './fixtures';

interface Shift {
  value: number;
  time: number;
  hadRecentInput: boolean;
  sources: string[];
}

declare global {
  interface Window {
    __layoutShifts?: Shift[];
  }
}

/** Records every layout shift from the first paint on, with what moved. */
async function observeLayoutShifts(page: Page) {
  await page.addInitScript(() => {
    window.__layoutShifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
        sources?: { node?: Node | null }[];
      })[])
        window.__layoutShifts!.push({
          value: entry.value,
          time: entry.startTime,
          hadRecentInput: entry.hadRecentInput,
          sources: (entry.sources ?? []).map((source) => {
            const node = source.node;
            if (!(node instanceof Element)) return node?.nodeName ?? '?';
            return `${node.tagName.toLowerCase()}.${[...node.classList].join('.')}`;
          }),
        });
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** Cumulative layout shift as browsers report it: the worst session window (gaps under 1 s, at most 5 s). */
function cumulativeLayoutShift(shifts: readonly Shift[]): { value: number; worst: Shift[] } {
  let best = { value: 0, worst: [] as Shift[] };
  let window: Shift[] = [];
  let sum = 0;
  for (const shift of shifts.filter((entry) => !entry.hadRecentInput)) {
    const first = window[0];
    const last = window.at(-1);
    if (first && last && (shift.time - last.time >= 1000 || shift.time - first.time >= 5000)) {
      window = [];
      sum = 0;
    }
    window.push(shift);
    sum += shift.value;
    if (sum > best.value) best = { value: sum, worst: [...window] };
  }
  return best;
}

/** Scrolls to the bottom in steps of most of a screen, pausing so every embed on the way starts. */
async function scrollThrough(page: Page) {
  for (let step = 0; step < 200; step++) {
    const atBottom = await page.evaluate(() => {
      window.scrollBy({ top: window.innerHeight * 0.8, behavior: 'instant' });
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
    });
    await page.waitForTimeout(350);
    if (atBottom) break;
  }
  await page.waitForTimeout(1000);
}

for (const width of [1280, 375]) {
  test.describe(`${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    for (const lesson of course) {
      test(`${lesson.id}: scrolling through the lesson shifts its layout by less than 0.1 (CLS)`, async ({
        page,
      }) => {
        test.setTimeout(120_000);
        await observeLayoutShifts(page);
        await page.goto(`/lessons/${lesson.id}?preview=instructor`);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expect(page.locator('.loading')).toHaveCount(0);
        await scrollThrough(page);
        const shifts = await page.evaluate(() => window.__layoutShifts ?? []);
        const cls = cumulativeLayoutShift(shifts);
        expect(
          cls.value,
          `worst shifts: ${JSON.stringify(cls.worst.map((shift) => [shift.value.toFixed(3), shift.sources]))}`,
        ).toBeLessThan(0.1);
      });
    }
  });
}

test.describe('table of contents', () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  for (const lesson of course) {
    test(`${lesson.id}: a jump lands within 50 px of its heading, even past simulations`, async ({
      page,
    }) => {
      await page.goto(`/lessons/${lesson.id}?preview=instructor`);
      const links = page.getByRole('navigation', { name: 'On this page' }).getByRole('link');
      await expect(links.first()).toBeVisible();
      const count = await links.count();
      // The last entries lie below every embed of the lesson; the middle one may have some below it.
      for (const index of new Set([Math.floor(count / 2), count - 2, count - 1].filter((i) => i >= 0))) {
        await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
        const link = links.nth(index);
        const id = decodeURIComponent((await link.getAttribute('href'))!.slice(1));
        await link.click();
        // Let smooth scrolling and any embed that started on the way settle.
        await expect
          .poll(
            async () => {
              const before = await page.evaluate(() => window.scrollY);
              await page.waitForTimeout(400);
              return before === (await page.evaluate(() => window.scrollY));
            },
            { timeout: 10_000 },
          )
          .toBe(true);
        await page.waitForTimeout(800);
        const top = await page.evaluate(
          (target) => document.getElementById(target)!.getBoundingClientRect().top,
          id,
        );
        const scrollMargin = await page.evaluate(
          (target) => parseFloat(getComputedStyle(document.getElementById(target)!).scrollMarginTop) || 0,
          id,
        );
        const atBottom = await page.evaluate(
          () => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2,
        );
        // A heading near the end of the page cannot reach the top: then the page is scrolled to its end.
        if (!atBottom) expect(Math.abs(top - scrollMargin), `#${id}`).toBeLessThanOrEqual(50);
        else expect(top, `#${id}`).toBeGreaterThanOrEqual(scrollMargin - 50);
      }
    });
  }
});
