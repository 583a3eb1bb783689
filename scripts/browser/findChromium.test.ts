import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium } from './findChromium.ts';

const root = path.resolve(import.meta.dirname, '../..');

describe('findChromium', () => {
  const installed =
    (...files: string[]) =>
    (file: string) =>
      files.includes(file);

  it('takes CHROMIUM_PATH first, then a system Chromium on the PATH, then Playwright’s own', () => {
    const everywhere = installed('/opt/chrome/chrome', '/usr/bin/chromium', '/pw/chrome');
    const places = { playwrightChromiumPath: '/pw/chrome', isExecutable: everywhere };
    expect(
      findChromium({ ...places, env: { CHROMIUM_PATH: '/opt/chrome/chrome', PATH: '/usr/bin' } }),
    ).toEqual({ found: true, source: 'CHROMIUM_PATH', executablePath: '/opt/chrome/chrome' });
    expect(findChromium({ ...places, env: { CHROMIUM_PATH: '', PATH: '/usr/local/bin:/usr/bin' } })).toEqual({
      found: true,
      source: 'system',
      executablePath: '/usr/bin/chromium',
    });
    expect(findChromium({ ...places, env: { PATH: '/usr/local/bin' } })).toEqual({
      found: true,
      source: 'playwright',
      executablePath: '/pw/chrome',
    });
    expect(findChromium({ ...places, env: {}, playwrightChromiumPath: '/nowhere' })).toEqual({
      found: false,
    });
  });

  it('says what is wrong when CHROMIUM_PATH names no browser, rather than silently using another', () => {
    const search = findChromium({
      env: { CHROMIUM_PATH: '/typo/chromium', PATH: '/usr/bin' },
      playwrightChromiumPath: undefined,
      isExecutable: installed('/usr/bin/chromium'),
    });
    expect(search).toEqual({
      found: false,
      problem: 'CHROMIUM_PATH is set to /typo/chromium, but there is no browser there that can run',
    });
  });
});

describe('npm test on a machine with no Chromium and no network', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'no-browser-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('prints one message naming both ways to get a browser and exits non-zero before any test runs', async () => {
    // A PATH with node, npm and a shell but no Chromium; an empty Playwright browser folder; an installer whose
    // download host refuses connections.
    const bin = path.join(scratch, 'bin');
    mkdirSync(bin);
    for (const tool of ['node', 'npm', 'npx', 'sh']) {
      const { stdout } = await promisify(execFile)('sh', ['-c', `command -v ${tool}`]);
      symlinkSync(stdout.trim(), path.join(bin, tool));
    }
    const run = await promisify(execFile)('npm', ['test'], {
      cwd: root,
      env: {
        HOME: process.env.HOME,
        PATH: bin,
        CHROMIUM_PATH: '',
        PLAYWRIGHT_BROWSERS_PATH: path.join(scratch, 'playwright-browsers'),
        PLAYWRIGHT_DOWNLOAD_HOST: 'http://127.0.0.1:9',
      },
    }).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

    expect(run.code).not.toBe(0);
    expect(run.stdout).toContain("trying Playwright's installer once");
    expect(run.stderr).toContain(
      'npm test stopped before running any test: the browser tests need Chromium, and none was found.',
    );
    expect(run.stderr).toContain("Playwright's installer could not download one");
    expect(run.stderr).toContain('sudo apt-get install chromium');
    expect(run.stderr).toContain('npx playwright install chromium');
    expect(run.stderr.match(/npm test stopped/g), 'the message appears once').toHaveLength(1);
    expect(`${run.stdout}${run.stderr}`, 'nothing after the browser check ran').not.toMatch(
      /tsc --noEmit|eslint|vitest|playwright test/,
    );
  }, 120_000);
});
