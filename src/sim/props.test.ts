import { describe, expect, it } from 'vitest';
import { controlNames, defaultViews, validateProps } from './props';

describe('validateProps', () => {
  it('accepts a scenario with overrides and fills in defaults', () => {
    const result = validateProps({ scenario: 'broadcast/basic', seed: 7, nodes: 5, title: 'Try it' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config).toMatchObject({
      scenario: 'broadcast/basic',
      overrides: { seed: 7, nodes: 5 },
      embedKey: 'broadcast/basic',
      title: 'Try it',
      views: defaultViews,
      controls: controlNames,
      autoplay: true,
      speed: 1,
    });
    expect(result.config.resolved.seed).toBe(7);
  });

  it('accepts a whole scenario written inline, keyed by its own id, and checks its fields', () => {
    const inline = {
      id: 'lesson/two-replicas',
      title: 'Two replicas',
      description: 'Both replicas apply every write.',
      protocol: 'broadcast',
      nodes: 2,
    };
    const result = validateProps({ scenario: inline, seed: 4 });
    expect(result.ok && result.config.scenario).toBe('lesson/two-replicas');
    expect(result.ok && result.config.embedKey).toBe('lesson/two-replicas');
    expect(result.ok && result.config.source).toEqual(inline);
    expect(result.ok && result.config.resolved.seed).toBe(4);
    const broken = validateProps({ scenario: { ...inline, protocol: 'nope' } });
    expect(!broken.ok && broken.problems.join('\n')).toMatch(/protocol: unknown protocol "nope"/);
  });

  it('names an unknown scenario and lists the known ones', () => {
    const result = validateProps({ scenario: 'broadcast/nope' });
    expect(result).toEqual({
      ok: false,
      problems: [
        expect.stringMatching(/Unknown scenario "broadcast\/nope". Known scenarios: .*broadcast\/basic/),
      ],
    });
  });

  it('names a misspelt view or control and lists the allowed ones', () => {
    const result = validateProps({
      scenario: 'broadcast/basic',
      views: ['clutser'],
      controls: ['play', 'rewind'],
    });
    expect(result.ok ? [] : result.problems).toEqual([
      'views: "clutser" is not one of the allowed views: cluster, detail, keyspace, spacetime, history, charts',
      `controls: "rewind" is not one of the allowed controls: ${controlNames.join(', ')}`,
    ]);
  });

  it('names a prop that does not exist', () => {
    const result = validateProps({ scenario: 'broadcast/basic', sead: 3 });
    expect(result.ok ? [] : result.problems).toEqual([
      expect.stringMatching(/^sead: not a prop of <Simulation>. Allowed props: scenario, id, title/),
    ]);
  });

  it('passes scenario override problems through with the field named', () => {
    const result = validateProps({ scenario: 'broadcast/basic', nodes: 0, speed: 500 });
    const problems = result.ok ? [] : result.problems;
    expect(problems.some((problem) => problem.startsWith('speed: speed is between 0.1 and 100'))).toBe(true);
    const overrideOnly = validateProps({ scenario: 'broadcast/basic', faults: [{ at: 5, crash: 'n9' }] });
    expect(overrideOnly.ok ? [] : overrideOnly.problems).toEqual([
      'faults[0].crash: there is no node "n9" (nodes: n1, n2, n3)',
    ]);
  });

  it('requires a scenario', () => {
    const result = validateProps({});
    expect(result.ok ? [] : result.problems).toEqual([expect.stringContaining('scenario')]);
  });
});
