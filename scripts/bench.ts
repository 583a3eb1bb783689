/**
 * `npm run bench`: runs every scripts/bench/*.bench.ts suite and prints one table. Results are printed,
 * not asserted: the machine is shared, so numbers are for reading, with the target beside each.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchRow, BenchSuite } from './bench/types';

const benchDir = fileURLToPath(new URL('./bench/', import.meta.url));

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

function printTable(rows: (BenchRow & { suite: string })[]): void {
  const cells = rows.map((row) => [
    row.suite,
    row.metric,
    formatValue(row.value),
    row.unit,
    row.target ?? '',
    row.pass === undefined ? '' : row.pass ? 'pass' : 'FAIL',
  ]);
  const header = ['suite', 'metric', 'value', 'unit', 'target', ''];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((cell) => cell[column]!.length)),
  );
  const line = (cell: string[]) =>
    cell
      .map((text, column) => (column === 2 ? text.padStart(widths[column]!) : text.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const cell of cells) console.log(line(cell));
}

async function main(): Promise<void> {
  const only = process.argv[2];
  const files = readdirSync(benchDir)
    .filter((file) => file.endsWith('.bench.ts'))
    .filter((file) => !only || file.startsWith(only))
    .sort();
  const rows: (BenchRow & { suite: string })[] = [];
  for (const file of files) {
    const suite = (await import(pathToFileURL(benchDir + file).href)).default as BenchSuite;
    console.error(`running ${suite.name} (${file})…`);
    for (const row of await suite.run()) rows.push({ ...row, suite: suite.name });
  }
  printTable(rows);
}

await main();
