/**
 * The engine runs identically in Node and in the browser's worker: the same (scenario, seed, command
 * log) gives the same digest at the same time. The Node side runs in this spec's process; the browser
 * side runs through engine-harness.html, which uses the course's real worker and client.
 */
import { expect, test, type Page } from '@playwright/test';
import { formatDigest } from '../src/engine/core/frame';
import { Timeline } from '../src/engine/core/timeline';
import { createSimulation } from '../src/engine/catalog/resolve';
import type { Action, ScenarioOverrides } from '../src/engine/core/schema';
import type { EngineHarness, HarnessRun } from '../src/worker/harness';

function nodeDigest(run: HarnessRun): string {
  const sim = createSimulation(run.scenario, run.overrides ?? {}, { checkInvariants: true });
  const timeline = new Timeline(sim, { commands: run.commands });
  timeline.seek(run.until);
  return formatDigest(sim.world.digest);
}

async function openHarness(page: Page): Promise<void> {
  await page.goto('/engine-harness.html');
  await expect(page.locator('#status')).toHaveText('ready');
}

/** Calls one of the harness's functions in the page. */
function harness<K extends keyof EngineHarness>(
  page: Page,
  method: K,
  run: HarnessRun,
): ReturnType<EngineHarness[K]> {
  return page.evaluate(
    ([name, argument]) =>
      (window.engineHarness![name as K] as (run: HarnessRun) => Promise<unknown>)(argument),
    [method, run] as [string, HarnessRun],
  ) as ReturnType<EngineHarness[K]>;
}

const overrides: ScenarioOverrides = {
  nodes: 5,
  workload: { clients: 6, ratePerClient: 20, keys: { count: 8 } },
  durationMs: 20_000,
};
const commands: Action[] = [
  {
    at: 1500,
    partition: [
      ['n1', 'n2'],
      ['n3', 'n4', 'n5'],
    ],
  },
  { at: 4000, crash: 'n3' },
  { at: 6000, heal: true },
  { at: 7000, restart: 'n3' },
];

test('the browser worker and Node compute the same digests', async ({ page }) => {
  await openHarness(page);
  for (const run of [
    { scenario: 'broadcast/basic', overrides: { ...overrides, seed: 1 }, until: 10_000 },
    { scenario: 'broadcast/basic', overrides: { ...overrides, seed: 2 }, until: 10_000 },
    { scenario: 'broadcast/basic', overrides: { ...overrides, seed: 1 }, commands, until: 12_000 },
  ] satisfies HarnessRun[]) {
    const browser = await harness(page, 'runTo', run);
    expect(browser.error).toBeNull();
    expect(browser.now).toBe(run.until);
    expect(browser.digest, `digest of ${JSON.stringify(run)}`).toBe(nodeDigest(run));
    expect(browser.commands).toEqual(run.commands ?? []);
  }
});

test('different seeds give different digests, in the browser too', async ({ page }) => {
  await openHarness(page);
  const one = await harness(page, 'runTo', {
    scenario: 'broadcast/basic',
    overrides: { ...overrides, seed: 1 },
    until: 5000,
  });
  const two = await harness(page, 'runTo', {
    scenario: 'broadcast/basic',
    overrides: { ...overrides, seed: 2 },
    until: 5000,
  });
  expect(one.digest).not.toBe(two.digest);
});

test('playing streams frames and lands on the same run as seeking', async ({ page }) => {
  await openHarness(page);
  const run: HarnessRun = {
    scenario: 'broadcast/basic',
    overrides: { ...overrides, seed: 3 },
    commands,
    until: 8000,
  };
  const { framesWhilePlaying, result } = await harness(page, 'playTo', run);
  expect(framesWhilePlaying).toBeGreaterThan(10);
  expect(result.digest).toBe(nodeDigest(run));
});

test('a dead worker is noticed, restarted and replayed to the last good time', async ({ page }) => {
  await openHarness(page);
  const run: HarnessRun = {
    scenario: 'broadcast/basic',
    overrides: { ...overrides, seed: 5 },
    commands,
    until: 9000,
  };
  const { failures, result } = await harness(page, 'surviveWorkerDeath', run);
  expect(failures).toEqual([{ message: 'The simulation worker stopped responding', fatal: false }]);
  expect(result.error).toBe('The simulation worker stopped responding');
  expect(result.now).toBe(9000);
  expect(result.commands).toEqual(commands);
  expect(result.digest).toBe(nodeDigest(run));
});
