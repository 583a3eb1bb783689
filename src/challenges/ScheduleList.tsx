/**
 * A fault schedule as a list: each action with its time. Editable (with `onChange`): retime an action
 * (seconds, to the ms) or delete it; the embed then replays the edited log from the start. Actions are
 * added by acting in the embed, so the list and the embed are one command log.
 */
import { useId } from 'react';
import { describeAction } from '../engine/core/faults';
import type { Action } from '../engine/core/schema';
import { formatSeconds } from '../engine/analysis/challenges';

export function ScheduleList({
  label,
  schedule,
  deadlineMs,
  onChange,
}: {
  label: string;
  schedule: readonly Action[];
  deadlineMs?: number;
  onChange?: (schedule: Action[]) => void;
}) {
  const labelId = useId();
  const retime = (index: number, seconds: number) => {
    if (!onChange || !Number.isFinite(seconds) || seconds < 0) return;
    const at = Math.round(seconds * 1000);
    onChange(
      schedule.map((action, i) => (i === index ? { ...action, at } : action)).sort((a, b) => a.at - b.at),
    );
  };
  return (
    <div className="schedule">
      <p className="schedule__label" id={labelId}>
        {label}
      </p>
      {schedule.length === 0 ? (
        <p className="schedule__empty">
          {onChange
            ? 'No actions yet. Act in the simulation above (click a node, or use the network controls) and each action appears here.'
            : 'No actions.'}
        </p>
      ) : (
        <ol className="schedule__list" aria-labelledby={labelId}>
          {schedule.map((action, index) => {
            const what = describeAction(action);
            return (
              <li key={`${index}:${JSON.stringify(action)}`} className="schedule__item">
                {onChange ? (
                  <label className="schedule__time">
                    <span className="viz-sr-only">Time of “{what}” in seconds</span>
                    <input
                      type="number"
                      min={0}
                      max={deadlineMs === undefined ? undefined : deadlineMs / 1000}
                      step={0.1}
                      defaultValue={action.at / 1000}
                      onBlur={(event) => retime(index, event.currentTarget.valueAsNumber)}
                      onKeyDown={(event) => {
                        if (event.key === 'Enter') retime(index, event.currentTarget.valueAsNumber);
                      }}
                    />
                    <span aria-hidden="true">s</span>
                  </label>
                ) : (
                  <span className="schedule__time">{formatSeconds(action.at)}</span>
                )}
                <span className="schedule__what">{what}</span>
                {onChange && (
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={`Delete “${what}” at ${formatSeconds(action.at)}`}
                    onClick={() => onChange(schedule.filter((_, i) => i !== index))}
                  >
                    Delete
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
