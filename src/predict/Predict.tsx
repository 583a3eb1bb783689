/**
 * <Predict for="embed-id" id="…" question="…" kind="number" measure="…" at={…} tolerance={…}>explanation</Predict>:
 * predict first, then watch. Until the student commits a prediction (or chooses to just watch), the bound
 * embed's Play is held; once their run reaches the moment, the outcome is measured from that very run and
 * shown with the explanation and a jump to the moment. Predictions are saved with progress and never gate.
 */
import {
  Children,
  isValidElement,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
  type FormEvent,
  type ReactNode,
} from 'react';
import { AuthorError } from '../quiz/AuthorError';
import { QuizLessonContext } from '../quiz/QuizLessonContext';
import { embedStoresFor, useEmbedRegistryVersion } from '../sim/embedRegistry';
import { formatTime } from '../sim/controls/Toolbar';
import type { SimulationStore } from '../sim/store';
import { useCourse } from '../store/index';
import type { PredictionRecord } from '../store/predictionsSlice';
import { MeasureScope } from './Measured';
import {
  choiceFor,
  formatMeasured,
  isPredictionRight,
  readPredictProps,
  revealText,
  type PredictSpec,
} from './spec';
import { jumpToMoment, useMeasured } from './useMeasured';
import './predict.css';

export function Predict(props: Record<string, unknown> & { children?: ReactNode }) {
  const read = readPredictProps(props);
  if (!read.ok) return <AuthorError what="This prediction" problems={read.problems} />;
  const { setup, explanation } = splitChildren(props.children);
  return (
    <PredictBox spec={read.value} setup={setup}>
      {explanation}
    </PredictBox>
  );
}

/** The children are the setup, shown with the question; an <Explain> among them is shown with the outcome. */
function splitChildren(children: ReactNode): { setup: ReactNode[]; explanation: ReactNode } {
  const setup: ReactNode[] = [];
  let explanation: ReactNode = null;
  Children.forEach(children, (child) => {
    const role = isValidElement(child) ? (child.type as { quizRole?: string }).quizRole : undefined;
    if (role === 'explain') explanation = (child as { props: { children?: ReactNode } }).props.children;
    else setup.push(child);
  });
  return { setup, explanation };
}

/** What the embed shows when Play is pressed while held (every <Predict> of an embed holds it with the same words). */
export const predictFirst = 'Make your prediction above first, or choose “I’ll just watch”.';

/** Per embed store, the predictions still unanswered, in the order they were mounted (page order). */
const unansweredByStore = new WeakMap<SimulationStore, Set<string>>();

/**
 * Holds Play in the bound embed(s) while any of its predictions is unanswered, and releases it when the
 * last one is answered. Every <Predict> of an embed computes the same hold from the shared set, so two
 * predictions on one embed agree instead of taking the hold from each other.
 */
function usePlayHold(spec: PredictSpec, answered: boolean, onHeld: () => void) {
  const registry = useEmbedRegistryVersion();
  const attemptsSeen = useRef(new Map<SimulationStore, number>());
  useEffect(() => {
    const stores = embedStoresFor(spec.for);
    const unansweredOf = (store: SimulationStore) => {
      const set = unansweredByStore.get(store) ?? new Set<string>();
      unansweredByStore.set(store, set);
      return set;
    };
    const applyHold = (store: SimulationStore) => {
      const state = store.getState();
      const wanted = unansweredOf(store).size > 0 ? predictFirst : null;
      // Another hold (not ours) is left alone.
      if (state.playHold !== wanted && (state.playHold === null || state.playHold === predictFirst))
        state.holdPlay(wanted);
    };
    for (const store of stores) {
      if (answered) unansweredOf(store).delete(spec.id);
      else unansweredOf(store).add(spec.id);
    }
    const sync = () => {
      for (const store of stores) {
        applyHold(store);
        const state = store.getState();
        const seen = attemptsSeen.current.get(store) ?? state.heldPlayAttempts;
        attemptsSeen.current.set(store, state.heldPlayAttempts);
        // The first unanswered prediction on the page asks for the student's attention.
        const first = unansweredOf(store).values().next().value;
        if (!answered && first === spec.id && state.heldPlayAttempts > seen) onHeld();
      }
    };
    sync();
    const unsubscribe = stores.map((store) => store.subscribe(sync));
    return () => {
      unsubscribe.forEach((stop) => stop());
      for (const store of stores) {
        unansweredOf(store).delete(spec.id);
        applyHold(store);
      }
    };
    // onHeld only scrolls to and focuses this box; a new function each render must not re-run the effect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [registry, answered, spec.for, spec.id]);
}

function PredictBox({
  spec,
  setup,
  children,
}: {
  spec: PredictSpec;
  setup: ReactNode;
  children?: ReactNode;
}) {
  const lesson = useContext(QuizLessonContext);
  const lessonId = lesson?.id ?? '';
  const saved = useCourse((state) => state.predictions[lessonId]?.made[spec.id]);
  const recordPrediction = useCourse((state) => state.recordPrediction);
  const recordOutcome = useCourse((state) => state.recordPredictionOutcome);
  const [nudged, setNudged] = useState(false);
  const boxRef = useRef<HTMLElement>(null);
  const labelId = useId();

  usePlayHold(spec, saved !== undefined, () => {
    setNudged(true);
    boxRef.current?.scrollIntoView({ block: 'nearest' });
    boxRef.current?.querySelector<HTMLElement>('input, button')?.focus();
  });

  const measured = useMeasured(spec);
  const right =
    saved && saved.answer !== null && measured.status === 'ready'
      ? isPredictionRight(spec, saved.answer, measured.value)
      : null;
  useEffect(() => {
    if (!saved || saved.outcome || measured.status !== 'ready' || !lessonId) return;
    recordOutcome(lessonId, spec.id, { value: measured.value, right: right === true });
  }, [saved, measured, right, lessonId, spec.id, recordOutcome]);

  const commit = (answer: number | null) => {
    if (lessonId) recordPrediction(lessonId, spec.id, answer, new Date().toISOString());
    setNudged(false);
  };

  return (
    <aside
      ref={boxRef}
      className="callout callout--predict predict"
      aria-labelledby={labelId}
      data-predict={spec.id}
    >
      <p className="callout__label" id={labelId}>
        Predict first
      </p>
      <div className="callout__body">{setup}</div>
      <p className="predict__question">{spec.question}</p>
      {saved === undefined ? (
        <PredictionForm spec={spec} onCommit={commit} nudged={nudged} />
      ) : (
        <Outcome spec={spec} saved={saved} measured={measured} right={right}>
          {children}
        </Outcome>
      )}
    </aside>
  );
}

function PredictionForm({
  spec,
  onCommit,
  nudged,
}: {
  spec: PredictSpec;
  onCommit: (answer: number | null) => void;
  nudged: boolean;
}) {
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();
  const problemId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const answer =
      spec.kind === 'choice' ? (value === '' ? NaN : Number(value)) : Number(value.trim().replace(/,/g, ''));
    if (value.trim() === '' || !Number.isFinite(answer)) {
      setProblem(
        spec.kind === 'choice'
          ? 'Choose one answer, or press “I’ll just watch”.'
          : 'Type a number (digits only), or press “I’ll just watch”.',
      );
      return;
    }
    onCommit(answer);
  };

  return (
    <form className="predict__form" onSubmit={submit} noValidate>
      {spec.kind === 'number' ? (
        <p className="predict__field">
          <label htmlFor={inputId}>Your prediction</label>{' '}
          <input
            id={inputId}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={value}
            aria-invalid={problem !== null}
            aria-describedby={problem ? problemId : undefined}
            onChange={(event) => setValue(event.target.value)}
          />
          {spec.unit && <span className="predict__unit"> {spec.unit}</span>}
        </p>
      ) : (
        <fieldset className="predict__choices" aria-describedby={problem ? problemId : undefined}>
          <legend className="viz-sr-only">Your prediction</legend>
          {spec.choices.map((choice, index) => (
            <label key={choice.label} className="predict__choice">
              <input
                type="radio"
                name={`${inputId}-choice`}
                value={index}
                checked={value === String(index)}
                onChange={() => setValue(String(index))}
              />{' '}
              {choice.label}
            </label>
          ))}
        </fieldset>
      )}
      {problem && (
        <p className="predict__problem" id={problemId} role="alert">
          {problem}
        </p>
      )}
      {nudged && !problem && (
        <p className="predict__nudge" role="status">
          Commit a prediction, or choose “I’ll just watch”, and the simulation will play.
        </p>
      )}
      <p className="predict__actions">
        <button type="submit" className="button button--primary button--small">
          Commit my prediction
        </button>
        <button type="button" className="button button--small" onClick={() => onCommit(null)}>
          I’ll just watch
        </button>
      </p>
    </form>
  );
}

function Outcome({
  spec,
  saved,
  measured,
  right,
  children,
}: {
  spec: PredictSpec;
  saved: PredictionRecord;
  measured: ReturnType<typeof useMeasured>;
  right: boolean | null;
  children?: ReactNode;
}) {
  const yours =
    saved.answer === null
      ? null
      : spec.kind === 'choice'
        ? `“${spec.choices[saved.answer]?.label ?? '?'}”`
        : formatMeasured(saved.answer, spec.unit);
  if (measured.status !== 'ready') {
    const waiting =
      measured.status === 'no-embed'
        ? 'The simulation it is about is further down; it starts when you scroll to it.'
        : measured.status === 'failed'
          ? `This run’s answer could not be measured: ${measured.problem}. Reset the simulation and run it again.`
          : measured.status === 'computing'
            ? 'Measuring this run…'
            : `Press Play below: the answer appears when the run reaches ${formatTime(measured.momentMs)}.`;
    return (
      <div className="predict__outcome" aria-live="polite">
        <p>{yours === null ? 'You chose to just watch.' : `Your prediction: ${yours}.`}</p>
        <p className="predict__waiting">{waiting}</p>
      </div>
    );
  }
  const result = revealText(spec, measured.value);
  const rightChoice = spec.kind === 'choice' ? choiceFor(spec.choices, measured.value) : null;
  return (
    <div className="predict__outcome" aria-live="polite">
      <p
        className={`predict__verdict${right === null ? '' : right ? ' predict__verdict--right' : ' predict__verdict--wrong'}`}
      >
        {yours === null ? capitalise(result) : `You predicted ${yours}; ${result}.`}
        {right !== null && <strong> {right ? 'Right.' : 'Not this time.'}</strong>}
      </p>
      {rightChoice !== null && saved.answer !== rightChoice && (
        <p>That makes the answer “{spec.choices[rightChoice]!.label}”.</p>
      )}
      <MeasureScope binding={spec} value={measured.value}>
        <div className="predict__explanation">{children}</div>
      </MeasureScope>
      <p>
        <button
          type="button"
          className="button button--small"
          onClick={() => jumpToMoment(spec, measured.momentMs)}
        >
          Go to {formatTime(measured.momentMs)} in the simulation
        </button>
      </p>
    </div>
  );
}

const capitalise = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
