/**
 * The production build ships the course and nothing test-only: no test pages (bench-ui.html mounts any
 * simulation from its URL, engine-harness.html drives the worker) and no `?e2e=1` store hook. The test build
 * (`vite build --mode e2e`, see vite.config.ts) has them, for the browser tests and `npm run bench:ui`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, resolveConfig } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const outDirs: string[] = [];

async function buildInto(mode: string): Promise<string> {
  const outDir = mkdtempSync(path.join(tmpdir(), `ddb-build-${mode}-`));
  outDirs.push(outDir);
  // Vitest sets NODE_ENV=test, which would make this a development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root, mode, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return outDir;
}

/** The built JavaScript, all of it, as one string. */
function scripts(outDir: string): string {
  const assets = path.join(outDir, 'assets');
  return readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .map((name) => readFileSync(path.join(assets, name), 'utf8'))
    .join('\n');
}

afterAll(() => {
  for (const outDir of outDirs) rmSync(outDir, { recursive: true, force: true });
});

describe('the production build', () => {
  it('has no test pages and no e2e store hook; the test build has both', async () => {
    const production = await buildInto('production');
    expect(readdirSync(production)).toContain('index.html');
    expect(readdirSync(production)).not.toContain('bench-ui.html');
    expect(readdirSync(production)).not.toContain('engine-harness.html');
    expect(scripts(production)).not.toContain('__simulations');
  }, 180_000);

  it('leaves them to the test build, which the browser tests and bench:ui use', async () => {
    const testBuild = await resolveConfig({ root, mode: 'e2e' }, 'build', 'production');
    expect(Object.values(testBuild.build.rollupOptions.input ?? {})).toEqual(
      expect.arrayContaining(['bench-ui.html', 'engine-harness.html']),
    );
    expect(testBuild.build.outDir).toBe('dist-e2e');
  });
});
