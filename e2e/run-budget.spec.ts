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
  const stateNow = () =>
    page.evaluate((id) => {
      const state = window.__simulations![id]!.getState();
      return { now: state.frame?.now ?? 0, playing: state.frame?.playing ?? false, status: state.status };
    }, key);
  const before = await stateNow();
  // Longer than the watchdog's 15 s: a worker stuck in one long tick would be killed and restarted here.
  // Sampled each second so that a failure shows where the run stopped and in which state.
  const seen = [before];
  for (let second = 0; second < 18; second++) {
    await page.waitForTimeout(1_000);
    seen.push(await stateNow());
  }
  expect(seen.at(-1)!.now, JSON.stringify(seen)).toBeGreaterThan(before.now);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(await page.evaluate((id) => window.__simulations![id]!.getState().status, key)).toBe('ready');
});
