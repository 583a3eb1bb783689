import type { Answer } from '../course/grading.ts';
import type { QuestionSpec } from '../course/quizSpec.ts';

/** What the student has entered so far for one question, before it is graded. */
export type Draft =
  | { kind: 'single'; choice: number | null }
  | { kind: 'multi'; choices: readonly number[] }
  | { kind: 'numeric'; text: string };

export function emptyDraft(question: QuestionSpec): Draft {
  switch (question.kind) {
    case 'single':
      return { kind: 'single', choice: null };
    case 'multi':
      return { kind: 'multi', choices: [] };
    case 'numeric':
      return { kind: 'numeric', text: '' };
  }
}

/** The gradable answer in a draft, or undefined while the question is still unanswered. */
export function answerFromDraft(draft: Draft): Answer | undefined {
  switch (draft.kind) {
    case 'single':
      return draft.choice === null ? undefined : { kind: 'single', choice: draft.choice };
    case 'multi':
      return draft.choices.length === 0 ? undefined : { kind: 'multi', choices: draft.choices };
    case 'numeric': {
      const value = draft.text.trim() === '' ? Number.NaN : Number(draft.text);
      return Number.isFinite(value) ? { kind: 'numeric', value } : undefined;
    }
  }
}

/** What to tell a student who submits without answering. */
export function missingAnswerHint(question: QuestionSpec): string {
  switch (question.kind) {
    case 'single':
      return 'Choose an answer.';
    case 'multi':
      return 'Select at least one answer.';
    case 'numeric':
      return 'Enter a number.';
  }
}

/** Adds or removes one choice of a select-all-that-apply question, keeping source order. */
export function toggleChoice(choices: readonly number[], index: number, selected: boolean): number[] {
  const next = new Set(choices);
  if (selected) next.add(index);
  else next.delete(index);
  return [...next].sort((a, b) => a - b);
}
