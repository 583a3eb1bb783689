import { describe, expect, it } from 'vitest';
import { compare, descends, formatVector, increment, join } from './versionVector';

describe('version vectors', () => {
  it('orders a history before every history that extends it', () => {
    const first = increment({}, 'us-east');
    const second = increment(first, 'eu-west');
    expect(compare(first, second)).toBe('before');
    expect(compare(second, first)).toBe('after');
    expect(compare(second, { ...second })).toBe('equal');
  });

  it('calls two histories that each have an update the other lacks concurrent', () => {
    const base = increment({}, 'us-east');
    const east = increment(base, 'us-east');
    const west = increment(base, 'eu-west');
    expect(compare(east, west)).toBe('concurrent');
    const merged = join(east, west);
    expect(descends(merged, east) && descends(merged, west)).toBe(true);
    expect(formatVector(merged)).toBe('eu-west:1 us-east:2');
  });

  it('keeps vectors canonical so equal histories are structurally equal', () => {
    expect(join({ b: 1, a: 2 }, { a: 0 })).toEqual({ a: 2, b: 1 });
    expect(Object.keys(join({ b: 1 }, { a: 1 }))).toEqual(['a', 'b']);
    expect(formatVector({})).toBe('∅');
  });
});
