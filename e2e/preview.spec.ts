import { expect, test } from './fixtures.ts';

test('instructor preview unlocks every lesson for the tab until turned off', async ({
  page,
  lessonPage,
  home,
}) => {
  await page.goto('/lessons/replication?preview=instructor');
  const banner = page.getByRole('status').filter({ hasText: 'Instructor preview is on' });
  await expect(banner).toBeVisible();
  await expect(lessonPage.title).toHaveText('Replication: leaders and followers');

  await home.goto();
  await expect(home.lessonCard(/Replication/)).toContainText('Available');
  await page.reload();
  await expect(banner).toBeVisible();

  await banner.getByRole('button', { name: 'Turn off preview' }).click();
  await expect(banner).toHaveCount(0);
  await expect(home.lessonCard(/Replication/)).toContainText('Locked');
  await page.reload();
  await expect(home.lessonCard(/Replication/)).toContainText('Locked');
});
