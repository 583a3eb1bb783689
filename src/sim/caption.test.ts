import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../engine/catalog/resolve';
import { scenarios } from '../engine/catalog/registry';
import type { ScenarioOverrides } from '../engine/core/schema';
import { captionContradictions, describeRun, honestDescription } from './caption';

function resolved(id: string, overrides: ScenarioOverrides = {}) {
  const result = resolveScenario(id, overrides);
  if (!result.ok) throw new Error(result.problems.join('; '));
  return result.scenario;
}

describe('honest captions', () => {
  it('reports the numbers a lesson’s overrides contradict (lesson 1: 160 requests a second and no crash)', () => {
    const lessonRun = resolved('intro/single-server', {
      workload: { clients: 40, ratePerClient: 4, target: 'lb', keys: { count: 20 } },
      faults: [],
    });
    expect(captionContradictions(resolved('intro/single-server').description, lessonRun)).toEqual([
      '"80 requests per second": says 80 requests a second, but the run offers 160',
      '"crashes at 5 s": the run has no scheduled crash',
      '"comes back at 8 s": the run has no scheduled restart',
    ]);
    expect(captionContradictions('40 clients, up to 160 requests a second', lessonRun)).toEqual([]);
    expect(captionContradictions('20 clients', lessonRun)).toEqual([
      '"20 clients": says 20 clients, but the run has 40',
    ]);
  });

  it('reads a crash of a named node at a time', () => {
    const run = resolved('raft/leader-crash');
    expect(captionContradictions('n1 crashes at 2 s', run)).toEqual([]);
    expect(captionContradictions('crash n1 at 2 s', run)).toEqual([]);
    expect(captionContradictions('crash n2 at 2 s', run)).toEqual([
      '"crash n2 at 2 s": the run\'s crash is at 2 s',
    ]);
    expect(captionContradictions('the leader crashes at 3 s', run)).toEqual([
      '"crashes at 3 s": the run\'s crash is at 2 s',
    ]);
  });

  it('finds nothing to contradict in any registered scenario’s own description, or in the summary made from it', () => {
    for (const id of scenarios.keys()) {
      const scenario = resolved(id);
      expect(captionContradictions(scenario.description, scenario), id).toEqual([]);
      expect(captionContradictions(describeRun(scenario), scenario), id).toEqual([]);
    }
  });

  it('summarizes a run from the resolved scenario', () => {
    const lessonRun = resolved('intro/single-server', {
      workload: { clients: 40, ratePerClient: 4, target: 'lb', keys: { count: 20 } },
      faults: [],
    });
    expect(honestDescription(lessonRun)).toBe(describeRun(lessonRun));
    expect(honestDescription(resolved('intro/single-server'))).toMatch(/^A single server handles 80/);
    expect(describeRun(lessonRun)).toBe(
      '2 nodes (lb, s1). 40 clients, up to 160 requests a second. No scheduled faults. Runs 12 s.',
    );
    expect(describeRun(resolved('raft/leader-crash'))).toContain(
      'Scheduled: crash n1 at 2 s, restart n1 at 4 s.',
    );
  });
});
