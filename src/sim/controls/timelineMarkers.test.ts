import { describe, expect, it } from 'vitest';
import { formatTime } from './Toolbar';
import { displayStepMs, keepRunningMs, markerLabel, timelineMarkers } from './timelineMarkers';

describe('timeline markers', () => {
  it('marks the scenario’s faults and the student’s actions, one marker per instant, in time order', () => {
    const markers = timelineMarkers(
      [
        { at: 2000, crash: 'n1' },
        { at: 9000, restart: 'n1' },
      ],
      [
        { at: 1200, crash: 'n2' },
        { at: 2000, restart: 'n2' },
      ],
      5000,
    );
    expect(markers).toEqual([
      { at: 1200, scenario: [], yours: ['crash n2'] },
      { at: 2000, scenario: ['crash n1'], yours: ['restart n2'] },
    ]);
    expect(markerLabel(markers[1]!, formatTime)).toBe('2.00 s: crash n1 (scenario); your action: restart n2');
  });
});

describe('the timeline’s arrow-key step', () => {
  it('is the smallest change the time display shows', () => {
    expect(displayStepMs(800)).toBe(1);
    expect(displayStepMs(5000)).toBe(10);
    expect(formatTime(5000 - displayStepMs(5000))).not.toBe(formatTime(5000));
    expect(displayStepMs(200_000)).toBe(1000);
  });
});

describe('Keep running', () => {
  it('adds a fifth of the run in half seconds, from 1 s to 10 s', () => {
    expect(keepRunningMs(1000)).toBe(1000);
    expect(keepRunningMs(10_000)).toBe(2000);
    expect(keepRunningMs(600_000)).toBe(10_000);
  });
});
