/**
 * <Challenge id="…">: the student builds a fault schedule in an embed (its controls, or the schedule list
 * beside it), "Check my schedule" judges it in the worker against the challenge's goal, and a schedule that
 * breaks the goal is shrunk to a smallest one, shown next to theirs and replayable in the embed. Hints come
 * one at a time; an impossible challenge explains why its property holds when the student gives up.
 */
import { useId, useState, useSyncExternalStore } from 'react';
import type { Action } from '../engine/core/schema';
import {
  countedActions,
  formatSeconds,
  type Challenge as ChallengeData,
  type ChallengeVerdict,
  type ShrinkResult,
} from '../engine/analysis/challenges';
import { challengeById, challenges } from '../course/challenges/catalog';
import { AuthorError } from '../quiz/AuthorError';
import { Simulation } from '../sim/Simulation';
import { useEmbedStore } from '../sim/embedRegistry';
import type { SimulationState, SimulationStore } from '../sim/store';
import { challengeStatus } from '../store/challengesSlice';
import { useCourse } from '../store/index';
import { getSimulationWorker } from '../worker/client';
import { ScheduleList } from './ScheduleList';
import './challenges.css';

/** Impossible challenges offer "Give up" from the start and say why after this many tries anyway. */
const triesBeforeExplaining = 5;

export function Challenge({ id }: { id?: string }) {
  const challenge = typeof id === 'string' ? challengeById(id) : undefined;
  if (!challenge)
    return (
      <AuthorError
        what="A challenge"
        problems={[
          `<Challenge id=${JSON.stringify(id)}> names no challenge; use one of ${challenges.map((known) => known.id).join(', ')}`,
        ]}
      />
    );
  return <ChallengeView challenge={challenge} />;
}

const noStore = { subscribe: () => () => {}, getState: () => null };

/** One value of an embed's state, re-rendering when it changes (null until the embed has mounted). */
function useEmbedValue<T>(
  store: SimulationStore | undefined,
  select: (state: SimulationState) => T,
): T | null {
  const source = store ?? noStore;
  return useSyncExternalStore(
    (listener) => source.subscribe(listener),
    () => {
      const state = source.getState();
      return state ? select(state) : null;
    },
  );
}

type Check =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'refused'; problems: string[] }
  | { kind: 'held'; verdict: Extract<ChallengeVerdict, { judged: true }> }
  | {
      kind: 'broken';
      verdict: Extract<ChallengeVerdict, { judged: true }>;
      schedule: Action[];
      shrunk: ShrinkResult | 'shrinking';
    }
  | { kind: 'failed'; message: string };

const emptyLog: Action[] = [];

function ChallengeView({ challenge }: { challenge: ChallengeData }) {
  const headingId = useId();
  const embedId = `challenge-${challenge.id}-run`;
  const store = useEmbedStore(embedId);
  const commands = useEmbedValue(store, (state) => state.frame?.commands ?? emptyLog) ?? emptyLog;
  const seed = useEmbedValue(store, (state) => state.seed);
  const record = useCourse((state) => state.challenges[challenge.id]);
  const recordTry = useCourse((state) => state.recordChallengeTry);
  const recordSolved = useCourse((state) => state.recordChallengeSolved);
  const recordGaveUp = useCourse((state) => state.recordChallengeGaveUp);
  const [hintsShown, setHintsShown] = useState(0);
  const [check, setCheck] = useState<Check>({ kind: 'idle' });
  const status = challengeStatus(record);
  const { budget } = challenge;
  const used = countedActions(commands).length;

  const [checkedSchedule, setCheckedSchedule] = useState<readonly Action[] | null>(null);
  const changedSinceCheck =
    checkedSchedule !== null && JSON.stringify(checkedSchedule) !== JSON.stringify(commands);

  const checkSchedule = async () => {
    if (seed === null) return;
    const schedule = [...commands];
    setCheckedSchedule(schedule);
    setCheck({ kind: 'checking' });
    try {
      const worker = getSimulationWorker();
      const verdict = await worker.judgeChallenge(challenge, schedule, seed);
      if (!verdict.judged) return setCheck({ kind: 'refused', problems: verdict.problems });
      recordTry(challenge.id);
      if (!verdict.solved) return setCheck({ kind: 'held', verdict });
      setCheck({ kind: 'broken', verdict, schedule, shrunk: 'shrinking' });
      const shrunk = (await worker.shrinkSchedule(challenge, schedule, seed)) ?? {
        schedule,
        verdict,
        runs: 0,
      };
      setCheck({ kind: 'broken', verdict, schedule, shrunk });
      recordSolved(challenge.id, { at: new Date().toISOString(), seed, schedule, shrunk: shrunk.schedule });
    } catch (error) {
      setCheck({
        kind: 'failed',
        message: `The check could not run (${error instanceof Error ? error.message : String(error)}). Your schedule is still in the list; press "Check my schedule" to try again.`,
      });
    }
  };

  const replay = (schedule: Action[]) => store?.getState().replaceCommands(schedule);
  const jumpTo = (ms: number) => {
    const state = store?.getState();
    if (!state) return;
    state.seek(ms);
    state.pause();
  };
  const explained = Boolean(record?.gaveUpAt);

  return (
    <section
      className="challenge"
      id={`challenge-${challenge.id}`}
      aria-labelledby={headingId}
      data-challenge={challenge.id}
    >
      <header className="challenge__header">
        <p className="challenge__kicker">
          Challenge · {challenge.difficulty}
          <span className={`challenge__status challenge__status--${status.replace(' ', '-')}`}>{status}</span>
        </p>
        <h3 id={headingId} className="challenge__title">
          {challenge.title}
        </h3>
      </header>
      <p>{challenge.task}</p>
      <p className="challenge__goal">
        <strong>Break this:</strong> {challenge.goal.property}
      </p>
      <BudgetMeter used={used} challenge={challenge} />

      <Simulation
        scenario={challenge.scenario}
        {...challenge.overrides}
        id={embedId}
        title={challenge.title}
        autoplay={false}
        views={['cluster', 'history']}
      />

      <ScheduleList
        label="Your fault schedule"
        schedule={commands}
        deadlineMs={budget.deadlineMs}
        onChange={(schedule) => replay(schedule)}
      />

      <div className="challenge__actions">
        <button
          type="button"
          className="button button--primary"
          onClick={() => void checkSchedule()}
          disabled={check.kind === 'checking' || seed === null}
        >
          {check.kind === 'checking' ? 'Checking…' : 'Check my schedule'}
        </button>
        {hintsShown < challenge.hints.length && (
          <button type="button" className="button" onClick={() => setHintsShown((shown) => shown + 1)}>
            Show a hint ({hintsShown + 1} of {challenge.hints.length})
          </button>
        )}
        {challenge.impossible && !explained && (
          <button
            type="button"
            className="button"
            onClick={() => recordGaveUp(challenge.id, new Date().toISOString())}
          >
            Give up and see why
          </button>
        )}
      </div>

      {hintsShown > 0 && (
        <ol className="challenge__hints" aria-label="Hints">
          {challenge.hints.slice(0, hintsShown).map((hint) => (
            <li key={hint}>{hint}</li>
          ))}
        </ol>
      )}

      <div className="challenge__result" aria-live="polite">
        {changedSinceCheck && check.kind !== 'checking' && (
          <p className="challenge__changed">
            Your schedule has changed since this check: press “Check my schedule” to judge it.
          </p>
        )}
        <Result check={check} challenge={challenge} onJump={jumpTo} onReplay={replay} />
      </div>

      {challenge.impossible && (explained || (record?.tries ?? 0) >= triesBeforeExplaining) && (
        <div className="challenge__why" role="note">
          <p className="challenge__why-title">Why nobody can break this</p>
          <p>{challenge.impossible.why}</p>
          <p>
            The argument is in{' '}
            <a href={`#${challenge.impossible.section}`}>{challenge.impossible.sectionTitle}</a>.
          </p>
        </div>
      )}
    </section>
  );
}

function actionCount(schedule: readonly Action[]): string {
  const count = countedActions(schedule).length;
  return `${count} ${count === 1 ? 'action' : 'actions'}`;
}

function BudgetMeter({ used, challenge }: { used: number; challenge: ChallengeData }) {
  const { maxActions, faultKinds, deadlineMs } = challenge.budget;
  const over = used > maxActions;
  return (
    <div className="challenge__budget">
      <label className="challenge__meter">
        <span>
          Actions used: {used} of {maxActions}
          {over ? ' (over budget)' : ''}
        </span>
        <meter min={0} max={maxActions} value={Math.min(used, maxActions)} high={maxActions} optimum={0} />
      </label>
      <p className="challenge__allowed">
        Allowed: {faultKinds.join(', ')}; every action by {formatSeconds(deadlineMs)}.
      </p>
    </div>
  );
}

function Result({
  check,
  challenge,
  onJump,
  onReplay,
}: {
  check: Check;
  challenge: ChallengeData;
  onJump: (ms: number) => void;
  onReplay: (schedule: Action[]) => void;
}) {
  switch (check.kind) {
    case 'idle':
      return null;
    case 'checking':
      return <p>Running your schedule and the checks…</p>;
    case 'failed':
      return <p role="alert">{check.message}</p>;
    case 'refused':
      return (
        <div role="alert" className="challenge__refused">
          <p>Not checked: this schedule is outside the challenge’s rules.</p>
          <ul>
            {check.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      );
    case 'held':
      return (
        <div className="challenge__held">
          <p>
            <strong>Still holds.</strong>{' '}
            {challenge.impossible
              ? 'Whatever you try within the budget, this property will hold. Try a few more, or give up to see why.'
              : 'Your schedule did not break the property. Read the check, change the schedule and try again.'}
          </p>
          <ul>
            {check.verdict.results.map((result) => (
              <li key={result.name}>
                <code>{result.name}</code>: {result.detail}
              </li>
            ))}
          </ul>
        </div>
      );
    case 'broken': {
      const first = check.verdict.broken[0]!;
      const shrunk = check.shrunk === 'shrinking' ? null : check.shrunk.schedule;

      return (
        <div className="challenge__broken">
          <p>
            <strong>Broken!</strong> <code>{first.name}</code> failed at {formatSeconds(first.at!)}:{' '}
            {first.detail}
          </p>
          <button type="button" className="button button--small" onClick={() => onJump(first.at!)}>
            Jump to {formatSeconds(first.at!)}
          </button>
          {!shrunk ? (
            <p>Shrinking your schedule to the fewest actions that still break it…</p>
          ) : (
            <>
              <div className="challenge__compare">
                <ScheduleList
                  label={`Your schedule (${actionCount(check.schedule)})`}
                  schedule={check.schedule}
                />
                <ScheduleList label={`Shrunk (${actionCount(shrunk)})`} schedule={shrunk} />
              </div>
              {challenge.whyItBreaks && <p className="challenge__why-breaks">{challenge.whyItBreaks}</p>}
              <button type="button" className="button button--small" onClick={() => onReplay(shrunk)}>
                Replay the shrunk schedule
              </button>
            </>
          )}
        </div>
      );
    }
  }
}
