// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseScenarios, familyById } from './whichDatabase';
import { WhichDatabase } from './WhichDatabase';

afterEach(cleanup);

const options = () => within(screen.getByRole('group', { name: databaseScenarios[0]!.title }));

describe('<WhichDatabase />', () => {
  it('gives feedback at once, moves focus to it, and locks the answer', () => {
    render(<WhichDatabase />);
    expect(screen.getByText('Application 1 of 8 · Score: 0 of 0')).toBeTruthy();
    fireEvent.click(options().getByRole('button', { name: /Eventually consistent NoSQL/ }));
    const verdict = screen.getByText('Not the best fit. Best fit: Distributed SQL.');
    expect(document.activeElement).toBe(verdict.parentElement);
    expect(screen.getByText(/last item in stock/)).toBeTruthy();
    expect(screen.getByText('Application 1 of 8 · Score: 0 of 1')).toBeTruthy();
    for (const button of options().getAllByRole('button'))
      expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(
      options()
        .getByRole('button', { name: /Eventually consistent NoSQL.*Your choice/ })
        .getAttribute('aria-pressed'),
    ).toBe('true');
    expect(options().getByRole('button', { name: /Distributed SQL.*Best fit/ })).toBeTruthy();
  });

  it('moves on to the next application, focusing its title, and ends with the score and a review', () => {
    render(<WhichDatabase />);
    for (const [index, scenario] of databaseScenarios.entries()) {
      const group = within(screen.getByRole('group', { name: scenario.title }));
      // Wrong on the first application only.
      const pick = index === 0 ? 'Sharded document store' : familyById(scenario.best).name;
      fireEvent.click(group.getByRole('button', { name: new RegExp(`^${pick}`) }));
      fireEvent.click(
        screen.getByRole('button', {
          name: index === databaseScenarios.length - 1 ? 'See your score' : 'Next application',
        }),
      );
      if (index < databaseScenarios.length - 1)
        expect(document.activeElement?.textContent).toBe(databaseScenarios[index + 1]!.title);
    }
    const heading = screen.getByRole('heading', { name: 'You matched 7 of 8' });
    expect(document.activeElement).toBe(heading);
    expect(screen.getByText('You chose Sharded document store; best fit: Distributed SQL.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Play again' }));
    expect(screen.getByText('Application 1 of 8 · Score: 0 of 0')).toBeTruthy();
    expect(document.activeElement?.textContent).toBe(databaseScenarios[0]!.title);
  });
});
