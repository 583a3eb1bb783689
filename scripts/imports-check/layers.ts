/**
 * The engine's layering rule, as a pure function over an import graph so it can be tested on small
 * made-up graphs. Layers, lowest first:
 *
 *   core/ → checkers/ → protocols/ (shared/ below the families) → catalog/ → analysis/ → testing/ → index.ts
 *
 * A file may import its own layer or lower ones, never a higher one. `protocols/shared/` may not import a
 * family. Nothing in the engine imports code outside `src/engine` (except packages). And there is no
 * import cycle: not between files, and not between protocol families. Test files (`*.test.ts`) consume
 * the engine from the top, so they may import any layer; they still may not take part in a cycle.
 */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

const layers = ['core', 'checkers', 'protocols', 'catalog', 'analysis', 'testing'] as const;

/** Position of an engine file in the layer order (paths relative to src/engine, with "/" separators). */
export function layerOf(file: string): number {
  if (!file.includes('/')) return layers.length; // index.ts: the public face, above everything
  const folder = file.split('/')[0]!;
  const rank = (layers as readonly string[]).indexOf(folder);
  return rank === -1 ? -1 : rank;
}

/** A protocol family folder ("raft", "transactions"), "shared", or null outside protocols/. */
export function familyOf(file: string): string | null {
  const parts = file.split('/');
  return parts[0] === 'protocols' && parts.length > 2 ? parts[1]! : null;
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);

export function layerProblems(graph: ImportGraph): string[] {
  const problems: string[] = [];
  for (const [file, imports] of graph) {
    if (layerOf(file) === -1) problems.push(`${file}: is in no layer (move it into ${layers.join('/, ')}/)`);
    for (const target of imports) {
      if (target.startsWith('../')) {
        problems.push(
          `${file}: imports ${target} from outside the engine; the engine must not depend on the app`,
        );
        continue;
      }
      if (isTest(file)) continue;
      if (layerOf(target) > layerOf(file)) {
        problems.push(
          `${file}: imports ${target}, a higher layer (order: core, checkers, protocols, catalog, analysis, testing)`,
        );
      } else if (familyOf(file) === 'shared' && familyOf(target) !== null && familyOf(target) !== 'shared') {
        problems.push(
          `${file}: protocols/shared imports the ${familyOf(target)} family; shared pieces sit below every family`,
        );
      }
    }
  }
  return problems;
}

/** Every cycle (strongly connected component of more than one node, or a self-import) in a graph. */
export function cycles(graph: ImportGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return found;
}

/** The graph between protocol families: an edge when a file of one family imports a file of another. */
export function familyGraph(graph: ImportGraph): ImportGraph {
  const families = new Map<string, Set<string>>();
  for (const [file, imports] of graph) {
    const from = familyOf(file);
    if (from === null || isTest(file)) continue;
    const edges = families.get(from) ?? new Set<string>();
    families.set(from, edges);
    for (const target of imports) {
      const to = familyOf(target);
      if (to !== null && to !== from) edges.add(to);
    }
  }
  return new Map([...families].map(([family, edges]) => [family, [...edges]]));
}

export function importProblems(graph: ImportGraph): string[] {
  return [
    ...layerProblems(graph),
    ...cycles(graph).map((cycle) => `import cycle between files: ${cycle.join(' ↔ ')}`),
    ...cycles(familyGraph(graph)).map(
      (cycle) => `import cycle between protocol families: ${cycle.join(' ↔ ')}`,
    ),
  ];
}
