/**
 * No run can hang the worker: the heaviest schema-legal scenario is refused at once with a message saying
 * what to change, and a heavy run that is allowed plays (slower than asked if need be) without the
 * worker being restarted.
 */
import { expect, test } from './fixtures';

const benchPage = (props: Record<string, unknown>) =>
  `/bench-ui.html?e2e=1&props=${encodeURIComponent(JSON.stringify(props))}`;

test('the heaviest schema-legal run is refused at once, saying what to change', async ({ page }) => {
  await page.goto(
    benchPage({
      scenario: 'broadcast/basic',
      nodes: 64,
      workload: { clients: 64, ratePerClient: 10_000 },
      durationMs: 3_600_000,
    }),
  );
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('too big to simulate in the browser', { timeout: 5_000 });
  await expect(alert).toContainText(
    'Use fewer clients, a lower rate per client, fewer nodes or a shorter duration',
  );
});

test('a heavy run that is allowed keeps playing at 100× without the worker being restarted', async ({
  page,
}) => {
  const key = 'broadcast/basic';
  await page.goto(
    benchPage({
      scenario: key,
      nodes: 10,
      workload: { clients: 64, ratePerClient: 50 },
      durationMs: 60_000,
      speed: 100,
    }),
  );
  await page.waitForFunction((id) => window.__simulations?.[id]?.getState().status === 'ready', key);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const nowAt = () => page.evaluate((id) => window.__simulations![id]!.getState().frame?.now ?? 0, key);
  const before = await nowAt();
  // Longer than the watchdog's 15 s: a worker stuck in one long tick would be killed and restarted here.
  await page.waitForTimeout(18_000);
  expect(await nowAt()).toBeGreaterThan(before);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(await page.evaluate((id) => window.__simulations![id]!.getState().status, key)).toBe('ready');
});
