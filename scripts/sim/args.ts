/**
 * Command-line arguments of `npm run sim`. Parsing is pure so it can be unit-tested; every mistake
 * comes back as a sentence the CLI prints above the usage.
 */
export const usage = `Usage:
  npm run sim -- --list
  npm run sim -- <scenario-id> [--seed N] [--until MS] [--set path=value]... [--json] [--trace]
  npm run sim -- <scenario-id> [--seed N] [--until MS] [--set path=value]... --history edn|porcupine

Options:
  --list             list the scenario ids with their titles
  --seed N           the run's seed, a whole number from 0 to 4294967295 (default: the scenario's)
  --until MS         stop at this simulated time in ms (default: the scenario's durationMs)
  --set path=value   change one field of the scenario before running, e.g. --set params.w=2,
                     --set nodes=5, --set workload.ratePerClient=50 (value is JSON, or else a string)
  --json             print exactly one JSON object: { scenario, seed, digest, events, metrics, history, checks }
  --trace            record every event (a "trace" list in JSON, one line per event otherwise)
  --history FORMAT   print only the run's history, for an outside checker: edn (Jepsen's history.edn,
                     for Knossos and Elle; "jepsen" works too) or porcupine (Porcupine's operations as JSON)
  --help             show this help`;

import { historyFormats, type HistoryFormat } from '../../src/engine/checkers/export';

export interface Setting {
  path: string[];
  value: unknown;
}

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'list' }
  | {
      kind: 'run';
      scenario: string;
      seed?: number;
      until?: number;
      json: boolean;
      trace: boolean;
      history?: HistoryFormat;
      settings: Setting[];
    };

export type ParseResult = { ok: true; command: CliCommand } | { ok: false; error: string };

const flagsWithValues = new Set(['--seed', '--until', '--set', '--history']);
const switches = new Set(['--json', '--trace', '--list', '--help', '-h']);

export function parseArgs(argv: readonly string[]): ParseResult {
  let scenario: string | undefined;
  let seed: number | undefined;
  let until: number | undefined;
  let json = false;
  let trace = false;
  let history: HistoryFormat | undefined;
  let list = false;
  const settings: Setting[] = [];

  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token.startsWith('-')) {
      const [flag, inline] = splitFlag(token);
      if (switches.has(flag)) {
        if (inline !== undefined) return fail(`${flag} takes no value`);
        if (flag === '--help' || flag === '-h') return { ok: true, command: { kind: 'help' } };
        if (flag === '--json') json = true;
        if (flag === '--trace') trace = true;
        if (flag === '--list') list = true;
        continue;
      }
      if (!flagsWithValues.has(flag)) return fail(`unknown option ${flag}`);
      const value = inline ?? argv[++i];
      if (value === undefined) return fail(`${flag} needs a value`);
      if (flag === '--seed') {
        if (!/^\d+$/.test(value) || Number(value) > 0xffffffff) {
          return fail(`--seed must be a whole number from 0 to 4294967295 (got "${value}")`);
        }
        seed = Number(value);
      } else if (flag === '--until') {
        if (!/^\d+$/.test(value))
          return fail(`--until must be a whole number of simulated ms (got "${value}")`);
        until = Number(value);
      } else if (flag === '--history') {
        const format = value === 'jepsen' ? 'edn' : value;
        if (!(historyFormats as readonly string[]).includes(format))
          return fail(`--history must be edn (or jepsen) or porcupine (got "${value}")`);
        history = format as HistoryFormat;
      } else {
        const setting = parseSetting(value);
        if ('error' in setting) return fail(setting.error);
        settings.push(setting);
      }
      continue;
    }
    if (scenario !== undefined) return fail(`one scenario at a time (got "${scenario}" and "${token}")`);
    scenario = token;
  }

  if (list) {
    if (scenario !== undefined) return fail('--list takes no scenario id');
    return { ok: true, command: { kind: 'list' } };
  }
  if (scenario === undefined) return fail('which scenario? Give its id, or --list to see them');
  if (history && (json || trace))
    return fail('--history prints only the history; leave out --json and --trace');
  return { ok: true, command: { kind: 'run', scenario, seed, until, json, trace, history, settings } };
}

function splitFlag(token: string): [string, string | undefined] {
  const equals = token.indexOf('=');
  return equals < 0 ? [token, undefined] : [token.slice(0, equals), token.slice(equals + 1)];
}

function fail(error: string): ParseResult {
  return { ok: false, error };
}

/** "params.w=2" → { path: ['params', 'w'], value: 2 }. Values are JSON when they parse, else strings. */
export function parseSetting(text: string): Setting | { error: string } {
  const equals = text.indexOf('=');
  const path = equals < 0 ? [] : text.slice(0, equals).split('.');
  if (equals < 0 || path.some((part) => part === '')) {
    return { error: `--set needs path=value, e.g. --set params.w=2 (got "${text}")` };
  }
  const raw = text.slice(equals + 1);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // Not JSON: keep it as a string, so --set workload.target=n2 works without quotes.
  }
  return { path, value };
}

/** A copy of `input` with each setting applied (creating objects along the path as needed). */
export function applySettings<T>(input: T, settings: readonly Setting[]): T {
  const copy = structuredClone(input) as Record<string, unknown>;
  for (const { path, value } of settings) {
    let target = copy;
    for (const part of path.slice(0, -1)) {
      const next = target[part];
      if (typeof next !== 'object' || next === null) target[part] = {};
      target = target[part] as Record<string, unknown>;
    }
    target[path[path.length - 1]!] = value;
  }
  return copy as T;
}
