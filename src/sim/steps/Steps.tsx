/**
 * <Steps for="embed-id"> with <Step pauseAt="…"> children: a step list bound to one embed on the page.
 * The first step not yet done is the current one; its moment is armed on the embed, so playing stops
 * exactly there and the step is marked done. Each step with a moment offers "Go to" (found by replaying
 * the run, so it works before, at and after the moment), and every step can be ticked off by hand.
 * Which steps are done is saved with the student's progress (per lesson and embed), so a reload keeps
 * them; "Start the steps again" clears them.
 *
 * Compare mode has one clock for both runs, so steps bound to a <Compare> pause at times only.
 */
import {
  Children,
  isValidElement,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useState,
  type ReactElement,
  type ReactNode,
} from 'react';
import { describeMoment, momentSchema, type Moment } from '../../engine/analysis/moments';
import { AuthorError } from '../../quiz/AuthorError';
import { QuizLessonContext } from '../../quiz/QuizLessonContext';
import { useCourse } from '../../store/index';
import { formatTime } from '../controls/Toolbar';
import { useEmbedStore } from '../embedRegistry';
import type { SimulationStore } from '../store';
import { Step, type StepProps } from './Step';
import './steps.css';

export interface StepSpec {
  moment: Moment | null;
  content: ReactNode;
}

/** Reads the <Step> children: each one's moment (validated) and content, or what is wrong. */
export function readSteps(children: ReactNode): { steps: StepSpec[]; problems: string[] } {
  const steps: StepSpec[] = [];
  const problems: string[] = [];
  Children.toArray(children).forEach((child) => {
    if (!isValidElement(child)) return;
    if ((child.type as { guidedStep?: boolean }).guidedStep !== true) {
      // MDX wraps loose text in paragraphs; only other components are mistakes.
      if (typeof child.type !== 'string') problems.push('<Steps> may contain only <Step> elements');
      return;
    }
    const props = (child as ReactElement<StepProps>).props;
    let moment: Moment | null = null;
    if (props.pauseAt !== undefined) {
      const parsed = momentSchema.safeParse(props.pauseAt);
      if (parsed.success) moment = parsed.data;
      else
        problems.push(
          `step ${steps.length + 1}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`,
        );
    }
    steps.push({ moment, content: props.children });
  });
  if (steps.length === 0) problems.push('<Steps> needs at least one <Step>');
  return { steps, problems };
}

/** Same moment, whichever object it came in (frames are copies). */
function sameMoment(a: Moment | null | undefined, b: Moment | null | undefined): boolean {
  return a != null && b != null && JSON.stringify(a) === JSON.stringify(b);
}

/** The runs a step list drives: the embed with that id, or both sides of a comparison with that id. */
function useTargets(id: string): SimulationStore[] | null {
  const single = useEmbedStore(id);
  const left = useEmbedStore(`${id}-left`);
  const right = useEmbedStore(`${id}-right`);
  return useMemo(() => (single ? [single] : left && right ? [left, right] : null), [single, left, right]);
}

/**
 * Which of an embed's steps are done: saved with the progress inside a lesson, kept in the page
 * elsewhere (a step list previewed outside any lesson has nowhere to save).
 */
function useDoneSteps(embedId: string, count: number) {
  const lessonId = useContext(QuizLessonContext)?.id ?? null;
  const saved = useCourse((state) => (lessonId ? state.guidedSteps[lessonId]?.[embedId] : undefined));
  const setStepDone = useCourse((state) => state.setStepDone);
  const resetSteps = useCourse((state) => state.resetSteps);
  const [unsaved, setUnsaved] = useState<readonly number[]>([]);
  const doneNumbers = (lessonId ? saved : unsaved) ?? [];
  const done = Array.from({ length: count }, (_, index) => doneNumbers.includes(index + 1));
  const markDone = useCallback(
    (index: number, value = true) => {
      if (lessonId) setStepDone(lessonId, embedId, index + 1, value);
      else
        setUnsaved((before) =>
          value ? [...before, index + 1] : before.filter((number) => number !== index + 1),
        );
    },
    [lessonId, embedId, setStepDone],
  );
  const reset = useCallback(() => {
    if (lessonId) resetSteps(lessonId, embedId);
    else setUnsaved([]);
  }, [lessonId, embedId, resetSteps]);
  return { done, markDone, reset };
}

export function Steps({ for: embedId, children }: { for?: string; children?: ReactNode }) {
  const { steps, problems } = readSteps(children);
  if (typeof embedId !== 'string' || embedId === '')
    problems.unshift('<Steps> needs for="…": the id of the <Simulation> or <Compare> it guides');
  if (problems.length > 0) return <AuthorError what="A step list" problems={problems} />;
  return <BoundSteps embedId={embedId!} steps={steps} />;
}

function BoundSteps({ embedId, steps }: { embedId: string; steps: StepSpec[] }) {
  const targets = useTargets(embedId);
  const compare = targets !== null && targets.length > 1;
  const { done, markDone, reset } = useDoneSteps(embedId, steps.length);
  const [status, setStatus] = useState('');
  const headingId = useId();
  const current = done.findIndex((isDone) => !isDone);
  const armed = current >= 0 ? (steps[current]!.moment ?? null) : null;
  const wrongKind = compare && steps.some((step) => step.moment && !('atMs' in step.moment));

  // Arm the current step's moment on the run(s); playing stops there.
  useEffect(() => {
    if (!targets || wrongKind) return;
    for (const store of targets) store.getState().pauseAt(armed);
    return () => {
      for (const store of targets)
        if (sameMoment(store.getState().pauseMoment, armed)) store.getState().pauseAt(null);
    };
  }, [targets, armed, wrongKind]);

  // When the run stops at the armed moment, that step is done.
  useEffect(() => {
    const store = targets?.[0];
    if (!store || !armed) return;
    return store.subscribe((state, previous) => {
      const reached = state.frame?.reached;
      if (!reached || previous.frame?.reached || !sameMoment(reached.moment, armed)) return;
      markDone(current);
      const where =
        'atMs' in armed
          ? `at ${formatTime(reached.at)}`
          : `${describeMoment(armed)}, at ${formatTime(reached.at)}`;
      setStatus(`Paused ${where}: step ${current + 1} done.`);
    });
  }, [targets, armed, current, markDone]);

  if (wrongKind)
    return (
      <AuthorError
        what="A step list"
        problems={[
          `<Steps for="${embedId}"> guides a comparison, whose two runs share one clock: pause at times ("1.9 s"), not events`,
        ]}
      />
    );

  const goTo = async (index: number, moment: Moment) => {
    if (!targets) return;
    const at = 'atMs' in moment ? moment.atMs : await targets[0]!.getState().findMoment(moment);
    if (at === null) {
      setStatus(
        `This run never gets there: nothing happens ${describeMoment(moment)} (a new seed or your own actions can change that).`,
      );
      return;
    }
    for (const store of targets) store.getState().seek(at);
    markDone(index);
    const why = 'atMs' in moment ? '' : ` (${describeMoment(moment)})`;
    setStatus(`Went to ${formatTime(at)}${why}: step ${index + 1} done.`);
  };

  return (
    <section className="sim-steps" aria-labelledby={headingId} data-steps-for={embedId}>
      <div className="sim-steps__header">
        <h4 className="sim-steps__title" id={headingId}>
          Steps{' '}
          <span className="sim-steps__count">
            {done.filter(Boolean).length} of {steps.length} done
          </span>
        </h4>
        {/* Always drawn (disabled until a step is done), so ticking the first step moves nothing. */}
        <button
          type="button"
          className="sim-steps__reset"
          disabled={!done.some(Boolean)}
          onClick={() => {
            reset();
            setStatus('Steps cleared: start again at step 1.');
          }}
        >
          Start the steps again
        </button>
      </div>
      {!targets && (
        <p className="sim-steps__waiting">These steps guide the simulation above; they start when it does.</p>
      )}
      <ol className="sim-steps__list">
        {steps.map((step, index) => {
          const state = done[index] ? 'done' : index === current ? 'current' : 'todo';
          return (
            <li
              key={index}
              className={`sim-step sim-step--${state}`}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              <button
                type="button"
                className="sim-step__mark"
                aria-pressed={done[index]}
                aria-label={`Step ${index + 1}: ${done[index] ? 'done (click to undo)' : 'mark as done'}`}
                onClick={() => markDone(index, !done[index])}
              >
                {done[index] ? '✓' : index + 1}
              </button>
              <div className="sim-step__body">
                <div className="sim-step__text">{step.content}</div>
                {step.moment && (
                  <p className="sim-step__moment">
                    {state === 'current' && (
                      <span className="sim-step__armed">Play pauses {describeMoment(step.moment)}.</span>
                    )}
                    <button
                      type="button"
                      className="sim-button sim-step__goto"
                      disabled={!targets}
                      onClick={() => void goTo(index, step.moment!)}
                    >
                      {'atMs' in step.moment
                        ? `Go to ${formatTime(step.moment.atMs)}`
                        : `Go to: ${describeMoment(step.moment).replace(/^when /, '')}`}
                    </button>
                  </p>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      <p className="sim-steps__status" role="status" aria-live="polite">
        {status}
      </p>
    </section>
  );
}

export { Step };
