import { describe, expect, it } from 'vitest';
import { cycles, importProblems, type ImportGraph } from './layers';

const graph = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));

describe('engine import layering', () => {
  it('accepts imports that run down the layers', () => {
    const layered = graph({
      'core/simulation.ts': ['core/world.ts'],
      'core/world.ts': [],
      'checkers/index.ts': ['core/world.ts'],
      'protocols/shared/versions.ts': ['core/types.ts'],
      'protocols/raft/protocol.ts': ['protocols/shared/versions.ts', 'core/types.ts'],
      'protocols/failover/state.ts': ['protocols/replication/core/replica.ts'],
      'protocols/replication/core/replica.ts': [],
      'catalog/registry.ts': ['protocols/raft/protocol.ts'],
      'analysis/cap.ts': ['catalog/registry.ts', 'checkers/index.ts'],
      'testing/properties.ts': ['core/schema.ts'],
      'index.ts': ['catalog/registry.ts'],
    });
    expect(importProblems(layered)).toEqual([]);
  });

  it('rejects an import of a higher layer', () => {
    const problems = importProblems(
      graph({ 'core/timeline.ts': ['catalog/resolve.ts'], 'catalog/resolve.ts': [] }),
    );
    expect(problems).toEqual([
      expect.stringContaining('core/timeline.ts: imports catalog/resolve.ts, a higher layer'),
    ]);
  });

  it('rejects a shared protocol piece that imports a family, and any import from outside the engine', () => {
    const problems = importProblems(
      graph({
        'protocols/shared/hashing.ts': ['protocols/partitioning/ranges.ts', '../viz/colors.ts'],
        'protocols/partitioning/ranges.ts': [],
      }),
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/protocols\/shared imports the partitioning family/);
    expect(problems[1]).toMatch(/outside the engine/);
  });

  it('lets a test import any layer', () => {
    expect(
      importProblems(graph({ 'core/timeline.test.ts': ['catalog/resolve.ts'], 'catalog/resolve.ts': [] })),
    ).toEqual([]);
  });

  it('rejects a cycle between files, even inside one folder', () => {
    const problems = importProblems(
      graph({
        'protocols/raft/a.ts': ['protocols/raft/b.ts'],
        'protocols/raft/b.ts': ['protocols/raft/c.ts'],
        'protocols/raft/c.ts': ['protocols/raft/a.ts'],
      }),
    );
    expect(problems).toEqual([
      'import cycle between files: protocols/raft/a.ts ↔ protocols/raft/b.ts ↔ protocols/raft/c.ts',
    ]);
  });

  it('rejects a cycle between protocol families made of files that are not themselves in a cycle', () => {
    const problems = importProblems(
      graph({
        'protocols/quorum/protocol.ts': ['protocols/partitioning/hashing.ts'],
        'protocols/partitioning/hashing.ts': [],
        'protocols/partitioning/ranges.ts': ['protocols/quorum/versions.ts'],
        'protocols/quorum/versions.ts': [],
      }),
    );
    expect(problems).toEqual(['import cycle between protocol families: partitioning ↔ quorum']);
  });

  it('finds a self-import', () => {
    expect(cycles(graph({ 'core/a.ts': ['core/a.ts'] }))).toEqual([['core/a.ts']]);
  });
});
