/**
 * `npm run imports:check`: fails when an engine file imports a higher layer, reaches outside the engine,
 * or takes part in an import cycle (see scripts/imports-check/layers.ts for the rule).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importProblems } from './imports-check/layers';

const engineRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../src/engine');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Relative specifiers of every import and re-export, `import type` included. */
function specifiers(source: string): string[] {
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]*|\.{1,2})['"]/gm;
  return [...source.matchAll(pattern)].map((match) => match[1]!);
}

function resolveSpecifier(file: string, specifier: string): string {
  const base = resolve(dirname(file), specifier);
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    join(base, 'index.ts'),
    join(base, 'index.tsx'),
  ]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return base;
}

const graph = new Map<string, string[]>();
for (const file of sourceFiles(engineRoot)) {
  const imports = specifiers(readFileSync(file, 'utf8')).map((specifier) =>
    relative(engineRoot, resolveSpecifier(file, specifier)).split('\\').join('/'),
  );
  graph.set(relative(engineRoot, file).split('\\').join('/'), imports);
}

const problems = importProblems(graph);
if (problems.length > 0) {
  console.error(`src/engine imports break the layering (${problems.length}):\n  ${problems.join('\n  ')}`);
  process.exitCode = 1;
} else {
  console.log(`src/engine: ${graph.size} files, no upward import, no cycle.`);
}
