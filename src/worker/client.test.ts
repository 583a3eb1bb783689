import { describe, expect, it } from 'vitest';
import type { Frame } from './api';
import { restartIsFatal, withCommands } from './client';

describe('when the client gives up restarting the worker', () => {
  const minute = 60_000;

  it('gives up on restarts that never get any further, however slowly they come', () => {
    // A run too heavy to replay: the watchdog kills the worker every 20 s, and the replay never advances.
    const restarts = [
      { at: 0, progressed: true },
      { at: 20_000, progressed: false },
    ];
    expect(restartIsFatal(restarts.slice(0, 1), 0, 3)).toBe(false);
    expect(restartIsFatal(restarts, 20_000, 3)).toBe(false);
    expect(restartIsFatal([...restarts, { at: 40_000, progressed: false }], 40_000, 3)).toBe(true);
  });

  it('keeps restarting a worker that fails now and then but gets further each time', () => {
    const restarts = Array.from({ length: 10 }, (_, i) => ({ at: i * minute, progressed: true }));
    expect(restartIsFatal(restarts, 9 * minute, 3)).toBe(false);
  });

  it('gives up on more than the allowed restarts in one minute', () => {
    const restarts = Array.from({ length: 4 }, (_, i) => ({ at: i * 1000, progressed: true }));
    expect(restartIsFatal(restarts.slice(0, 3), 3000, 3)).toBe(false);
    expect(restartIsFatal(restarts, 3000, 3)).toBe(true);
  });
});

describe('frames from the worker', () => {
  it('keep the last command log when the worker left an unchanged one out', () => {
    const commands = [{ at: 100, crash: 'n2' }];
    const last = { now: 100, commands } as unknown as Frame;
    const { commands: _, ...posted } = { ...last, now: 116 };
    const whole = withCommands(posted, last);
    expect(whole).toMatchObject({ now: 116 });
    expect(whole.commands).toBe(commands);
    expect(withCommands({ ...posted, commands: [] }, last).commands).toEqual([]);
    expect(withCommands(posted, null).commands).toEqual([]);
  });
});
