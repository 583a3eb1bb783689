/**
 * Runs a scenario headless: `npm run sim -- --list`, `npm run sim -- broadcast/basic --seed 7 --json`.
 * See scripts/sim/args.ts for every option.
 */
import { performance } from 'node:perf_hooks';
import { historyFile } from '../src/engine/checkers/export';
import { Simulation } from '../src/engine/core/simulation';
import type { TraceEntry } from '../src/engine/core/trace';
import { scenarioList, scenarios } from '../src/engine/catalog/registry';
import { resolveScenario } from '../src/engine/catalog/resolve';
import { applySettings, parseArgs, usage, type CliCommand } from './sim/args';
import { buildReport, formatPlain } from './sim/report';

function main(argv: readonly string[]): number {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    console.error(`sim: ${parsed.error}\n\n${usage}`);
    return 2;
  }
  const command = parsed.command;
  if (command.kind === 'help') {
    console.log(usage);
    return 0;
  }
  if (command.kind === 'list') {
    const width = Math.max(...scenarioList.map((scenario) => scenario.id.length));
    for (const scenario of scenarioList) console.log(`${scenario.id.padEnd(width)}  ${scenario.title}`);
    return 0;
  }
  return run(command);
}

function run(command: Extract<CliCommand, { kind: 'run' }>): number {
  const base = scenarios.get(command.scenario);
  if (!base) {
    console.error(
      `sim: unknown scenario "${command.scenario}". Known scenarios: ${[...scenarios.keys()].join(', ')}\n\n${usage}`,
    );
    return 2;
  }
  const settings =
    command.seed === undefined
      ? command.settings
      : [...command.settings, { path: ['seed'], value: command.seed }];
  const resolved = resolveScenario(applySettings(base, settings));
  if (!resolved.ok) {
    console.error(`sim: the scenario is not valid with these settings:\n  ${resolved.problems.join('\n  ')}`);
    return 2;
  }
  const trace: TraceEntry[] | null = command.trace ? [] : null;
  const sim = new Simulation(resolved.scenario, resolved.protocol, resolved.params, {
    checkInvariants: true,
    onTrace: trace ? (entry) => trace.push(entry) : undefined,
  });
  const started = performance.now();
  sim.runUntil(command.until ?? resolved.scenario.durationMs);
  const wallMs = performance.now() - started;
  if (command.history) {
    process.stdout.write(historyFile(sim, command.history).text);
    return 0;
  }
  const report = buildReport(sim, trace);
  console.log(command.json ? JSON.stringify(report) : formatPlain(sim, report, wallMs));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
