import { describe, expect, it } from 'vitest';
import { gradeQuiz, isAnswerCorrect, requiredToPass } from './grading.ts';
import type { QuestionSpec } from './quizSpec.ts';

describe('requiredToPass', () => {
  it.each([
    [3, 0.7, 2],
    [4, 0.7, 3],
    [10, 0.7, 7],
    [5, 0.7, 4],
    [2, 0.7, 1],
    [1, 0.7, 1],
    [3, 1, 3],
    [10, 1, 10],
    [1, 0.1, 1],
    [4, 0.5, 2],
  ])('%i questions at pass mark %d need %i', (count, passMark, required) => {
    expect(requiredToPass(count, passMark)).toBe(required);
  });

  it('never asks for zero correct answers when there are questions', () => {
    expect(requiredToPass(3, 0.01)).toBe(1);
  });

  it('needs nothing from an empty quiz', () => {
    expect(requiredToPass(0, 0.7)).toBe(0);
  });
});

const single: QuestionSpec = {
  kind: 'single',
  id: 'single',
  prompt: 'Pick one',
  section: 'replication-lag',
  choices: [
    { index: 0, correct: false, content: 'a' },
    { index: 1, correct: true, content: 'b' },
    { index: 2, correct: false, content: 'c' },
  ],
};

const multi: QuestionSpec = {
  kind: 'multi',
  id: 'multi',
  prompt: 'Pick all',
  section: 'replication-lag',
  choices: [
    { index: 0, correct: true, content: 'a' },
    { index: 1, correct: false, content: 'b' },
    { index: 2, correct: true, content: 'c' },
  ],
};

const numeric = {
  kind: 'numeric',
  id: 'numeric',
  prompt: 'How many?',
  section: 'replication-lag',
  answer: 3,
  tolerance: 0,
} satisfies QuestionSpec;

describe('isAnswerCorrect', () => {
  it('grades a single-choice question by its correct choice', () => {
    expect(isAnswerCorrect(single, { kind: 'single', choice: 1 })).toBe(true);
    expect(isAnswerCorrect(single, { kind: 'single', choice: 0 })).toBe(false);
    expect(isAnswerCorrect(single, { kind: 'single', choice: 9 })).toBe(false);
  });

  it('grades select-all-that-apply as all or nothing', () => {
    expect(isAnswerCorrect(multi, { kind: 'multi', choices: [0, 2] })).toBe(true);
    expect(isAnswerCorrect(multi, { kind: 'multi', choices: [2, 0] })).toBe(true);
    expect(isAnswerCorrect(multi, { kind: 'multi', choices: [0] })).toBe(false);
    expect(isAnswerCorrect(multi, { kind: 'multi', choices: [0, 1, 2] })).toBe(false);
  });

  it('accepts numeric answers within the tolerance', () => {
    expect(isAnswerCorrect(numeric, { kind: 'numeric', value: 3 })).toBe(true);
    expect(isAnswerCorrect(numeric, { kind: 'numeric', value: 4 })).toBe(false);
    const loose = { ...numeric, answer: 0.3, tolerance: 0.05 };
    expect(isAnswerCorrect(loose, { kind: 'numeric', value: 0.35 })).toBe(true);
    expect(isAnswerCorrect(loose, { kind: 'numeric', value: 0.36 })).toBe(false);
    expect(isAnswerCorrect({ ...numeric, answer: 0.3 }, { kind: 'numeric', value: 0.1 + 0.2 })).toBe(true);
  });

  it('marks missing answers and answers of the wrong kind wrong', () => {
    expect(isAnswerCorrect(single, undefined)).toBe(false);
    expect(isAnswerCorrect(single, { kind: 'multi', choices: [1] })).toBe(false);
    expect(isAnswerCorrect(numeric, { kind: 'numeric', value: Number.NaN })).toBe(false);
  });
});

describe('gradeQuiz', () => {
  const questions = [single, multi, numeric];

  it('passes 2 of 3 at the default pass mark', () => {
    const grade = gradeQuiz(
      questions,
      {
        single: { kind: 'single', choice: 1 },
        multi: { kind: 'multi', choices: [0] },
        numeric: { kind: 'numeric', value: 3 },
      },
      0.7,
    );
    expect(grade).toEqual({
      correctById: { single: true, multi: false, numeric: true },
      correct: 2,
      total: 3,
      required: 2,
      passed: true,
    });
  });

  it('fails 1 of 3, counting unanswered questions as wrong', () => {
    const grade = gradeQuiz(questions, { single: { kind: 'single', choice: 1 } }, 0.7);
    expect(grade.correct).toBe(1);
    expect(grade.passed).toBe(false);
  });

  it('needs every answer right at pass mark 1', () => {
    const grade = gradeQuiz(
      questions,
      { single: { kind: 'single', choice: 1 }, numeric: { kind: 'numeric', value: 3 } },
      1,
    );
    expect(grade.required).toBe(3);
    expect(grade.passed).toBe(false);
  });
});
