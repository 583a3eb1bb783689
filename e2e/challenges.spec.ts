/**
 * A challenge solved through the UI: lesson 2's "lose an acknowledged write". An action after the deadline
 * is refused with a message saying what to do; retiming it in the schedule list fixes it; the check says
 * which property broke, the shrunk schedule appears beside the student's and replays in the embed; the
 * solution is saved (a reload and the Challenges page show it). Screenshots at 1280 px light and 375 px dark.
 */
import { Embed } from './embed';
import { expect, test, inEachLook } from './fixtures';

inEachLook(({ width, colorScheme }) => {
  test('solve "lose an acknowledged write" with the embed and the schedule list, see it shrunk, and find it saved', async ({
    page,
  }, testInfo) => {
    await page.goto('/lessons/replication?preview=instructor&e2e=1');
    const challenge = page.locator('#challenge-lose-an-acknowledged-write');
    const embed = new Embed(
      page,
      'challenge-lose-an-acknowledged-write-run',
      'Lose a write the client was told succeeded',
    );
    await embed.root.scrollIntoViewIfNeeded();
    await embed.waitUntilReady();
    await expect(challenge).toContainText('Actions used: 0 of 3');

    // Isolate n1 at 5 s: after the 4 s deadline.
    await embed.seekWithTimeline(5000);
    await embed.node('n1').click();
    await page.getByRole('menuitem', { name: 'Isolate n1 from the network' }).click();
    const schedule = challenge.getByRole('list', { name: 'Your fault schedule' });
    await expect(schedule.getByRole('listitem')).toHaveCount(1);
    await expect(challenge).toContainText('Actions used: 1 of 3');
    await challenge.getByRole('button', { name: 'Check my schedule' }).click();
    await expect(challenge.getByRole('alert')).toContainText(
      'One action happens after 4 s, the deadline. Move it earlier.',
    );

    // Move it to 2 s in the list.
    const time = schedule.getByRole('spinbutton', { name: /Time of “isolate n1/ });
    await time.fill('2');
    await time.press('Enter');
    await expect.poll(async () => (await embed.info()).commands).toEqual([{ at: 2000, isolate: 'n1' }]);

    await challenge.getByRole('button', { name: 'Check my schedule' }).click();
    const result = challenge.locator('.challenge__broken');
    await expect(result).toContainText('Broken! no-acknowledged-write-lost failed at', { timeout: 30_000 });
    await expect(result).toContainText('missing from n2, the leader at the end');
    const shrunk = result.getByRole('list', { name: 'Shrunk (1 action)' });
    await expect(shrunk).toContainText('isolate n1', { timeout: 30_000 });
    await expect(challenge.locator('.challenge__status')).toHaveText('solved');
    await challenge.screenshot({ path: testInfo.outputPath(`challenge-${width}-${colorScheme}.png`) });

    await result.getByRole('button', { name: 'Replay the shrunk schedule' }).click();
    await expect.poll(async () => (await embed.info()).now).toBe(0);
    await expect.poll(async () => (await embed.info()).commands).toEqual([{ at: 2000, isolate: 'n1' }]);

    await page.reload();
    await expect(page.locator('#challenge-lose-an-acknowledged-write .challenge__status')).toHaveText(
      'solved',
    );
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Challenges' }).click();
    const item = page.locator('.challenges-page__item', {
      hasText: 'Lose a write the client was told succeeded',
    });
    await expect(item).toContainText('Solved');
    await expect(item).toContainText('Your shrunk schedule: isolate n1 at 2000 ms');
    await expect(page.locator('.challenges-page__item')).toHaveCount(3);
    await page.screenshot({
      path: testInfo.outputPath(`challenges-page-${width}-${colorScheme}.png`),
      fullPage: true,
    });
  });
});
