/** Rewrites a generated section of a guide in docs/, for the docs:* scripts. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Replaces the section of `guide` (a path under the repository) that `update` rewrites; `update` returns
 * undefined when the guide lacks the section's start and end lines, which are then named in the error.
 */
export function rewriteGuide(
  command: string,
  guide: string,
  update: (text: string) => string | undefined,
  markers: readonly [string, string],
  what: string,
): void {
  const file = path.join(root, guide);
  const updated = update(readFileSync(file, 'utf8'));
  if (updated === undefined) {
    console.error(`${command}: ${guide} needs the lines\n  ${markers[0]}\n  ${markers[1]}`);
    process.exitCode = 1;
  } else {
    writeFileSync(file, updated);
    console.log(`${guide}: ${what} updated`);
  }
}
