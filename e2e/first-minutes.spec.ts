/**
 * The first minutes of the course: lesson 1 puts a runnable simulation within the first two screens, and
 * an embed whose lesson overrides its scenario says what the run does, not what the scenario usually does.
 */
import { Embed } from './embed';
import { expect, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 720 } });

test('lesson 1 has a runnable simulation within two viewport heights', async ({ page }) => {
  await page.goto('/lessons/introduction?e2e=1');
  const first = page.locator('section.sim').first();
  await expect(first).toBeAttached();
  const top = await first.evaluate((element) => element.getBoundingClientRect().top + window.scrollY);
  expect(top).toBeLessThan(2 * 720);
  const embed = new Embed(page, 'first-look', 'A first look: three servers, and s1 crashes at 5 s');
  await embed.root.scrollIntoViewIfNeeded();
  await embed.waitUntilReady();
  await embed.button('Play').click();
  await embed.waitForTime(300);
});

test('an embed whose lesson overrides the scenario describes the run itself', async ({ page }) => {
  await page.goto('/lessons/introduction?e2e=1');
  const embed = new Embed(page, 'one-server-overloaded', 'One server, 40 busy clients');
  await embed.root.scrollIntoViewIfNeeded();
  const description = embed.root.locator('.sim__description');
  await expect(description).toHaveText(
    '2 nodes (lb, s1). 40 clients, up to 160 requests a second. No scheduled faults. Runs 12 s.',
  );
});
