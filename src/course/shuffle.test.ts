import { describe, expect, it } from 'vitest';
import { seededShuffle } from './shuffle.ts';

describe('seededShuffle', () => {
  const items = ['a', 'b', 'c', 'd', 'e', 'f'];

  it('gives the same order for the same seed', () => {
    expect(seededShuffle(items, 'lesson/q1/attempt-1')).toEqual(seededShuffle(items, 'lesson/q1/attempt-1'));
  });

  it('keeps every item exactly once and leaves the input alone', () => {
    const shuffled = seededShuffle(items, 'seed');
    expect([...shuffled].sort()).toEqual(items);
    expect(items).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('gives different orders to different attempts', () => {
    const orders = new Set(
      Array.from({ length: 10 }, (_, attempt) =>
        seededShuffle(items, `lesson/q1/attempt-${attempt}`).join(''),
      ),
    );
    expect(orders.size).toBeGreaterThan(5);
  });
});
