import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type {
  ChoiceQuestionSpec,
  ChoiceSpec,
  NumericQuestionSpec,
  QuestionSpec,
} from '../course/quizSpec.ts';
import { toggleChoice, type Draft } from './drafts.ts';

interface QuestionFieldProps {
  question: QuestionSpec;
  /** 1-based position, for "Question 2 of 3". */
  number: number;
  total: number;
  /** The question's choices in the order shown on this attempt. */
  shownChoices: readonly ChoiceSpec[];
  draft: Draft;
  onChange: (draft: Draft) => void;
  /** Whether the question was answered correctly; undefined until the quiz is graded. */
  verdict: boolean | undefined;
  /**
   * Whether grading shows the right answers and the explanations: only once the quiz is passed, so a failed
   * attempt says which questions were wrong, not what the right choices were.
   */
  reveal: boolean;
  /** The section a student who got it wrong should reread. */
  reread: SectionLink;
  /** Set when the student submitted without answering this question. */
  missingHint: string | undefined;
  /** A unique prefix for this question's element ids and radio group name. */
  idPrefix: string;
  /** Shown under the prompt: for a question about a run, where its answer comes from (runBound.tsx). */
  note?: ReactNode;
}

/** A link to the lesson section that teaches a question. */
export interface SectionLink {
  /** Where it goes: `#section` on the quiz's own lesson page, `/lessons/id#section` elsewhere. */
  to: string;
  /** How the student reads it: the section's heading, and its lesson's title if that is another lesson. */
  label: string;
}

/**
 * One question as a fieldset: its prompt is the legend. After grading it says whether it was right and, if
 * not, which section to reread; once the quiz is passed (`reveal`) also the right answer and why.
 */
export function QuestionField(props: QuestionFieldProps) {
  const { question, number, total, verdict, reveal, reread, missingHint, idPrefix, note } = props;
  const graded = verdict !== undefined;
  const hintId = `${idPrefix}-hint`;
  const missingId = `${idPrefix}-missing`;
  const describedBy = [question.kind === 'multi' && hintId, missingHint && missingId]
    .filter(Boolean)
    .join(' ');

  return (
    <fieldset
      data-question-key={question.id}
      data-template={question.variant?.templateId}
      data-variant-seed={question.variant?.seed}
      className={`question${graded ? (verdict ? ' question--right' : ' question--wrong') : ''}`}
      aria-describedby={describedBy || undefined}
      aria-invalid={missingHint ? true : undefined}
    >
      <legend>
        <span className="question__number">
          Question {number} of {total}
        </span>
        <span className="question__prompt">{question.prompt}</span>
      </legend>
      {note}
      {question.kind === 'multi' && (
        <p className="question__hint" id={hintId}>
          Select all that apply.
        </p>
      )}

      {question.kind === 'numeric' ? (
        <NumericInput {...props} question={question} />
      ) : (
        <ChoiceList {...props} question={question} />
      )}

      {missingHint && (
        <p className="question__missing" id={missingId}>
          {missingHint}
        </p>
      )}
      {graded && (
        <div className="question__feedback">
          <p className="question__verdict">{verdict ? '✓ Correct' : '✗ Not quite'}</p>
          {!verdict && (
            <p className="question__reread">
              Reread: <Link to={reread.to}>{reread.label}</Link>
            </p>
          )}
          {reveal && question.kind === 'numeric' && !verdict && (
            <p>The answer is {formatNumericAnswer(question)}.</p>
          )}
          {reveal && question.explanation && (
            <div className="question__explanation">{question.explanation}</div>
          )}
        </div>
      )}
    </fieldset>
  );
}

function ChoiceList({
  question,
  shownChoices,
  draft,
  onChange,
  verdict,
  reveal,
  idPrefix,
}: QuestionFieldProps & { question: ChoiceQuestionSpec }) {
  const graded = verdict !== undefined;
  const isChosen = (choice: ChoiceSpec) =>
    draft.kind === 'single'
      ? draft.choice === choice.index
      : draft.kind === 'multi' && draft.choices.includes(choice.index);
  const select = (choice: ChoiceSpec, selected: boolean) => {
    if (draft.kind === 'single') onChange({ kind: 'single', choice: choice.index });
    if (draft.kind === 'multi')
      onChange({ kind: 'multi', choices: toggleChoice(draft.choices, choice.index, selected) });
  };

  return (
    <ul className="choices">
      {shownChoices.map((choice) => {
        const chosen = isChosen(choice);
        const inputId = `${idPrefix}-choice-${choice.index}`;
        const state = graded && reveal ? choiceOutcome(question.kind, chosen, choice.correct) : undefined;
        return (
          <li
            key={choice.index}
            className={`choice${chosen ? ' choice--chosen' : ''}${state ? ` choice--${state.tone}` : ''}`}
          >
            <input
              id={inputId}
              type={question.kind === 'single' ? 'radio' : 'checkbox'}
              name={idPrefix}
              checked={chosen}
              disabled={graded}
              onChange={(event) => select(choice, event.target.checked)}
            />
            <label htmlFor={inputId}>{choice.content}</label>
            {state && (
              <div className="choice__feedback">
                {state.label && <strong className="choice__outcome">{state.label}</strong>}
                {choice.why && <span className="choice__why">{choice.why}</span>}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** How a choice is labelled after grading. Words carry the meaning; colour only repeats it. */
function choiceOutcome(
  kind: 'single' | 'multi',
  chosen: boolean,
  correct: boolean,
): { tone: 'right' | 'wrong' | 'missed' | 'neutral'; label: ReactNode } {
  if (chosen && correct) return { tone: 'right', label: '✓ Your answer, correct.' };
  if (chosen) return { tone: 'wrong', label: '✗ Your answer, not correct.' };
  if (correct)
    return {
      tone: 'missed',
      label: kind === 'multi' ? 'You missed this correct answer.' : 'The correct answer.',
    };
  return { tone: 'neutral', label: null };
}

function NumericInput({
  question,
  draft,
  onChange,
  verdict,
  idPrefix,
}: QuestionFieldProps & { question: NumericQuestionSpec }) {
  const inputId = `${idPrefix}-value`;
  return (
    <div className="numeric">
      <label htmlFor={inputId}>Your answer{question.unit ? ` (${question.unit})` : ''}</label>
      <div className="numeric__row">
        <input
          id={inputId}
          type="number"
          inputMode="decimal"
          step="any"
          value={draft.kind === 'numeric' ? draft.text : ''}
          disabled={verdict !== undefined}
          onChange={(event) => onChange({ kind: 'numeric', text: event.target.value })}
        />
        {question.unit && (
          <span className="numeric__unit" aria-hidden="true">
            {question.unit}
          </span>
        )}
      </div>
    </div>
  );
}

function formatNumericAnswer(question: NumericQuestionSpec): string {
  const tolerance = question.tolerance > 0 ? ` (± ${question.tolerance})` : '';
  return `${question.answer}${question.unit ? ` ${question.unit}` : ''}${tolerance}`;
}
