import { describe, expect, it } from 'vitest';
import { judge, phi, recordHeartbeat, startListening, type HeartbeatHistory } from './detector';

/** A history of heartbeats at the given intervals, the last one arriving at time `lastArrival`. */
function historyOf(intervals: number[]): HeartbeatHistory {
  const history = startListening(0, intervals[0]!);
  history.intervals = [];
  let now = 0;
  for (const interval of intervals) recordHeartbeat(history, (now += interval), 1000);
  return history;
}

function timeToReach(history: HeartbeatHistory, threshold: number, minStdDevMs: number): number {
  let elapsed = 0;
  while (phi(history, history.lastArrival + elapsed, minStdDevMs) < threshold) elapsed++;
  return elapsed;
}

describe('phi-accrual failure detector', () => {
  it('phi grows with the silence since the last heartbeat', () => {
    const history = historyOf(Array.from({ length: 50 }, (_, i) => 100 + (i % 5) * 5));
    const readings = [0, 100, 150, 200, 300].map((elapsed) => phi(history, history.lastArrival + elapsed, 1));
    for (let i = 1; i < readings.length; i++) expect(readings[i]).toBeGreaterThan(readings[i - 1]!);
    // At the mean interval a heartbeat is as likely late as early: phi = -log10(0.5).
    const mean = history.intervals.reduce((a, b) => a + b, 0) / history.intervals.length;
    expect(phi(history, history.lastArrival + mean, 1)).toBeCloseTo(Math.log10(2), 2);
  });

  it('adapts to jitter: with irregular heartbeats of the same mean it waits longer before suspecting', () => {
    const steady = historyOf(Array.from({ length: 100 }, (_, i) => 100 + (i % 2 === 0 ? 2 : -2)));
    const jittery = historyOf(Array.from({ length: 100 }, (_, i) => 100 + (i % 2 === 0 ? 40 : -40)));
    const steadyWait = timeToReach(steady, 8, 1);
    const jitteryWait = timeToReach(jittery, 8, 1);
    expect(steadyWait).toBeLessThan(130);
    expect(jitteryWait).toBeGreaterThan(steadyWait + 100);
  });

  it('a higher threshold waits longer; the minimum standard deviation keeps a perfectly regular history from suspecting on the first late heartbeat', () => {
    const regular = historyOf(Array.from({ length: 100 }, () => 100));
    expect(timeToReach(regular, 12, 20)).toBeGreaterThan(timeToReach(regular, 8, 20));
    expect(timeToReach(regular, 8, 20)).toBeGreaterThan(150);
  });

  it('judges against the threshold, and the fixed-timeout detector against its timeout', () => {
    const history = historyOf([100, 100, 100]);
    expect(judge({ detector: 'timeout', timeoutMs: 500 }, history, history.lastArrival + 499).suspected).toBe(
      false,
    );
    const late = judge({ detector: 'timeout', timeoutMs: 500 }, history, history.lastArrival + 500);
    expect(late).toMatchObject({ suspected: true, level: 1, reading: 'no heartbeat for 500 ms' });
    const settings = { detector: 'phi', phiThreshold: 8, phiMinStdDevMs: 20 } as const;
    expect(judge(settings, history, history.lastArrival + 100).suspected).toBe(false);
    expect(judge(settings, history, history.lastArrival + 1000).suspected).toBe(true);
  });

  it('keeps only the most recent intervals', () => {
    const history = startListening(0, 100);
    for (let t = 1; t <= 30; t++) recordHeartbeat(history, t * 50, 10);
    expect(history.intervals).toEqual(Array.from({ length: 10 }, () => 50));
  });
});
