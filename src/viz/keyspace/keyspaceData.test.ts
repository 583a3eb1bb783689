import { describe, expect, it } from 'vitest';
import type { NodeView } from '../../engine/core/types';
import { ownerAt, readKeySpace, ringArcs } from './keyspaceData';

const node = (id: string, details: NodeView['details']) => ({ id, view: { details } });

describe('readKeySpace', () => {
  it('reads ring tokens, keys, load and moved keys from node details', () => {
    const space = readKeySpace([
      node('n1', { 'ring.tokens': '0.5 0.1', 'ring.keys': 'a@0.05 b@0.4', load: 12, moved: 'b' }),
      node('n2', { 'ring.tokens': '0.8', 'ring.keys': 'c@0.7', load: 3 }),
    ])!;
    expect(space.tokens).toEqual([
      { node: 'n1', at: 0.1 },
      { node: 'n1', at: 0.5 },
      { node: 'n2', at: 0.8 },
    ]);
    expect(space.keys).toEqual([
      { key: 'a', node: 'n1', at: 0.05, moved: false },
      { key: 'b', node: 'n1', at: 0.4, moved: true },
      { key: 'c', node: 'n2', at: 0.7, moved: false },
    ]);
    expect(space.load).toEqual([
      { node: 'n1', value: 12 },
      { node: 'n2', value: 3 },
    ]);
    expect(space.moved).toEqual(['b']);
  });

  it('reads key ranges with open ends, in key order', () => {
    const space = readKeySpace([node('n2', { range: 'm..' }), node('n1', { range: '..f f..m' })])!;
    expect(space.ranges).toEqual([
      { node: 'n1', start: '', end: 'f' },
      { node: 'n1', start: 'f', end: 'm' },
      { node: 'n2', start: 'm', end: '' },
    ]);
  });

  it('ignores malformed entries and finds nothing in protocols that do not partition', () => {
    expect(readKeySpace([node('n1', { 'ring.tokens': '1.5 abc -0.1', 'ring.keys': 'nokey @0.3' })])).toBeNull();
    expect(readKeySpace([{ id: 'n1', view: {} }])).toBeNull();
  });
});

describe('ring ownership', () => {
  const tokens = [
    { node: 'n1', at: 0.25 },
    { node: 'n2', at: 0.5 },
    { node: 'n3', at: 0.9 },
  ];

  it('gives each token the arc since the previous token, the first wrapping round', () => {
    const arcs = ringArcs(tokens);
    expect(arcs[0]!.from).toBeCloseTo(-0.1);
    expect(arcs.slice(1)).toEqual([
      { node: 'n2', from: 0.25, to: 0.5 },
      { node: 'n3', from: 0.5, to: 0.9 },
    ]);
    expect(arcs[0]).toMatchObject({ node: 'n1', to: 0.25 });
    expect(ringArcs([])).toEqual([]);
  });

  it('finds the owner clockwise from a position', () => {
    expect(ownerAt(tokens, 0.1)).toBe('n1');
    expect(ownerAt(tokens, 0.25)).toBe('n1');
    expect(ownerAt(tokens, 0.3)).toBe('n2');
    expect(ownerAt(tokens, 0.95)).toBe('n1');
  });
});
