/**
 * The Content-Security-Policy holds even on a host that does not send the header: every built page
 * carries the policy as a <meta> element too.
 */
import { expect, test } from './fixtures';

test('a host that drops the CSP header still gets the policy from the page’s <meta> element', async ({
  page,
  consoleErrors,
}) => {
  await page.route('**/lessons/introduction', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['content-security-policy'];
    await route.fulfill({ response, headers });
  });
  const response = await page.goto('/lessons/introduction');
  expect(response?.headers()['content-security-policy']).toBeUndefined();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("script-src 'self'");
  expect(policy).not.toContain('frame-ancestors');

  // An inline script, as an injected one would be: the <meta> policy must block it.
  const inlineRan = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'document.body.dataset.inlineRan = "yes"';
    document.head.append(script);
    return document.body.dataset.inlineRan === 'yes';
  });
  expect(inlineRan).toBe(false);
  // The fixture fails a test on any CSP violation; this one was caused on purpose (Chromium logs it, and
  // the fixture's listener reports it).
  const expected = consoleErrors.filter(
    (error) => error.includes("script-src 'self'") || error.startsWith('CSP violation: script-src'),
  );
  expect(expected).toHaveLength(2);
  consoleErrors.splice(
    0,
    consoleErrors.length,
    ...consoleErrors.filter((error) => !expected.includes(error)),
  );
});
