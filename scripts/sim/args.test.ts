import { describe, expect, it } from 'vitest';
import { applySettings, parseArgs, parseSetting } from './args';

describe('sim arguments', () => {
  it('reads a run with every option', () => {
    expect(
      parseArgs([
        'raft/basic',
        '--seed',
        '7',
        '--until=5000',
        '--json',
        '--trace',
        '--set',
        'params.w=2',
        '--set=nodes=5',
      ]),
    ).toEqual({
      ok: true,
      command: {
        kind: 'run',
        scenario: 'raft/basic',
        seed: 7,
        until: 5000,
        json: true,
        trace: true,
        settings: [
          { path: ['params', 'w'], value: 2 },
          { path: ['nodes'], value: 5 },
        ],
      },
    });
  });

  it('reads --history edn, jepsen (the same) and porcupine', () => {
    const format = (value: string) => {
      const result = parseArgs(['raft/basic', '--history', value]);
      if (!result.ok) return result.error;
      return result.command.kind === 'run' ? result.command.history : result.command.kind;
    };
    expect(format('edn')).toBe('edn');
    expect(format('jepsen')).toBe('edn');
    expect(format('porcupine')).toBe('porcupine');
    expect(format('knossos')).toBe('--history must be edn (or jepsen) or porcupine (got "knossos")');
    expect(parseArgs(['raft/basic', '--history', 'edn', '--json'])).toEqual({
      ok: false,
      error: '--history prints only the history; leave out --json and --trace',
    });
  });

  it('reads --list and --help', () => {
    expect(parseArgs(['--list'])).toEqual({ ok: true, command: { kind: 'list' } });
    expect(parseArgs(['broadcast/basic', '--help'])).toEqual({ ok: true, command: { kind: 'help' } });
  });

  it('says what is wrong with bad arguments', () => {
    const error = (argv: string[]) => {
      const result = parseArgs(argv);
      return result.ok ? null : result.error;
    };
    expect(error([])).toMatch(/which scenario/);
    expect(error(['a/b', '--seed', '-1'])).toBe(
      '--seed must be a whole number from 0 to 4294967295 (got "-1")',
    );
    expect(error(['a/b', '--seed', 'x'])).toBe(
      '--seed must be a whole number from 0 to 4294967295 (got "x")',
    );
    expect(error(['a/b', '--seed', '4294967296'])).toMatch(/--seed must be a whole number/);
    expect(error(['a/b', '--until', '1.5'])).toBe(
      '--until must be a whole number of simulated ms (got "1.5")',
    );
    expect(error(['a/b', '--seed'])).toBe('--seed needs a value');
    expect(error(['a/b', '--frobnicate'])).toBe('unknown option --frobnicate');
    expect(error(['a/b', 'c/d'])).toBe('one scenario at a time (got "a/b" and "c/d")');
    expect(error(['a/b', '--set', 'params.w'])).toMatch(/--set needs path=value/);
    expect(error(['--list', 'a/b'])).toBe('--list takes no scenario id');
    expect(error(['a/b', '--json=yes'])).toBe('--json takes no value');
  });

  it('parses setting values as JSON when they are, else as strings', () => {
    expect(parseSetting('workload.target=n2')).toEqual({ path: ['workload', 'target'], value: 'n2' });
    expect(parseSetting('network.latency={"minMs":5}')).toEqual({
      path: ['network', 'latency'],
      value: { minMs: 5 },
    });
    expect(parseSetting('a.b=true')).toEqual({ path: ['a', 'b'], value: true });
  });

  it('applies settings deeply without touching the original', () => {
    const base = { seed: 1, workload: { clients: 3, ratePerClient: 20 }, faults: [{ at: 5, crash: 'n1' }] };
    const changed = applySettings(base, [
      { path: ['workload', 'clients'], value: 9 },
      { path: ['params', 'w'], value: 2 },
      { path: ['faults', '0', 'at'], value: 50 },
    ]);
    expect(changed).toEqual({
      seed: 1,
      workload: { clients: 9, ratePerClient: 20 },
      params: { w: 2 },
      faults: [{ at: 50, crash: 'n1' }],
    });
    expect(base.workload.clients).toBe(3);
  });
});
