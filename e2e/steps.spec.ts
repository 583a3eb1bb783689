/**
 * Guided steps in a real lesson: lesson 5's Raft leader crash pauses by itself at 1.9 s, when n1 crashes and
 * when the first vote request is sent, ticks each step off, and "Go to" jumps to a moment found in the run.
 * The steps done are saved: a reload keeps them, and "Start the steps again" clears them.
 */
import { Embed, justWatch } from './embed';
import { expect, test, inEachLook } from './fixtures';

inEachLook(() => {
  test('guided steps pause the Raft run at 1.9 s, when n1 crashes and at the first RequestVote, Go to jumps to the new leader, and the steps done survive a reload', async ({
    page,
  }) => {
    await page.goto('/lessons/failover-and-consensus?preview=instructor&e2e=1');
    const embed = new Embed(page, 'raft-leader-crash', 'Raft: the leader crashes at 2 s');
    const steps = page.locator('[data-steps-for="raft-leader-crash"]');
    await embed.root.scrollIntoViewIfNeeded();
    await embed.waitUntilReady();
    const step = (n: number) => steps.locator('.sim-step').nth(n - 1);
    await expect(step(1)).toHaveAttribute('aria-current', 'step');
    await expect(step(1)).toContainText('Play pauses at 1.9 s.');
    // Slow motion makes 1.9 s of Raft take about 20 s of wall time at 1×; this test plays at 10×.
    await page.evaluate(() => window.__simulations!['raft-leader-crash']!.getState().setSpeed(10));
    // The lesson asks for predictions before Play; this test just watches.
    await justWatch(page, 'raft-crash-term', 'raft-crash-writes-kept');

    await embed.button('Play').click();
    await embed.waitAt(1900);
    await expect(step(1).getByRole('button', { name: /Step 1: done/ })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(steps).toContainText('1 of 6 done');
    await expect(step(2)).toHaveAttribute('aria-current', 'step');
    await expect(embed.status).toContainText('paused at 1.9 s');

    await embed.button('Play').click();
    await embed.waitAt(2000);
    await expect(embed.node('n1')).toHaveAccessibleName(/crashed/);
    await expect(embed.status).toContainText('paused when n1 crashes');
    await expect(steps).toContainText('2 of 6 done');

    await embed.button('Play').click();
    const vote = await page.waitForFunction(() => {
      const frame = window.__simulations?.['raft-leader-crash']?.getState().frame;
      return frame &&
        !frame.playing &&
        frame.reached?.moment &&
        'event' in frame.reached.moment &&
        frame.reached.moment.event === 'send'
        ? frame.now
        : null;
    });
    const voteAt = (await vote.jsonValue()) as number;
    expect(voteAt).toBeGreaterThanOrEqual(2150);
    expect(voteAt).toBeLessThanOrEqual(2300);
    await expect(steps).toContainText('3 of 6 done');

    // Jump straight to the new leader (step 4) without playing there.
    await step(4)
      .getByRole('button', { name: /^Go to: a new leader is elected/ })
      .click();
    await expect(steps).toContainText('4 of 6 done');
    await expect(steps.getByRole('status')).toContainText(/Went to 2\.\d\d s/);
    await expect(embed.root.getByRole('button', { name: /^n\d, leader/ })).toHaveCount(1);

    // A step can be ticked off (and back) by hand.
    await step(6)
      .getByRole('button', { name: /Step 6: mark as done/ })
      .click();
    await expect(steps).toContainText('5 of 6 done');

    // A reload keeps the steps done, and the first one not done is current again.
    await page.reload();
    await expect(steps).toContainText('5 of 6 done');
    await expect(step(5)).toHaveAttribute('aria-current', 'step');
    await expect(step(6).getByRole('button', { name: /Step 6: done/ })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await steps.getByRole('button', { name: 'Start the steps again' }).click();
    await expect(steps).toContainText('0 of 6 done');
    await expect(step(1)).toHaveAttribute('aria-current', 'step');
    await page.reload();
    await expect(steps).toContainText('0 of 6 done');
    await expect(steps.getByRole('button', { name: 'Start the steps again' })).toBeDisabled();
  });
});
