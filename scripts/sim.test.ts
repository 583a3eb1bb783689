import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDigest } from '../src/engine/core/frame';
import { createSimulation } from '../src/engine/catalog/resolve';
import { historyFile } from '../src/engine/checkers/export';

const root = fileURLToPath(new URL('..', import.meta.url));
const sim = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/sim.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });

describe('npm run sim', () => {
  it('--json prints exactly one object with the run, matching the engine run in-process', () => {
    const result = sim('broadcast/basic', '--seed', '9', '--until', '2000', '--set', 'nodes=4', '--json');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report)).toEqual([
      'scenario',
      'seed',
      'digest',
      'events',
      'metrics',
      'history',
      'checks',
    ]);

    const direct = createSimulation('broadcast/basic', { seed: 9, nodes: 4 }, { checkInvariants: true });
    direct.runUntil(2000);
    expect(report).toMatchObject({
      scenario: 'broadcast/basic',
      seed: 9,
      digest: formatDigest(direct.world.digest),
      events: direct.world.counters.events,
    });
    expect(report.history).toHaveLength(direct.world.history.length);
    for (const item of report.history) {
      expect(Object.keys(item)).toEqual(['process', 'type', 'key', 'value', 'invoke', 'complete', 'ok']);
    }
    const read = report.history.find(
      (item: { type: string; ok: boolean }) => item.type === 'read' && item.ok,
    );
    expect(read).toBeDefined();
    expect(report.metrics.intervalMs).toBe(250);
    expect(report.metrics.samples).toHaveLength(7); // windows ending at 250, 500, … 1750 (2000 closes with the next event)
    expect(report.metrics.summary).toMatchObject({
      operations: direct.world.history.length,
      availability: 1,
    });
    expect(report.metrics.summary.latencyMs.p50).toBeGreaterThan(0);
    expect(Array.isArray(report.checks)).toBe(true);
  });

  it('--json gives a cas its expected and new value, [expected, new], so outside checkers can judge it', () => {
    const result = sim('raft/normal-election', '--seed', '3', '--until', '3000', '--json');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    const direct = createSimulation('raft/normal-election', { seed: 3 });
    direct.runUntil(3000);
    const cases = direct.world.history.flatMap((operation, index) =>
      operation.type === 'cas' ? [index] : [],
    );
    expect(cases.length).toBeGreaterThan(0);
    for (const index of cases) {
      const { expected, value } = direct.world.history[index]!;
      expect(report.history[index].value).toEqual([expected ?? null, value]);
    }
  });

  it.each(['edn', 'porcupine'] as const)(
    '--history %s prints the same file the History view downloads for that run',
    (format) => {
      const result = sim('raft/leader-crash', '--seed', '7', '--until', '6000', '--history', format);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const direct = createSimulation('raft/leader-crash', { seed: 7 }, { checkInvariants: true });
      direct.runUntil(6000);
      expect(direct.world.history.length).toBeGreaterThan(10);
      expect(result.stdout).toBe(historyFile(direct, format).text);
    },
  );

  it('rejects an unknown scenario with the known ids, the usage and a non-zero exit', () => {
    const result = sim('broadcast/nope');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/unknown scenario "broadcast\/nope"\. Known scenarios: .*broadcast\/basic/);
    expect(result.stderr).toMatch(/Usage:/);
  });
});
