/**
 * The timeline, full width above the buttons: the time, the scrubber with markers for the scenario's
 * faults and the student's actions (each a button that jumps there), a warning while acting would
 * discard later actions (and Undo once it has), and "Keep running" at the end of the run.
 */
import { useEffect, useId, useMemo, useRef, type CSSProperties, type KeyboardEvent } from 'react';
import type { Action } from '../../engine/core/schema';
import { none, useControls, useSimulation, useSimulationStore } from '../context';
import { laterActions } from '../store';
import { formatTime } from './Toolbar';
import { displayStepMs, keepRunningMs, markerLabel, timelineMarkers } from './timelineMarkers';

export function Timeline({ scenarioFaults }: { scenarioFaults: readonly Action[] }) {
  const id = useId();
  const horizon = useSimulation((state) => state.frame?.horizon ?? 0);
  const duration = useSimulation((state) => state.frame?.durationMs ?? 1);
  const ready = useSimulation((state) => state.status === 'ready');
  const commands = useSimulation((state) => state.frame?.commands ?? none);
  const { seek } = useControls();
  const store = useSimulationStore();
  const arrowTarget = useRef<number | null>(null);
  useEffect(
    () =>
      store.subscribe((state) => {
        if (arrowTarget.current !== null && state.frame?.now === arrowTarget.current)
          arrowTarget.current = null;
      }),
    [store],
  );
  // While a seek is on its way, show where the student is pointing rather than the last frame's time.
  const value = useSimulation((state) => state.seekTarget ?? state.frame?.now ?? 0);
  const reached = duration > 0 ? (horizon / duration) * 100 : 0;
  const markers = useMemo(
    () => timelineMarkers(scenarioFaults, commands, duration),
    [scenarioFaults, commands, duration],
  );
  return (
    <div className="sim-timeline-row">
      <div className="sim-field sim-field--timeline">
        <label htmlFor={id}>Timeline</label>
        <p className="sim-time">
          <span className="sim-time__now">{formatTime(value)}</span>
          <span className="sim-time__of"> of {formatTime(duration)}</span>
        </p>
        <div className="sim-timeline__track">
          <input
            id={id}
            type="range"
            min={0}
            max={duration}
            step={1}
            value={value}
            disabled={!ready}
            className="sim-timeline"
            style={{ '--sim-reached': `${reached}%` } as CSSProperties}
            aria-valuetext={`${formatTime(value)} of ${formatTime(duration)}; run so far reaches ${formatTime(horizon)}`}
            onChange={(event) => {
              arrowTarget.current = null;
              seek(Number(event.target.value));
            }}
            onKeyDown={(event) => {
              // Arrows move by the step the time display shows (the input keeps whole ms, so any time
              // can be stood on exactly).
              const direction = arrowDirection(event);
              if (direction === 0) return;
              event.preventDefault();
              const state = store.getState();
              // A seek's frame arrives at the next paint, after the seek itself settles: until it does,
              // the last arrow's target is where the timeline stands.
              const from = state.seekTarget ?? arrowTarget.current ?? state.frame?.now ?? 0;
              const target = Math.min(duration, Math.max(0, from + direction * displayStepMs(duration)));
              arrowTarget.current = target;
              seek(target);
            }}
          />
          {/* The row is kept while the first frame's duration is still unknown (its markers are then
              all beyond it), so the embed does not grow by a row when the run starts. */}
          {(markers.length > 0 || scenarioFaults.length > 0) && (
            <div className="sim-timeline__markers" role="group" aria-label="Faults and your actions">
              {markers.map((marker) => (
                <button
                  key={marker.at}
                  type="button"
                  className={`sim-marker${marker.yours.length > 0 ? ' sim-marker--yours' : ''}${marker.scenario.length > 0 ? ' sim-marker--scenario' : ''}`}
                  style={{ '--sim-at': duration > 0 ? marker.at / duration : 0 } as CSSProperties}
                  aria-label={`Go to ${markerLabel(marker, formatTime)}`}
                  title={markerLabel(marker, formatTime)}
                  disabled={!ready}
                  onClick={() => seek(marker.at)}
                >
                  <span aria-hidden="true" className="sim-marker__mark" />
                </button>
              ))}
            </div>
          )}
        </div>
      </div>
      <BranchNotice />
      <KeepRunning />
    </div>
  );
}

function arrowDirection(event: KeyboardEvent): -1 | 0 | 1 {
  if (event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return 0;
  if (event.key === 'ArrowRight' || event.key === 'ArrowUp') return 1;
  if (event.key === 'ArrowLeft' || event.key === 'ArrowDown') return -1;
  return 0;
}

/**
 * Acting in the past forks the run. Before, say what acting would discard; after, offer Undo, which puts
 * the discarded actions back (nothing the student did is lost).
 */
function BranchNotice() {
  const later = useSimulation((state) => {
    const frame = state.frame;
    return frame ? laterActions(frame, state.seekTarget ?? frame.now).length : 0;
  });
  const undoable = useSimulation((state) => state.undoable);
  const { undo } = useControls();
  if (undoable)
    return (
      <div className="sim-notice sim-notice--warning sim-shared sim-branch" role="status">
        <p>
          You acted at {formatTime(undoable.at)}, so {undoable.discarded} later action
          {undoable.discarded === 1 ? ' of yours was' : 's of yours were'} discarded: the run goes on from
          your new action.
        </p>
        <button type="button" className="sim-button" onClick={undo}>
          Undo
        </button>
      </div>
    );
  if (later === 0) return null;
  return (
    <p className="sim-branch sim-branch--hint">
      {later} of your actions {later === 1 ? 'comes' : 'come'} later. Acting here discards{' '}
      {later === 1 ? 'it' : 'them'}, and you can undo that.
    </p>
  );
}

/** At the end of the run, extend it so a late request can finish; the extension is an action in the log. */
function KeepRunning() {
  const atEnd = useSimulation((state) => state.frame !== null && state.frame.now >= state.frame.durationMs);
  const duration = useSimulation((state) => state.frame?.durationMs ?? 0);
  const inFlight = useSimulation((state) => state.frame?.messages.length ?? 0);
  const { keepRunning } = useControls();
  if (!atEnd) return null;
  const extra = keepRunningMs(duration);
  return (
    <div className="sim-keep-running">
      <p>
        The run ended at {formatTime(duration)}
        {inFlight > 0 ? ` with ${inFlight} message${inFlight === 1 ? '' : 's'} still in flight` : ''}.
      </p>
      <button type="button" className="sim-button" onClick={() => keepRunning(extra)}>
        Keep running {formatTime(extra)}
      </button>
    </div>
  );
}
