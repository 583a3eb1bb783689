import type { QuestionSpec } from './quizSpec.ts';

/** A student's answer to one question. Choices are referred to by their index in the lesson source. */
export type Answer =
  | { kind: 'single'; choice: number }
  | { kind: 'multi'; choices: readonly number[] }
  | { kind: 'numeric'; value: number };

export interface QuizGrade {
  /** Whether each question was answered correctly, by question id. */
  correctById: Record<string, boolean>;
  correct: number;
  total: number;
  /** How many correct answers a pass needs. */
  required: number;
  passed: boolean;
}

/**
 * The pass rule: a quiz of n questions passes with at least round(passMark × n) correct answers,
 * and never with none: 2 of 3, 3 of 4 and 7 of 10 at the usual pass mark of 0.7.
 */
export function requiredToPass(questionCount: number, passMark: number): number {
  if (questionCount <= 0) return 0;
  // Rounding the product to 9 decimals first keeps float noise (0.7 × 10 = 7.000000000000001) out of the rule.
  const exact = Math.round(passMark * questionCount * 1e9) / 1e9;
  return Math.min(questionCount, Math.max(1, Math.round(exact)));
}

/**
 * Numeric answers within the tolerance are right. A tiny margin absorbs float representation error,
 * so 0.1 + 0.2 counts as 0.3.
 */
const floatMargin = 1e-9;

export function isAnswerCorrect(question: QuestionSpec, answer: Answer | undefined): boolean {
  if (!answer || answer.kind !== question.kind) return false;
  switch (answer.kind) {
    case 'numeric':
      return (
        question.kind === 'numeric' &&
        Number.isFinite(answer.value) &&
        Math.abs(answer.value - question.answer) <= question.tolerance + floatMargin
      );
    case 'single':
      return question.kind === 'single' && question.choices[answer.choice]?.correct === true;
    case 'multi': {
      if (question.kind !== 'multi') return false;
      const chosen = new Set(answer.choices);
      return question.choices.every((choice) => choice.correct === chosen.has(choice.index));
    }
  }
}

/** Grades every question; unanswered questions count as wrong. */
export function gradeQuiz(
  questions: readonly QuestionSpec[],
  answers: Readonly<Record<string, Answer | undefined>>,
  passMark: number,
): QuizGrade {
  const correctById: Record<string, boolean> = {};
  for (const question of questions)
    correctById[question.id] = isAnswerCorrect(question, answers[question.id]);
  const correct = Object.values(correctById).filter(Boolean).length;
  const required = requiredToPass(questions.length, passMark);
  return { correctById, correct, total: questions.length, required, passed: correct >= required };
}
