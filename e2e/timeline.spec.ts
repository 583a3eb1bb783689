/**
 * The timeline in a real browser: markers for the scenario's faults and the student's actions jump
 * there, acting in the past warns and can be undone, arrow keys move by the displayed step, the drop
 * list offers only messages in flight, "Keep running" lets a late request finish, and the shortcuts
 * work wherever focus is inside the embed. At 1280 px and 375 px.
 */
import { Embed } from './embed';
import { expect, test } from './fixtures';

const leaderCrash = { scenario: 'raft/leader-crash', autoplay: false };
const broadcast = {
  scenario: 'broadcast/basic',
  nodes: 3,
  autoplay: false,
  network: { latency: { minMs: 200, meanMs: 50, distribution: 'uniform' } },
  workload: { clients: 3, ratePerClient: 20, mix: { read: 0.5, write: 0.5, cas: 0 }, keys: { count: 3 } },
};

for (const width of [1280, 375]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    test('markers for the scenario’s faults and the student’s actions jump to their moment, by mouse and by keyboard', async ({
      page,
    }) => {
      const embed = await Embed.open(page, leaderCrash);
      const markers = embed.root.getByRole('group', { name: 'Faults and your actions' });
      await markers.getByRole('button', { name: 'Go to 2.00 s: crash n1 (scenario)' }).click();
      await embed.waitAt(2000);
      await expect(embed.status).toContainText('n1 crashed');

      await embed.seekWithTimeline(1234);
      await embed.crash('n3');
      const yours = markers.getByRole('button', { name: 'Go to 1.23 s: your action: crash n3' });
      await expect(yours).toBeVisible();
      await markers.getByRole('button', { name: /^Go to 4\.00 s: restart n1/ }).focus();
      await page.keyboard.press('Enter');
      await embed.waitAt(4000);
      await yours.focus();
      await page.keyboard.press('Enter');
      await embed.waitAt(1234);
    });

    test('acting in the past says what it discards, and Undo puts the later actions back', async ({
      page,
    }) => {
      const embed = await Embed.open(page, leaderCrash);
      await embed.seekWithTimeline(1000);
      await embed.crash('n2');
      await embed.seekWithTimeline(2500);
      await embed.node('n2').click();
      await page.getByRole('menuitem', { name: 'Restart n2' }).click();
      await expect.poll(async () => (await embed.info()).commands).toHaveLength(2);
      const before = await embed.info();

      await embed.seekWithTimeline(500);
      await expect(
        embed.root.getByText('2 of your actions come later. Acting here discards them', { exact: false }),
      ).toBeVisible();
      await embed.crash('n4');
      const notice = embed.root.getByRole('status').filter({ hasText: 'of yours were discarded' });
      await expect(notice).toContainText('You acted at 500 ms, so 2 later actions of yours were discarded');
      await expect.poll(async () => (await embed.info()).commands).toEqual([{ at: 500, crash: 'n4' }]);

      await notice.getByRole('button', { name: 'Undo' }).click();
      await expect(notice).toBeHidden();
      await expect.poll(async () => (await embed.info()).commands).toEqual(before.commands);
      await embed.waitAt(500);
      const again = await embed.seekWithTimeline(before.now);
      expect(again.digest).toBe(before.digest);
    });

    test('arrow keys on the timeline move by the step its time display shows', async ({ page }) => {
      const embed = await Embed.open(page, leaderCrash);
      await embed.seekWithTimeline(1000);
      await embed.timeline.focus();
      await page.keyboard.press('ArrowRight');
      await embed.waitAt(1010);
      await expect(embed.root.locator('.sim-time__now')).toHaveText('1.01 s');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      await embed.waitAt(990);
    });

    test('the drop list offers only messages in flight now, even after scrubbing', async ({ page }) => {
      const embed = await Embed.open(page, broadcast);
      await embed.seekWithTimeline(600);
      const drop = embed.root.getByLabel(/^Drop a message/);
      await drop.focus();
      expect(Number(await drop.inputValue())).toBeGreaterThan(0);
      const listed = async () =>
        drop
          .locator('option')
          .evaluateAll((options) =>
            options.map((option) => Number((option as HTMLOptionElement).value)).filter((id) => id > 0),
          );
      expect((await listed()).length).toBeGreaterThan(0);
      await embed.seekWithTimeline(1500);
      const inFlight = await page.evaluate(
        (key) => window.__simulations![key]!.getState().frame!.messages.map((message) => message.id),
        embed.key,
      );
      for (const id of await listed()) expect(inFlight).toContain(id);
      const chosen = Number(await drop.inputValue());
      if (chosen > 0) expect(inFlight).toContain(chosen);
    });

    test('Keep running lets a request sent just before the end finish, and is replayed as an action', async ({
      page,
    }) => {
      // A quorum write waits for replicas' acks across a 100 ms network: sent at 1.9 s, it cannot finish by 2 s.
      const embed = await Embed.open(page, {
        scenario: 'quorum/partition-quorum',
        faults: [],
        script: [],
        autoplay: false,
        network: { latency: { minMs: 100, meanMs: 20, distribution: 'uniform' } },
        durationMs: 2000,
      });
      await embed.seekWithTimeline(1900);
      const client = embed.root.getByRole('form', { name: 'Send a request' });
      await client.getByLabel('To node').selectOption('n2');
      await client.getByRole('button', { name: 'Send' }).click();
      await expect.poll(async () => (await embed.info()).commands).toHaveLength(1);
      await embed.seekWithTimeline(2000);
      const lastOperation = () =>
        page.evaluate(
          (key) =>
            window
              .__simulations![key]!.getState()
              .frame!.history.find((operation) => operation.process === 'you@n2') ?? null,
          embed.key,
        );
      expect(await lastOperation()).toMatchObject({ complete: null });

      await embed.button('Keep running 1.00 s').click();
      await embed.waitForTime(2400);
      await expect.poll(async () => (await lastOperation())?.ok).toBe(true);
      const info = await embed.info();
      expect(info.commands).toContainEqual({ at: 2000, keepRunning: 1000 });
      await expect(embed.root.locator('.sim-time__of')).toHaveText(' of 3.00 s');
    });

    test('shortcuts work with focus on the cluster and on the timeline, and the help lists them', async ({
      page,
    }) => {
      const embed = await Embed.open(page, leaderCrash);
      await embed.node('n1').focus();
      await page.keyboard.press('k');
      await expect(embed.button('Pause')).toBeVisible();
      await embed.timeline.focus();
      await page.keyboard.press('k');
      await expect(embed.button('Play')).toBeVisible();
      await embed.node('n2').focus();
      await page.keyboard.press('?');
      const help = embed.root.getByRole('region', { name: 'Keyboard shortcuts' });
      await expect(help).toBeVisible();
      await expect(help).toContainText('Play or pause');
      await page.keyboard.press('Escape');
      await expect(help).toBeHidden();
    });
  });
}
