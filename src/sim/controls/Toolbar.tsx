/**
 * The transport controls: play/pause, step, reset, speed, the seed, the share link and the keyboard
 * help (the timeline is its own row, in Timeline.tsx). Every control is a native form control with a visible or accessible label.
 */
import { useId, useState } from 'react';
import type { ControlName } from '../props';
import { useControls, useSimulation, useSimulationStore } from '../context';
import { shortcutList } from '../keyboard';
import { shareLimits, shareUrl } from '../shareLink';
import { maxSpeed, minSpeed } from '../store';

export function formatTime(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms >= 100_000 ? 0 : 2)} s` : `${Math.round(ms)} ms`;
}

export function formatSpeed(speed: number): string {
  return `${speed >= 10 ? Math.round(speed) : Number(speed.toFixed(speed < 1 ? 2 : 1))}×`;
}

/** The speed slider works in log10 units, so 0.1×–100× spreads evenly. */
export const speedToSlider = (speed: number) => Math.log10(speed);
export const sliderToSpeed = (value: number) => Math.round(10 ** value * 100) / 100;

export function Toolbar({
  controls,
  embedKey,
  scenario,
  helpOpen,
  onHelpToggle,
  followPace,
}: {
  controls: readonly ControlName[];
  embedKey: string;
  scenario: string;
  /** Simulated ms per wall ms at 1× while messages fly (see followPaceOf). */
  followPace: number;
  helpOpen: boolean;
  onHelpToggle(open: boolean): void;
}) {
  const has = (name: ControlName) => controls.includes(name);
  const playing = useSimulation((state) => state.frame?.playing ?? false);
  const ready = useSimulation((state) => state.status === 'ready');
  const { togglePlay, step, reset } = useControls();
  return (
    <div className="sim-toolbar" role="toolbar" aria-label="Simulation controls">
      {has('play') && (
        <button
          type="button"
          className="sim-button sim-button--primary"
          onClick={togglePlay}
          disabled={!ready}
          aria-keyshortcuts="Space"
        >
          <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span> {playing ? 'Pause' : 'Play'}
        </button>
      )}
      {has('step') && (
        <button
          type="button"
          className="sim-button"
          onClick={step}
          disabled={!ready}
          aria-keyshortcuts="ArrowRight"
        >
          Step <span aria-hidden="true">→</span>
        </button>
      )}
      {has('reset') && (
        <button type="button" className="sim-button" onClick={reset} disabled={!ready} aria-keyshortcuts="R">
          <span aria-hidden="true">↺</span> Reset
        </button>
      )}
      {has('speed') && <SpeedControl followPace={followPace} />}
      {has('seed') && <SeedControl />}
      {has('share') && <ShareControl embedKey={embedKey} scenario={scenario} />}
      <HelpControl open={helpOpen} onToggle={onHelpToggle} />
    </div>
  );
}

/** What one second of the student's time shows, e.g. "1 s shows 10 ms while messages fly". */
export function paceText(speed: number, followPace: number): string {
  const whileIdle = formatTime(speed * 1000);
  if (followPace >= 1) return `1 s shows ${whileIdle}`;
  const whileFlying = formatTime(Math.min(1, speed * followPace) * 1000);
  return `1 s shows ${whileFlying} while messages fly, ${whileIdle} otherwise`;
}

function SpeedControl({ followPace }: { followPace: number }) {
  const id = useId();
  const hintId = useId();
  const speed = useSimulation((state) => state.speed);
  const { setSpeed } = useControls();
  return (
    <div className="sim-field sim-field--speed">
      <label htmlFor={id}>Speed</label>
      <input
        id={id}
        type="range"
        min={speedToSlider(minSpeed)}
        max={speedToSlider(maxSpeed)}
        step={0.01}
        value={speedToSlider(speed)}
        aria-valuetext={`${formatSpeed(speed)}: ${paceText(speed, followPace)}`}
        aria-describedby={hintId}
        onChange={(event) => setSpeed(sliderToSpeed(Number(event.target.value)))}
      />
      <output htmlFor={id} className="sim-field__value">
        {formatSpeed(speed)}
      </output>
      <span id={hintId} className="sim-field__hint">
        {paceText(speed, followPace)}
      </span>
    </div>
  );
}

function SeedControl() {
  const id = useId();
  const seed = useSimulation((state) => state.seed);
  const { reseed } = useControls();
  const [draft, setDraft] = useState<string | null>(null);
  const apply = () => {
    if (draft === null) return;
    const value = Number(draft);
    setDraft(null);
    if (Number.isInteger(value) && value >= 0 && value <= 0xffffffff && value !== seed) reseed(value);
  };
  const invalid =
    draft !== null && !(Number.isInteger(Number(draft)) && Number(draft) >= 0 && Number(draft) <= 0xffffffff);
  return (
    <div className="sim-field sim-field--seed">
      <label htmlFor={id}>Seed</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={0}
        max={0xffffffff}
        value={draft ?? String(seed)}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={apply}
        onKeyDown={(event) => {
          if (event.key === 'Enter') apply();
        }}
      />
      {invalid && (
        <span id={`${id}-error`} className="sim-field__error">
          A whole number from 0 to 4294967295
        </span>
      )}
      <button
        type="button"
        className="sim-button"
        onClick={() => reseed(Math.floor(Math.random() * 0x100000000))}
      >
        New random seed
      </button>
    </div>
  );
}

function ShareControl({ embedKey, scenario }: { embedKey: string; scenario: string }) {
  const popoverId = useId();
  const store = useSimulationStore();
  const [link, setLink] = useState<{ url: string; seed: number; actions: number } | null>(null);
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  // The link is made when asked for: encoding the command log on every frame would waste time.
  const share = async () => {
    const { seed, frame } = store.getState();
    const commands = frame?.commands ?? [];
    setLink(null);
    setCopied(null);
    const url = await shareUrl(location.href, embedKey, { scenario, seed, commands });
    setLink({ url, seed, actions: commands.length });
    if (!navigator.clipboard) {
      setCopied('failed');
      return;
    }
    navigator.clipboard.writeText(url).then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
  };
  return (
    <>
      <button type="button" className="sim-button" popoverTarget={popoverId} onClick={() => void share()}>
        Share link
      </button>
      <div
        id={popoverId}
        popover="auto"
        role="dialog"
        aria-labelledby={`${popoverId}-title`}
        className="sim-popover"
      >
        <h4 id={`${popoverId}-title`}>Share this run</h4>
        <p>
          The link replays this simulation exactly: the same scenario, seed ({link?.seed}) and your{' '}
          {link?.actions ?? 0} action
          {link?.actions === 1 ? '' : 's'}.
        </p>
        <label className="sim-field sim-field--stacked">
          Link
          <input
            type="text"
            readOnly
            value={link?.url ?? ''}
            className="sim-share-url"
            onFocus={(event) => event.currentTarget.select()}
          />
        </label>
        {link && link.url.length > shareLimits.warnLinkChars && (
          <p className="sim-notice sim-notice--warning">
            This link is {(link.url.length / 1000).toFixed(1)} KB long. Some chat apps, mail programs and
            sites cut links longer than about {shareLimits.warnLinkChars / 1000} KB; if it does not open for
            someone, reset and share a run with fewer actions.
          </p>
        )}
        <p role="status" className="sim-popover__status">
          {copied === 'copied'
            ? 'Copied to the clipboard.'
            : copied === 'failed'
              ? 'Copy the link above by hand.'
              : ''}
        </p>
        <button type="button" className="sim-button" popoverTarget={popoverId} popoverTargetAction="hide">
          Close
        </button>
      </div>
    </>
  );
}

function HelpControl({ open, onToggle }: { open: boolean; onToggle(open: boolean): void }) {
  const id = useId();
  return (
    <div className="sim-help">
      <button
        type="button"
        className="sim-button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => onToggle(!open)}
        aria-keyshortcuts="?"
      >
        Keyboard shortcuts
      </button>
      {/* A live region, so a screen reader reads the list out when it opens (by the button or "?"). */}
      <div aria-live="polite">
        {open && (
          <div id={id} role="region" aria-label="Keyboard shortcuts" className="sim-help__panel">
            <p>With focus inside this simulation:</p>
            <dl>
              {shortcutList.map((shortcut) => (
                <div key={shortcut.keys}>
                  <dt>
                    <kbd>{shortcut.keys}</kbd>
                  </dt>
                  <dd>{shortcut.does}</dd>
                </div>
              ))}
            </dl>
          </div>
        )}
      </div>
    </div>
  );
}
