import { describe, expect, it } from 'vitest';
import { resolveScenario, validateAction } from '../catalog/resolve';
import type { ScenarioOverrides } from './schema';

const problems = (overrides: ScenarioOverrides) => {
  const result = resolveScenario('broadcast/basic', overrides);
  return result.ok ? [] : result.problems;
};

describe('scenario validation messages', () => {
  it('names an unknown fault and lists the known ones', () => {
    expect(problems({ faults: [{ at: 1, crash: 'n1' }, { at: 2, crashh: 'n1' } as never] })).toEqual([
      'faults[1]: unknown fault "crashh"; expected one of crash, restart, pause, resume, slow, partition, isolate, cut, heal, dropMessage, setLatency, setLossRate, client, operator, keepRunning',
    ]);
  });

  it('points inside a fault of a known kind', () => {
    expect(problems({ faults: [{ at: 3, pause: 'n1' } as never] })).toEqual([
      'faults[0].durationMs: required (expected number)',
    ]);
    expect(problems({ faults: [{ at: 3, slow: 'n1', factor: 5000 }] })).toEqual([
      'faults[0].factor: Too big: expected number to be <=1000',
    ]);
    expect(problems({ faults: [{ at: 3, partition: [['n1']] }] })).toEqual([
      'faults[0].partition: a partition needs at least two groups',
    ]);
    expect(problems({ faults: [{ at: -1, heal: true }] })).toEqual([
      'faults[0].at: times cannot be negative',
    ]);
    expect(problems({ faults: [{ at: 1.5, heal: true }] })).toEqual([
      'faults[0].at: times are whole milliseconds',
    ]);
  });

  it('says when one entry holds two faults', () => {
    expect(problems({ faults: [{ at: 4, crash: 'n1', restart: 'n2' } as never] })).toEqual([
      'faults[0]: one fault per entry, but this one has crash and restart',
    ]);
  });

  it('gives ranges for numbers and choices for enums', () => {
    expect(problems({ network: { lossRate: -0.5 } })).toEqual([
      'network.lossRate: a probability is between 0 and 1',
    ]);
    expect(problems({ durationMs: 0 })).toEqual(['durationMs: Too small: expected number to be >=1']);
    expect(problems({ workload: { keys: { distribution: 'zipff' as never } } })).toEqual([
      'workload.keys.distribution: Invalid option: expected one of "uniform"|"zipf"|"hot"',
    ]);
    expect(problems({ workload: { target: 5 as never } })).toEqual([
      'workload.target: expected one of "home"|"random" or string (got 5)',
    ]);
  });

  it('catches typos in field names', () => {
    expect(problems({ netwrk: {} } as never)).toEqual(['unknown field "netwrk" (a typo?)']);
    expect(problems({ params: { w: 2, r: 1 } })).toEqual(['params: unknown fields "w", "r" (a typo?)']);
  });

  it('checks node names in every place that has one', () => {
    expect(
      problems({
        faults: [
          { at: 1, cut: { from: 'n1', to: 'n8' } },
          { at: 2, partition: [['n1'], ['n9']] },
        ],
        script: [{ at: 3, node: 'n7', op: 'read', key: 'x' }],
        workload: { clients: 1, target: 'n6' },
      }),
    ).toEqual([
      'faults[0].cut: there is no node "n8" (nodes: n1, n2, n3)',
      'faults[1].partition: there is no node "n9" (nodes: n1, n2, n3)',
      'script[0].node: there is no node "n7" (nodes: n1, n2, n3)',
      'workload.target: there is no node "n6" (nodes: n1, n2, n3)',
    ]);
  });

  it('rejects duplicate node ids and bad ones', () => {
    expect(problems({ nodes: [{ id: 'a' }, { id: 'a' }] })).toEqual(['nodes: node ids must be unique']);
    expect(problems({ nodes: [{ id: '1abc' }] })[0]).toMatch(
      /^nodes\[0\]\.id: a node id is a letter followed by/,
    );
  });
});

describe('student actions', () => {
  it('are validated like faults, against the scenario’s nodes', () => {
    expect(validateAction({ at: 0, crash: 'n2' }, ['n1', 'n2'])).toEqual({
      ok: true,
      action: { at: 0, crash: 'n2' },
    });
    expect(validateAction({ at: 0, crash: 'n3' }, ['n1', 'n2'])).toEqual({
      ok: false,
      problems: ['action.crash: there is no node "n3" (nodes: n1, n2)'],
    });
    expect(validateAction({ at: 0, explode: 'n1' }, ['n1'])).toEqual({
      ok: false,
      problems: [
        'action: unknown action "explode"; expected one of crash, restart, pause, resume, slow, partition, isolate, cut, heal, dropMessage, setLatency, setLossRate, client, operator, keepRunning',
      ],
    });
    expect(validateAction({ at: 0, slow: 'n1' }, ['n1'])).toEqual({
      ok: true,
      action: { at: 0, slow: 'n1', factor: 10 },
    });
  });
});
