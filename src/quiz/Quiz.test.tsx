// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { courseStore } from '../store/index.ts';
import { Choice, Explain, Question } from './parts.tsx';
import { Quiz } from './Quiz.tsx';
import { QuizLessonContext } from './QuizLessonContext.ts';

function renderQuiz(passMark = 0.7) {
  const quiz = () => (
    <MemoryRouter>
      <QuizLessonContext value={{ id: 'test-lesson', passMark, next: { id: 'next', title: 'Next lesson' } }}>
        <Quiz>
          <Question id="q1" prompt="Which is right?">
            <Choice correct why="Because it is.">
              Right
            </Choice>
            <Choice why="Because it is not.">Wrong</Choice>
            <Explain>Overall reason.</Explain>
          </Question>
          <Question id="q2" kind="multi" prompt="Which are right?">
            <Choice correct>Also right</Choice>
            <Choice>Also wrong</Choice>
          </Question>
          <Question id="q3" kind="numeric" answer={3} tolerance={0} unit="replicas" prompt="How many?" />
        </Quiz>
      </QuizLessonContext>
    </MemoryRouter>
  );
  const view = render(quiz());
  // A re-render with fresh children, as MDX content produces, must not lose the quiz's state.
  return { ...view, rerenderFresh: () => view.rerender(quiz()) };
}

afterEach(() => {
  cleanup();
  courseStore.getState().resetProgress();
});

describe('<Quiz>', () => {
  it('shows the pass rule before the student starts', () => {
    renderQuiz();
    expect(screen.getByText('Pass: 2 of 3 correct')).toBeTruthy();
    cleanup();
    renderQuiz(1);
    expect(screen.getByText('Pass: 3 of 3 correct')).toBeTruthy();
  });

  it('names unanswered questions, even after the lesson re-renders', () => {
    const { rerenderFresh } = renderQuiz();
    fireEvent.click(screen.getByRole('radio', { name: 'Right' }));
    fireEvent.click(screen.getByRole('button', { name: 'Check answers' }));
    rerenderFresh();
    expect(screen.getByRole('alert').textContent).toBe(
      'Answer every question before checking. Still unanswered: question 2, question 3.',
    );
    expect(
      within(screen.getByRole('group', { name: /Question 3 of 3/ })).getByText('Enter a number.'),
    ).toBeTruthy();
    expect(courseStore.getState().lessons['test-lesson']).toBeUndefined();
  });

  it('grades, explains, records the attempt and links the next lesson on a pass', () => {
    renderQuiz();
    fireEvent.click(screen.getByRole('radio', { name: 'Right' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Also wrong' }));
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Your answer (replicas)' }), {
      target: { value: '3' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Check answers' }));

    expect(screen.getByText(/You got 2 of 3 right\. You passed!/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Next lesson' }).getAttribute('href')).toBe('/lessons/next');
    expect(screen.getByText('Because it is not.')).toBeTruthy();
    expect(screen.getByText('Overall reason.')).toBeTruthy();
    expect(courseStore.getState().lessons['test-lesson']?.attempts).toMatchObject([
      { correct: 2, total: 3, passed: true },
    ]);
  });
});
