import { chromium, defineConfig, devices } from '@playwright/test';
import { findChromium } from './scripts/browser/findChromium.ts';

/**
 * The Chromium to test in: CHROMIUM_PATH, else a system Chromium on the PATH (Debian's /usr/bin/chromium), else
 * Playwright's own download (undefined lets Playwright pick it). `npm test` checks first that there is one.
 */
function chromiumExecutable(): string | undefined {
  const search = findChromium({ env: process.env, playwrightChromiumPath: chromium.executablePath() });
  return search.found && search.source !== 'playwright' ? search.executablePath : undefined;
}

/** E2E_PORT lets two checkouts run their browser tests side by side without reusing each other's server. */
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    // The production build registers an offline service worker; specs opt in (e2e/offline.spec.ts) so that
    // the others see the network exactly as they route it.
    serviceWorkers: 'block',
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: [
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    // The test build: production-optimised, plus the test pages and the ?e2e=1 hook (see vite.config.ts).
    command: `npm run build:e2e && npx vite preview --mode e2e --port ${port} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
});
