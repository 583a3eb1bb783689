/**
 * Faults and network conditions: draw a partition or heal it, change latency and loss, drop a message
 * in flight. Every change is a command, so it lands in the command log and in share links.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { Action, Latency } from '../../engine/core/schema';
import type { FrameMessage } from '../../engine/core/frame';
import { none, useControls, useSimulation, useSimulationStore } from '../context';
import { partitionAction } from '../store';
import type { ControlName } from '../props';

/** The latency in force: the latest setLatency in the command log, else the scenario's. */
export function currentLatency(commands: readonly Action[], initial: Latency): Latency {
  for (let index = commands.length - 1; index >= 0; index--) {
    const command = commands[index]!;
    if ('setLatency' in command) return command.setLatency;
  }
  return initial;
}

export function currentLossRate(commands: readonly Action[], initial: number): number {
  for (let index = commands.length - 1; index >= 0; index--) {
    const command = commands[index]!;
    if ('setLossRate' in command) return command.setLossRate;
  }
  return initial;
}

/** Slider position ↔ mean latency on a log scale from 0 to 2000 ms (position 0 means 0 ms). */
export const latencyToSlider = (ms: number) => (ms <= 0 ? 0 : Math.log10(ms + 1));
export const sliderToLatency = (value: number) => Math.round(10 ** value - 1);
const maxLatencySlider = Math.log10(2001);

/** Commits a slider's value once the student stops moving it, so one drag is one command. */
function useSettledValue(commit: (value: number) => void, delayMs = 350) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return (value: number) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => commit(value), delayMs);
  };
}

export function NetworkPanel({
  controls,
  initialLatency,
  initialLossRate,
}: {
  controls: readonly ControlName[];
  initialLatency: Latency;
  initialLossRate: number;
}) {
  const commands = useSimulation((state) => state.frame?.commands ?? none);
  const cuts = useSimulation((state) => state.frame?.cuts ?? none);
  const ready = useSimulation((state) => state.status === 'ready');
  const { command } = useControls();
  const latency = currentLatency(commands, initialLatency);
  const lossRate = currentLossRate(commands, initialLossRate);
  return (
    <div className="sim-panel">
      {controls.includes('faults') && (
        <>
          <PartitionTool />
          <button
            type="button"
            className="sim-button"
            disabled={!ready || cuts.length === 0}
            onClick={() => command({ at: 0, heal: true })}
          >
            Heal the network
          </button>
          <DropMessage />
        </>
      )}
      {controls.includes('network') && (
        <>
          <LatencySlider
            latency={latency}
            disabled={!ready}
            onCommit={(meanMs) => command({ at: 0, setLatency: { ...latency, meanMs } })}
          />
          <LossSlider
            lossRate={lossRate}
            disabled={!ready}
            onCommit={(rate) => command({ at: 0, setLossRate: rate })}
          />
        </>
      )}
    </div>
  );
}

function PartitionTool() {
  const sideB = useSimulation((state) => state.partitionSideB);
  const nodes = useSimulation((state) => state.frame?.nodes);
  const ready = useSimulation((state) => state.status === 'ready');
  const beginPartition = useSimulation((state) => state.beginPartition);
  const cancelPartition = useSimulation((state) => state.cancelPartition);
  const { command } = useControls();
  const ids = nodes?.map((node) => node.id) ?? [];
  if (!sideB) {
    return (
      <button type="button" className="sim-button" disabled={!ready} onClick={beginPartition}>
        Draw a partition…
      </button>
    );
  }
  const sideA = ids.filter((id) => !sideB.includes(id));
  const action = partitionAction(ids, sideB);
  return (
    <div className="sim-partition" role="group" aria-label="Draw a partition">
      <p>
        Click nodes (or press Enter on them) to put them on side B.
        <br />
        Side A: <strong>{sideA.join(', ') || 'none'}</strong> · Side B:{' '}
        <strong>{sideB.join(', ') || 'none'}</strong>
      </p>
      <button
        type="button"
        className="sim-button sim-button--primary"
        disabled={!action}
        onClick={() => {
          cancelPartition();
          if (action) command(action);
        }}
      >
        Cut the network between A and B
      </button>
      <button type="button" className="sim-button" onClick={cancelPartition}>
        Cancel
      </button>
    </div>
  );
}

const maxListed = 40;

/**
 * Pick a message in flight and drop it (the keyboard's way to do what a click on a message does). The
 * list is a snapshot taken when the student opens it (at animation rate it would change under them),
 * narrowed on every frame to the messages still in flight now: scrubbing or delivery removes them.
 */
function DropMessage() {
  const id = useId();
  const store = useSimulationStore();
  const count = useSimulation((state) => state.frame?.messages.length ?? 0);
  // A string, so the list re-renders only when the set of messages in flight changes.
  const inFlightIds = useSimulation((state) => inFlightKey(state.frame?.messages ?? none));
  const { command } = useControls();
  const [snapshot, setSnapshot] = useState<readonly FrameMessage[]>([]);
  const [picked, setPicked] = useState<number | null>(null);
  const inFlight = new Set(inFlightIds.split(' ').filter(Boolean).map(Number));
  const listed = snapshot.filter((message) => inFlight.has(message.id));
  const chosen = picked !== null && inFlight.has(picked) ? picked : (listed[0]?.id ?? null);
  const refresh = () => {
    const messages = store.getState().frame?.messages.slice(0, maxListed) ?? [];
    setSnapshot(messages);
    if (!messages.some((message) => message.id === picked)) setPicked(messages[0]?.id ?? null);
  };
  return (
    <div className="sim-field">
      <label htmlFor={id}>Drop a message ({count} in flight)</label>
      <select
        id={id}
        value={chosen ?? ''}
        onFocus={refresh}
        onPointerDown={refresh}
        onChange={(event) => setPicked(Number(event.target.value))}
      >
        {listed.length === 0 && (
          <option value="">{count === 0 ? 'none in flight' : 'choose a message'}</option>
        )}
        {listed.map((message) => (
          <option key={message.id} value={message.id}>
            #{message.id} {message.label} {message.from}→{message.to}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="sim-button"
        disabled={chosen === null}
        onClick={() => {
          if (chosen === null) return;
          command({ at: 0, dropMessage: chosen });
          setPicked(null);
          setSnapshot([]);
        }}
      >
        Drop it
      </button>
    </div>
  );
}

/** The ids of the messages in flight, as one string ("3 7 12"). */
export function inFlightKey(messages: readonly FrameMessage[]): string {
  return messages.map((message) => message.id).join(' ');
}

function LatencySlider({
  latency,
  disabled,
  onCommit,
}: {
  latency: Latency;
  disabled: boolean;
  onCommit(meanMs: number): void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<number | null>(null);
  const settle = useSettledValue((value) => {
    onCommit(value);
    setDraft(null);
  });
  const shown = draft ?? latency.meanMs;
  return (
    <div className="sim-field">
      <label htmlFor={id}>Latency</label>
      <input
        id={id}
        type="range"
        min={0}
        max={maxLatencySlider}
        step={0.01}
        value={latencyToSlider(shown)}
        disabled={disabled}
        aria-valuetext={`${latency.minMs} ms plus ${shown} ms on average, one way`}
        onChange={(event) => {
          const value = sliderToLatency(Number(event.target.value));
          setDraft(value);
          settle(value);
        }}
      />
      <output htmlFor={id} className="sim-field__value">
        {latency.minMs}+{shown} ms
      </output>
    </div>
  );
}

function LossSlider({
  lossRate,
  disabled,
  onCommit,
}: {
  lossRate: number;
  disabled: boolean;
  onCommit(rate: number): void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<number | null>(null);
  const settle = useSettledValue((value) => {
    onCommit(value);
    setDraft(null);
  });
  const percent = Math.round((draft ?? lossRate) * 100);
  return (
    <div className="sim-field">
      <label htmlFor={id}>Message loss</label>
      <input
        id={id}
        type="range"
        min={0}
        max={50}
        step={1}
        value={percent}
        disabled={disabled}
        aria-valuetext={`${percent}% of messages lost`}
        onChange={(event) => {
          const rate = Number(event.target.value) / 100;
          setDraft(rate);
          settle(rate);
        }}
      />
      <output htmlFor={id} className="sim-field__value">
        {percent}%
      </output>
    </div>
  );
}
