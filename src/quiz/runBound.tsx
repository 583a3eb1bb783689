/**
 * Quiz questions about a run (`<Question kind="numeric" run="durability" side="left" measure="…" at="end"
 * tolerance={0}>`) take their answer from the student's own run of that embed, through the measures: a
 * student who changed the seed or acted in the run is marked against what their run showed. Until they
 * have run it to the moment, the question says so and offers to take them there.
 */
import type { ReactNode } from 'react';
import type { QuestionSpec } from '../course/quizSpec.ts';
import type { MeasureBinding } from '../predict/spec.ts';
import { describeActions } from '../predict/studentActions.ts';
import { useMeasuredAll, type Measured } from '../predict/useMeasured.ts';

const noBinding: MeasureBinding = { for: '', measure: 'time', at: 'end' };

export interface RunBoundQuestions {
  /** The questions with each run-bound answer filled in from the student's run (NaN while it cannot be). */
  questions: QuestionSpec[];
  /** Ids of run-bound questions whose run has not been played to the moment yet. */
  notRun: string[];
  /** What to show under a run-bound question: where its answer comes from, or how to get one. */
  noticeFor(question: QuestionSpec): ReactNode;
}

export function useRunBoundQuestions(questions: readonly QuestionSpec[]): RunBoundQuestions {
  const bindings = questions.map((question) => (question.kind === 'numeric' && question.run) || noBinding);
  const measured = useMeasuredAll(bindings);
  const byId = new Map(questions.map((question, index) => [question.id, measured[index]!]));
  const bound = (question: QuestionSpec) => question.kind === 'numeric' && question.run !== undefined;
  return {
    questions: questions.map((question, index) => {
      const result = measured[index]!;
      if (!bound(question) || question.kind !== 'numeric') return question;
      return { ...question, answer: numberOf(result) ?? NaN };
    }),
    // A run with no value yet (the student has not sent the request a question asks about) is not run either.
    notRun: questions
      .filter((question) => bound(question) && numberOf(byId.get(question.id)!) === null)
      .map((question) => question.id),
    noticeFor: (question) =>
      question.kind === 'numeric' && question.run ? (
        <RunNotice binding={question.run} measured={byId.get(question.id)!} />
      ) : null,
  };
}

function numberOf(measured: Measured): number | null {
  return measured.status === 'ready' && typeof measured.value === 'number' ? measured.value : null;
}

function RunNotice({ binding, measured }: { binding: MeasureBinding; measured: Measured }) {
  if (numberOf(measured) !== null)
    return (
      <p className="question__hint">
        This question is about your own run of that simulation, as it stands now.
      </p>
    );
  const goToRun = () => {
    const embed = document.querySelector<HTMLElement>(
      `[data-embed-key="${CSS.escape(binding.for)}"], [data-embed-key="${CSS.escape(`${binding.for}-${binding.side ?? 'left'}`)}"]`,
    );
    embed?.scrollIntoView({ block: 'center' });
    embed?.focus();
  };
  const why =
    measured.status === 'failed'
      ? `Your run could not be measured (${measured.problem}); reset the simulation and run it again.`
      : binding.actions
        ? `This question is about your own requests. First, in the simulation’s Send a request panel, ${describeActions(binding.actions)}, and play the run to its end; then answer here.`
        : 'This question is about your own run of that simulation, and you have not run it far enough yet.';
  return (
    <div
      className="question__hint question__run"
      role="note"
      data-run-for={binding.for}
      data-actions={binding.actions ? JSON.stringify(binding.actions) : undefined}
    >
      <p>{why}</p>
      <button type="button" className="button button--small" onClick={goToRun}>
        Go to the simulation
      </button>
    </div>
  );
}
