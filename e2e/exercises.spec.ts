import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/** Serious and critical accessibility problems inside one part of the page, in light or dark mode. */
async function violationsIn(page: Page, selector: string) {
  const results = await new AxeBuilder({ page })
    .include(selector)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
    );
}

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

test.describe('Which database?', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/lessons/real-world-design?preview=instructor');
  });

  test('can be played to the end with the keyboard alone, with feedback and focus where they belong', async ({
    page,
  }) => {
    const exercise = page.getByRole('region', { name: 'Which database?' });
    await expect(exercise.getByText('Application 1 of 8 · Score: 0 of 0')).toBeVisible();
    // Tab into the first option from the element just before the exercise.
    await exercise.getByRole('heading', { name: 'A global online shop' }).focus();
    await page.keyboard.press('Tab');
    expect(await focusedText(page)).toContain('Distributed SQL');
    // The wrong answer first: Tab to the second option and press Enter.
    await page.keyboard.press('Tab');
    expect(await focusedText(page)).toContain('Eventually consistent NoSQL');
    await page.keyboard.press('Enter');
    await expect(exercise.getByText('Not the best fit. Best fit: Distributed SQL.')).toBeVisible();
    expect(await focusedText(page)).toContain('Not the best fit');
    await expect(exercise.getByText('Application 1 of 8 · Score: 0 of 1')).toBeVisible();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    // The rest right: the best option's position among the four buttons, for applications 2 to 8.
    const bestPositions = [1, 1, 0, 1, 2, 3, 1];
    for (const [index, position] of bestPositions.entries()) {
      await expect(exercise.getByText(`Application ${index + 2} of 8`)).toBeVisible();
      for (let step = 0; step <= position; step++) await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      expect(await focusedText(page)).toMatch(/^Right: /);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
    }
    await expect(exercise.getByRole('heading', { name: 'You matched 7 of 8' })).toBeFocused();
    await expect(
      exercise.getByText('You chose Eventually consistent NoSQL; best fit: Distributed SQL.'),
    ).toBeVisible();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(exercise.getByRole('heading', { name: 'A global online shop' })).toBeFocused();
  });

  test('has no serious accessibility problems in light or dark mode, answered or not, and fits a 375 px screen', async ({
    page,
  }) => {
    const exercise = page.getByRole('region', { name: 'Which database?' });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: 375, height: 800 });
      await exercise.scrollIntoViewIfNeeded();
      expect(await violationsIn(page, '.which-db'), `${scheme}, unanswered`).toEqual([]);
      await exercise.getByRole('button', { name: /^Sharded document store/ }).click();
      expect(await violationsIn(page, '.which-db'), `${scheme}, answered`).toEqual([]);
      const overflow = await exercise.evaluate((element) => element.scrollWidth - element.clientWidth);
      expect(overflow, `${scheme}: nothing sticks out sideways`).toBeLessThanOrEqual(0);
      await page.reload();
    }
  });
});

test.describe('Shard key chooser', () => {
  test('changes its measurements from the keyboard and has no serious accessibility problems', async ({
    page,
  }) => {
    await page.goto('/lessons/partitioning?preview=instructor');
    const chooser = page.getByRole('region', { name: 'Shard key chooser' });
    await expect(
      chooser.getByRole('row', { name: /Shards asked for posts by one user 1 of 8 shards/ }),
    ).toBeVisible();
    await chooser.getByRole('radio', { name: 'User id' }).focus();
    await page.keyboard.press('ArrowDown');
    await expect(chooser.getByRole('radio', { name: 'Creation time' })).toBeChecked();
    await chooser.getByRole('radio', { name: 'Hash of the key' }).focus();
    await page.keyboard.press('ArrowDown');
    await expect(chooser.getByRole('radio', { name: 'Ranges of the key' })).toBeChecked();
    await expect(
      chooser.getByRole('row', {
        name: /Shards asked for posts in a time window 1\.1 of 8 shards on average/,
      }),
    ).toBeVisible();
    await expect(chooser.getByText('100% of new posts land on one shard: a write hot spot.')).toBeVisible();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await violationsIn(page, '.exercise'), scheme).toEqual([]);
    }
  });
});
