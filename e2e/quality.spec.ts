import {
  expect,
  passedAttempt,
  quizLessons,
  savedProgress,
  seriousA11yViolations,
  test,
} from './fixtures.ts';

const pages = ['/', '/lessons/introduction', '/lessons/replication', '/certificate', '/missing'];

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('home and lesson pages have no serious accessibility violations', async ({ home, page, quiz }) => {
      await home.seedStorage(savedProgress({ introduction: { attempts: [passedAttempt()] } }));
      expect(await seriousA11yViolations(page)).toEqual([]);

      await page.goto('/lessons/introduction');
      await expect(quiz.region).toBeVisible();
      expect(await seriousA11yViolations(page)).toEqual([]);

      await quiz.submit(await quiz.answersFor('introduction', (position) => position === 0));
      expect(await seriousA11yViolations(page)).toEqual([]);
    });
  });
}

test.describe('dark mode', () => {
  test.use({ colorScheme: 'dark' });

  test('uses a dark background with light, readable text', async ({ page }) => {
    await page.goto('/lessons/introduction');
    await expect(page.locator('.lesson__body p').first()).toBeVisible();
    const colours = await page.evaluate(() => {
      const channels = (colour: string) => (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const luminance = (colour: string) => {
        const [r = 0, g = 0, b = 0] = channels(colour).map((value) => {
          const c = value / 255;
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const body = getComputedStyle(document.body);
      const paragraph = getComputedStyle(document.querySelector('.lesson__body p')!);
      const background = luminance(body.backgroundColor);
      const text = luminance(paragraph.color);
      return {
        background,
        contrast: (Math.max(background, text) + 0.05) / (Math.min(background, text) + 0.05),
      };
    });
    expect(colours.background).toBeLessThan(0.05);
    expect(colours.contrast).toBeGreaterThan(7);
  });
});

test.describe('on a 375px-wide phone', () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test('no page scrolls sideways', async ({ page }) => {
    for (const path of pages) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `${path} is wider than the screen`).toBe(0);
    }
  });
});

test('React style props still apply under the CSP (the progress bar fills)', async ({ home }) => {
  await home.seedStorage(savedProgress({ introduction: { attempts: [passedAttempt()] } }));
  const fill = home.progressBar.locator('.progress__fill');
  const track = await home.progressBar.boundingBox();
  const filled = await fill.boundingBox();
  expect(filled!.width / track!.width).toBeCloseTo(1 / quizLessons.length, 1);
});
