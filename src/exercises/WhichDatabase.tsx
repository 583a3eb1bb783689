/**
 * <WhichDatabase />: the "Which database?" decision exercise. One application at a time, the student
 * picks a family of distributed database, gets the verdict and the reasoning at once, and ends with a
 * score and a review. Plain buttons, so it works with a keyboard and a screen reader; focus moves to
 * the feedback after an answer and to the next application after "Next". Nothing here is saved: it is
 * practice, not part of the graded quiz.
 */
import { useEffect, useRef, useState } from 'react';
import './exercises.css';
import {
  databaseFamilies,
  databaseScenarios,
  familyById,
  feedbackFor,
  scoreOf,
  withAnswer,
  type Answers,
} from './whichDatabase';

export function WhichDatabase() {
  const [answers, setAnswers] = useState<Answers>({});
  const [index, setIndex] = useState(0);
  // What to focus after the next render: the feedback after an answer, the scenario after moving on.
  const [focusTarget, setFocusTarget] = useState<'feedback' | 'scenario' | 'summary' | null>(null);
  const feedbackRef = useRef<HTMLDivElement>(null);
  const scenarioRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (!focusTarget) return;
    ({ feedback: feedbackRef, scenario: scenarioRef, summary: summaryRef })[focusTarget].current?.focus();
  }, [focusTarget, index]);

  const score = scoreOf(answers);
  const finished = index >= databaseScenarios.length;

  if (finished) {
    return (
      <section className="exercise which-db" aria-label="Which database?">
        <h3 className="which-db__title" ref={summaryRef} tabIndex={-1}>
          You matched {score.correct} of {score.total}
        </h3>
        <ol className="which-db__review">
          {databaseScenarios.map((scenario) => {
            const chosen = answers[scenario.id];
            const right = chosen === scenario.best;
            return (
              <li
                key={scenario.id}
                className={
                  right
                    ? 'which-db__review-item which-db__review-item--right'
                    : 'which-db__review-item which-db__review-item--wrong'
                }
              >
                <span className="which-db__review-title">{scenario.title}</span>{' '}
                <span className="which-db__mark">{right ? 'Right' : 'Missed'}</span>
                <span className="which-db__review-detail">
                  {right
                    ? `${familyById(scenario.best).name}.`
                    : `You chose ${chosen ? familyById(chosen).name : 'nothing'}; best fit: ${familyById(scenario.best).name}.`}
                </span>
              </li>
            );
          })}
        </ol>
        <button
          type="button"
          className="button button--primary"
          onClick={() => {
            setAnswers({});
            setIndex(0);
            setFocusTarget('scenario');
          }}
        >
          Play again
        </button>
      </section>
    );
  }

  const scenario = databaseScenarios[index]!;
  const chosen = answers[scenario.id];
  const feedback = chosen ? feedbackFor(scenario, chosen) : null;
  const last = index === databaseScenarios.length - 1;
  const headingId = `which-db-${scenario.id}`;

  return (
    <section className="exercise which-db" aria-label="Which database?">
      <p className="which-db__progress">
        Application {index + 1} of {databaseScenarios.length} · Score: {score.correct} of {score.answered}
      </p>
      <h3 className="which-db__title" id={headingId} ref={scenarioRef} tabIndex={-1}>
        {scenario.title}
      </h3>
      <p>{scenario.situation}</p>
      <p className="which-db__ask">Which family of distributed database fits best?</p>
      <div className="which-db__options" role="group" aria-labelledby={headingId}>
        {databaseFamilies.map((family) => {
          const isChosen = chosen === family.id;
          const isBest = feedback !== null && family.id === scenario.best;
          const classes = [
            'which-db__option',
            isChosen ? 'which-db__option--chosen' : '',
            isBest ? 'which-db__option--best' : '',
          ]
            .filter(Boolean)
            .join(' ');
          return (
            <button
              key={family.id}
              type="button"
              className={classes}
              aria-pressed={isChosen}
              disabled={feedback !== null}
              onClick={() => {
                setAnswers((current) => withAnswer(current, scenario.id, family.id));
                setFocusTarget('feedback');
              }}
            >
              <span className="which-db__option-name">{family.name}</span>
              <span className="which-db__option-examples">{family.examples}</span>
              {isBest && <span className="which-db__tag">Best fit</span>}
              {isChosen && !isBest && <span className="which-db__tag">Your choice</span>}
            </button>
          );
        })}
      </div>
      {feedback && (
        <div
          className={
            feedback.correct
              ? 'which-db__feedback which-db__feedback--right'
              : 'which-db__feedback which-db__feedback--wrong'
          }
          ref={feedbackRef}
          tabIndex={-1}
        >
          <p className="which-db__verdict">
            {feedback.correct
              ? `Right: ${feedback.best.name}.`
              : `Not the best fit. Best fit: ${feedback.best.name}.`}
          </p>
          {feedback.whyNotChosen && <p>{feedback.whyNotChosen}</p>}
          <p>{feedback.reason}</p>
          <button
            type="button"
            className="button button--primary"
            onClick={() => {
              setIndex(index + 1);
              setFocusTarget(last ? 'summary' : 'scenario');
            }}
          >
            {last ? 'See your score' : 'Next application'}
          </button>
        </div>
      )}
    </section>
  );
}
