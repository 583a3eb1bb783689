/**
 * Screenshots of chosen embeds from the production build, at 1280 px and 375 px, light and dark, for
 * docs/screenshots/. Serve the test build first (`npm run build:e2e && npx vite preview --mode e2e --port 4212`), then:
 *
 *   npx tsx scripts/screenshots.ts --port 4212 --label after
 *
 * Each shot runs its embed to a fixed simulated time through the e2e test handle (`?e2e=1`) so the
 * before and after pictures show the same moment of the same run.
 */
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import type { SimulationStore } from '../src/sim/store';

interface Shot {
  name: string;
  lesson: string;
  embed: string;
  /** The embed's title, to find it on the page. */
  title: string;
  /** Simulated time to show, in ms. */
  atMs: number;
}

const shots: Shot[] = [
  {
    name: 'lesson1-one-server',
    lesson: 'introduction',
    embed: 'one-server-overloaded',
    title: 'One server, 40 busy clients',
    atMs: 4000,
  },
  {
    name: 'lesson5-raft-leader-crash',
    lesson: 'failover-and-consensus',
    embed: 'raft-leader-crash',
    title: 'Raft: the leader crashes at 2 s',
    atMs: 2230,
  },
];

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1]! : fallback;
}

const port = option('port', '4212');
const label = option('label', 'after');
const outDir = new URL('../docs/screenshots/', import.meta.url);
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
for (const shot of shots) {
  for (const width of [1280, 375]) {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
      await page.goto(`http://127.0.0.1:${port}/lessons/${shot.lesson}?preview=instructor&e2e=1`);
      const embed = page.locator('section.sim', {
        has: page.getByRole('heading', { name: shot.title, exact: true }),
      });
      await embed.scrollIntoViewIfNeeded();
      await page.waitForFunction(
        (key) => window.__simulations?.[key]?.getState().status === 'ready',
        shot.embed,
        {
          timeout: 30_000,
        },
      );
      await page.evaluate(
        ({ key, atMs }) => {
          const store = (window.__simulations as Record<string, SimulationStore>)[key]!;
          store.getState().seek(atMs);
        },
        { key: shot.embed, atMs: shot.atMs },
      );
      await page.waitForFunction(
        ({ key, atMs }) => window.__simulations?.[key]?.getState().frame?.now === atMs,
        { key: shot.embed, atMs: shot.atMs },
        { timeout: 30_000 },
      );
      await page.waitForTimeout(400);
      await embed.scrollIntoViewIfNeeded();
      const file = new URL(`${shot.name}-${label}-${width}-${scheme}.png`, outDir);
      await embed.screenshot({ path: file.pathname });
      console.log(file.pathname);
      await page.close();
    }
  }
}
await browser.close();
