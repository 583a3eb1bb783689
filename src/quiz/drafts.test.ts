import { describe, expect, it } from 'vitest';
import { answerFromDraft, toggleChoice } from './drafts.ts';

describe('answerFromDraft', () => {
  it('treats an empty draft as unanswered', () => {
    expect(answerFromDraft({ kind: 'single', choice: null })).toBeUndefined();
    expect(answerFromDraft({ kind: 'multi', choices: [] })).toBeUndefined();
    expect(answerFromDraft({ kind: 'numeric', text: '  ' })).toBeUndefined();
    expect(answerFromDraft({ kind: 'numeric', text: '1e' })).toBeUndefined();
  });

  it('turns drafts into answers', () => {
    expect(answerFromDraft({ kind: 'single', choice: 0 })).toEqual({ kind: 'single', choice: 0 });
    expect(answerFromDraft({ kind: 'multi', choices: [0, 2] })).toEqual({ kind: 'multi', choices: [0, 2] });
    expect(answerFromDraft({ kind: 'numeric', text: '12' })).toEqual({ kind: 'numeric', value: 12 });
    expect(answerFromDraft({ kind: 'numeric', text: '-0.5' })).toEqual({ kind: 'numeric', value: -0.5 });
  });
});

describe('toggleChoice', () => {
  it('adds and removes choices, keeping source order', () => {
    expect(toggleChoice([2], 0, true)).toEqual([0, 2]);
    expect(toggleChoice([0, 2], 0, false)).toEqual([2]);
    expect(toggleChoice([0], 0, true)).toEqual([0]);
  });
});
