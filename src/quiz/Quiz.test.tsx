// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { courseStore } from '../store/index.ts';
import { Choice, Explain, Question } from './parts.tsx';
import { Quiz } from './Quiz.tsx';
import { QuizLessonContext } from './QuizLessonContext.ts';

const sections = [
  { id: 'leaders', title: 'Leaders and followers', depth: 2 as const },
  { id: 'lag', title: 'Replication lag', depth: 2 as const },
  { id: 'quorums', title: 'Quorums', depth: 2 as const },
];

/** A pool of six questions, two per section, of which each attempt asks three. */
function renderQuiz(passMark = 0.7) {
  const quiz = () => (
    <MemoryRouter>
      <QuizLessonContext
        value={{ id: 'test-lesson', passMark, next: { id: 'next', title: 'Next lesson' }, sections }}
      >
        <Quiz draw={3}>
          {[0, 1, 2, 3, 4, 5].map((index) => (
            <Question
              key={index}
              id={`q${index}`}
              section={sections[index % 3]!.id}
              prompt={`Question ${index}?`}
            >
              <Choice correct why={`Why right ${index}.`}>
                Right {index}
              </Choice>
              <Choice why={`Why wrong ${index}.`}>Wrong {index}</Choice>
              <Explain>Explanation {index}.</Explain>
            </Question>
          ))}
        </Quiz>
      </QuizLessonContext>
    </MemoryRouter>
  );
  const view = render(quiz());
  // A re-render with fresh children, as MDX content produces, must not lose the quiz's state.
  return { ...view, rerenderFresh: () => view.rerender(quiz()) };
}

const questionGroups = () => screen.getAllByRole('group', { name: /^Question \d of 3/ });
const askedPrompts = () =>
  questionGroups().map((group) => group.querySelector('.question__prompt')!.textContent);

/** Answers the drawn questions: `right[i]` says whether question i gets its right choice. */
function answer(right: readonly boolean[]) {
  for (const [position, group] of questionGroups().entries())
    fireEvent.click(within(group).getByRole('radio', { name: right[position] ? /^Right/ : /^Wrong/ }));
  fireEvent.click(screen.getByRole('button', { name: 'Check answers' }));
}

afterEach(() => {
  cleanup();
  courseStore.getState().resetProgress();
});

describe('<Quiz>', () => {
  it('states the pass rule and the pool before the student starts, and asks the drawn number of questions', () => {
    renderQuiz();
    expect(screen.getByText(/3 questions, drawn from 6/)).toBeTruthy();
    expect(screen.getByText('Pass: 2 of 3 correct')).toBeTruthy();
    expect(questionGroups()).toHaveLength(3);
    cleanup();
    renderQuiz(1);
    expect(screen.getByText('Pass: 3 of 3 correct')).toBeTruthy();
  });

  it('names unanswered questions, even after the lesson re-renders', () => {
    const { rerenderFresh } = renderQuiz();
    fireEvent.click(within(questionGroups()[0]!).getByRole('radio', { name: /^Right/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Check answers' }));
    rerenderFresh();
    expect(screen.getByRole('alert').textContent).toBe(
      'Answer every question before checking. Still unanswered: question 2, question 3.',
    );
    expect(courseStore.getState().lessons['test-lesson']).toBeUndefined();
  });

  it('after a failed attempt, says which questions were wrong and where to reread, but not the answers or why', () => {
    renderQuiz();
    answer([true, false, false]);

    expect(screen.getByText(/You got 1 of 3 right\. You need 2 to pass\./)).toBeTruthy();
    const [first, second] = questionGroups();
    expect(first!.textContent).toContain('✓ Correct');
    expect(second!.textContent).toContain('✗ Not quite');
    const reread = within(second!).getByRole('link');
    const section = sections.find((entry) => reread.getAttribute('href') === `/#${entry.id}`);
    expect(reread.textContent).toBe(`“${section?.title}”`);

    const page = document.body.textContent ?? '';
    expect(page).not.toMatch(/Why (right|wrong) \d\./);
    expect(page).not.toMatch(/Explanation \d\./);
    expect(page).not.toContain('The correct answer');
    expect(document.querySelector('.choice--missed, .choice--right, .choice--wrong')).toBeNull();
  });

  it('after a pass, explains every choice, records the attempt and links the next lesson', () => {
    renderQuiz();
    answer([true, true, false]);

    expect(screen.getByText(/You got 2 of 3 right\. You passed!/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Next lesson' }).getAttribute('href')).toBe('/lessons/next');
    expect(screen.getAllByText(/^Why wrong \d\.$/)).toHaveLength(3);
    expect(screen.getAllByText(/^Explanation \d\.$/)).toHaveLength(3);
    expect(screen.getByText('The correct answer.')).toBeTruthy();
    expect(courseStore.getState().lessons['test-lesson']?.attempts).toMatchObject([
      { correct: 2, total: 3, passed: true },
    ]);
  });

  it('draws new questions for a retake, sharing at most one of three with the attempt before', () => {
    renderQuiz();
    const first = askedPrompts();
    answer([false, false, false]);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));

    const second = askedPrompts();
    expect(second).toHaveLength(3);
    expect(second.filter((prompt) => first.includes(prompt)).length).toBeLessThanOrEqual(1);
    expect(screen.queryByText('✗ Not quite')).toBeNull();
  });

  it('schedules every missed question for review, and remembers what the attempt asked', () => {
    renderQuiz();
    const asked = askedPrompts().map((prompt) => `q${/\d/.exec(prompt!)![0]}`);
    answer([true, false, false]);

    const { review } = courseStore.getState();
    expect(review.lastDraws['test-lesson']).toEqual(asked);
    expect(Object.keys(review.items).sort()).toEqual(
      asked
        .slice(1)
        .map((id) => `test-lesson/${id}`)
        .sort(),
    );
    expect(Object.values(review.items).every((item) => item.step === 0)).toBe(true);
  });
});
