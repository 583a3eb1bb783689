/**
 * Simulations a student can watch: in lesson 5's Raft leader crash at the default speed, the election's
 * messages stay on screen (slow motion while a few messages fly), the RequestVote messages are drawn, and
 * the speed control says what one second shows.
 */
import { Embed, justWatch } from './embed';
import { expect, passedAttempt, savedProgress, test, inEachLook } from './fixtures';

inEachLook(() => {
  test('Raft leader crash at the default speed: at least 90% of frames during the election show a message, RequestVote among them', async ({
    page,
  }) => {
    await page.goto('/lessons/failover-and-consensus?preview=instructor&e2e=1');
    const embed = new Embed(page, 'raft-leader-crash', 'Raft: the leader crashes at 2 s');
    await embed.root.scrollIntoViewIfNeeded();
    await embed.waitUntilReady();
    // Play waits for the lesson's predictions about this run; this test is about the drawing.
    await justWatch(page, 'raft-crash-term', 'raft-crash-writes-kept');
    await expect(embed.root.locator('.sim-field__hint')).toHaveText(
      '1 s shows 10 ms while messages fly, 1.00 s otherwise',
    );
    // Straight to just after the crash, then play through the election, sampling every painted frame.
    await embed.seekWithTimeline(2000);
    const samples = await page.evaluate(async () => {
      const store = window.__simulations!['raft-leader-crash']!;
      const seen: { now: number; messages: number; labels: string[] }[] = [];
      let firstVoteAt = Infinity;
      store.getState().play();
      await new Promise<void>((resolve) => {
        const sample = () => {
          const frame = store.getState().frame!;
          const labels = frame.messages.map((message) => message.label);
          if (frame.playing) seen.push({ now: frame.now, messages: frame.messages.length, labels });
          if (labels.some((label) => label.startsWith('RequestVote')))
            firstVoteAt = Math.min(firstVoteAt, frame.now);
          // Stop once the judged window has passed: slow motion makes every further millisecond cost real seconds.
          if (frame.now >= Math.min(firstVoteAt + 60, 2600) || seen.length > 4000) resolve();
          else requestAnimationFrame(sample);
        };
        requestAnimationFrame(sample);
      });
      store.getState().pause();
      return seen;
    });
    // The election: from the first vote request to the new leader's first heartbeats.
    const first = samples.findIndex((sample) =>
      sample.labels.some((label) => label.startsWith('RequestVote')),
    );
    expect(first, 'a RequestVote message is drawn').toBeGreaterThanOrEqual(0);
    const election = samples.slice(first).filter((sample) => sample.now < samples[first]!.now + 60);
    const showing = election.filter((sample) => sample.messages > 0).length;
    // Enough painted frames to judge (fewer under a heavily loaded machine, which paints less often).
    expect(election.length).toBeGreaterThan(10);
    expect(showing / election.length).toBeGreaterThanOrEqual(0.9);
    // And the canvas really has the messages on it while one is in flight.
    await expect(embed.root.locator('.viz-cluster canvas, canvas').first()).toBeVisible();
  });
});

test('after passing lesson 1, the home page continues with the next lesson, not the one already passed', async ({
  page,
  home,
}) => {
  await home.seedStorage(savedProgress({ introduction: { attempts: [passedAttempt(4)] } }));
  await expect(
    page.getByRole('link', { name: 'Continue with the next lesson: Replication: leaders and followers' }),
  ).toBeVisible();
});
