import { describe, expect, it } from 'vitest';
import { topologyLinks } from './topology';

const order = ['n1', 'n2', 'n3', 'n4', 'n5'];

describe('topologyLinks', () => {
  it('draws a chain as its four links, not the ten of a complete graph', () => {
    expect(topologyLinks({ shape: 'chain', order })).toEqual([
      ['n1', 'n2'],
      ['n2', 'n3'],
      ['n3', 'n4'],
      ['n4', 'n5'],
    ]);
  });

  it('closes a ring, centres a star or leader on the first node, and links every pair for all-to-all', () => {
    expect(topologyLinks({ shape: 'ring', order })).toContainEqual(['n5', 'n1']);
    expect(topologyLinks({ shape: 'ring', order })).toHaveLength(5);
    expect(topologyLinks({ shape: 'leader-follower', order: ['n3', 'n1', 'n2'] })).toEqual([
      ['n3', 'n1'],
      ['n3', 'n2'],
    ]);
    expect(topologyLinks({ shape: 'all-to-all', order })).toHaveLength(10);
  });

  it('adds extra links once, whichever way round they are given', () => {
    const links = topologyLinks({
      shape: 'star',
      order: ['lb', 's1', 's2'],
      extraLinks: [
        ['s1', 's2'],
        ['s2', 's1'],
        ['lb', 's1'],
      ],
    });
    expect(links).toEqual([
      ['lb', 's1'],
      ['lb', 's2'],
      ['s1', 's2'],
    ]);
  });
});
