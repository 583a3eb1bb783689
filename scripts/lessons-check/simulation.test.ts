import { describe, expect, it } from 'vitest';
import { sideProps } from '../../src/sim/Compare.tsx';
import { validateProps } from '../../src/sim/props.ts';
import { compareSide, scenarioOverrideProps, simulationDisplayProps } from './simulation.ts';

/** The checker keeps two facts about the embed that src/sim does not export in a Node-loadable form. */
describe('the checker agrees with the embed', () => {
  it('on the props <Simulation> accepts', () => {
    const result = validateProps({ scenario: 'broadcast/basic', notAProp: 1 });
    const allowed = result.ok ? '' : (/Allowed props: (.*)$/.exec(result.problems[0] ?? '')?.[1] ?? '');
    expect(allowed.split(', ').sort()).toEqual(
      ['scenario', ...simulationDisplayProps, ...scenarioOverrideProps].sort(),
    );
  });

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
