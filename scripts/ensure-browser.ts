/**
 * The first step of `npm test`: makes sure the browser tests have a Chromium. Uses CHROMIUM_PATH, a system
 * Chromium or Playwright's own; when there is none, runs Playwright's installer once; when that fails too,
 * prints one message naming both ways to get a browser and exits 1, so no browser test runs without one.
 */
import { spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { findChromium, type ChromiumSearch } from './browser/findChromium.ts';

const installTimeoutMs = 5 * 60_000;

const search = (): ChromiumSearch =>
  findChromium({ env: process.env, playwrightChromiumPath: chromium.executablePath() });

function main(): number {
  const first = search();
  if (first.found) return 0;
  if (first.problem) return stop(first.problem);

  console.log(
    "No Chromium found for the browser tests; trying Playwright's installer once (npx playwright install chromium)…",
  );
  const install = spawnSync('npx', ['playwright', 'install', 'chromium'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    timeout: installTimeoutMs,
  });
  const afterInstall = search();
  if (install.status === 0 && afterInstall.found) return 0;
  const reason =
    install.error?.message ??
    install.stderr
      .split('\n')
      .find((line) => line.startsWith('Error:'))
      ?.replace(/^Error:\s*/, '') ??
    `the installer exited with code ${install.status}`;
  return stop(`Playwright's installer could not download one (${reason})`);
}

function stop(problem: string): number {
  console.error(`
npm test stopped before running any test: the browser tests need Chromium, and none was found. ${problem}.
Get a browser in either of two ways, then run npm test again:
  1. Use an installed Chromium or Chrome: on Debian or Ubuntu, sudo apt-get install chromium; elsewhere set
     CHROMIUM_PATH=/path/to/chromium (CHROMIUM_PATH=/usr/bin/chromium npm test).
  2. Let Playwright download its own, with network access: npx playwright install chromium
Until then, npm run test:unit runs the tests that need no browser.`);
  return 1;
}

process.exitCode = main();
