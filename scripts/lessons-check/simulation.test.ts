import { describe, expect, it } from 'vitest';
import { sideProps } from '../../src/sim/Compare.tsx';
import { compareSide } from './simulation.ts';

/** The checker builds a comparison's sides itself, because Compare.tsx loads CSS and cannot run in Node. */
describe('the checker agrees with the embed', () => {
  it.each([
    [
      {
        scenario: 'quorum/partition-one',
        params: { n: 3 },
        left: { title: 'ONE' },
        right: { params: { r: 1 } },
      },
      'right',
    ],
    [
      { scenario: 'quorum/partition-one', id: 'cap', controls: ['play', 'share'], caption: 'x', title: 'y' },
      'left',
    ],
    [{ scenario: 'broadcast/basic', nodes: 5, left: { title: 'Three', nodes: 3 } }, 'left'],
  ] as const)('on how <Compare> builds each side (%#)', (shared, which) => {
    const side = (shared as Record<string, unknown>)[which] as Record<string, unknown> | undefined;
    const fromEmbed = Object.fromEntries(
      Object.entries(sideProps(shared, side, which)).filter(([, value]) => value !== undefined),
    );
    expect(compareSide(shared, side, which)).toEqual(fromEmbed);
  });
});
