/**
 * Failure detectors over heartbeat arrival times. Both are pure functions of what a node has observed.
 *
 * - Fixed timeout: suspect the leader once no heartbeat arrived for `timeoutMs`.
 * - Phi accrual (Hayashibara, Défago, Yared and Katayama, 2004): keep a window of recent inter-arrival
 *   times, model them as a normal distribution, and report phi = -log10(P_later(t)), where t is the time
 *   since the last heartbeat and P_later(t) the probability that a heartbeat comes even later than that.
 *   phi = 1 means a 10% chance the leader is fine, phi = 8 about one in a hundred million. The node suspects
 *   once phi passes a threshold, so the timeout adapts to how regular the heartbeats have been.
 */

export interface HeartbeatHistory {
  /** Local time of the last heartbeat (or of when listening started). */
  lastArrival: number;
  /** Recent inter-arrival times, oldest first. */
  intervals: number[];
}

/** Starts listening as if a heartbeat had just arrived, with the expected interval as the first samples. */
export function startListening(now: number, expectedIntervalMs: number): HeartbeatHistory {
  return { lastArrival: now, intervals: [expectedIntervalMs, expectedIntervalMs] };
}

export function recordHeartbeat(history: HeartbeatHistory, now: number, windowSize: number): void {
  history.intervals.push(now - history.lastArrival);
  if (history.intervals.length > windowSize)
    history.intervals.splice(0, history.intervals.length - windowSize);
  history.lastArrival = now;
}

export function silenceMs(history: HeartbeatHistory, now: number): number {
  return Math.max(0, now - history.lastArrival);
}

/**
 * Probability that a normally distributed inter-arrival time exceeds `elapsed`, through the logistic
 * approximation of the normal tail that Akka's and Cassandra's phi detectors use; it stays accurate far
 * into the tail, where 1 - CDF would round to zero.
 */
function probabilityLater(elapsed: number, mean: number, stdDev: number): number {
  const y = (elapsed - mean) / stdDev;
  const e = Math.exp(-y * (1.5976 + 0.070566 * y * y));
  return elapsed > mean ? e / (1 + e) : 1 - 1 / (1 + e);
}

export function phi(history: HeartbeatHistory, now: number, minStdDevMs: number): number {
  const { intervals } = history;
  const mean = intervals.reduce((sum, value) => sum + value, 0) / intervals.length;
  const variance = intervals.reduce((sum, value) => sum + (value - mean) ** 2, 0) / intervals.length;
  const stdDev = Math.max(Math.sqrt(variance), minStdDevMs);
  const later = probabilityLater(silenceMs(history, now), mean, stdDev);
  return later <= 0 ? Infinity : -Math.log10(later);
}

export type DetectorSettings =
  | { detector: 'timeout'; timeoutMs: number }
  | { detector: 'phi'; phiThreshold: number; phiMinStdDevMs: number };

export interface Suspicion {
  suspected: boolean;
  /** The detector's reading relative to its threshold: 1 is where suspicion starts. */
  level: number;
  /** The reading in words, e.g. "no heartbeat for 520 ms" or "phi 8.4". */
  reading: string;
}

export function judge(settings: DetectorSettings, history: HeartbeatHistory, now: number): Suspicion {
  if (settings.detector === 'timeout') {
    const silence = silenceMs(history, now);
    return {
      suspected: silence >= settings.timeoutMs,
      level: silence / settings.timeoutMs,
      reading: `no heartbeat for ${Math.round(silence)} ms`,
    };
  }
  const value = phi(history, now, settings.phiMinStdDevMs);
  return {
    suspected: value >= settings.phiThreshold,
    level: value / settings.phiThreshold,
    reading: `phi ${value.toFixed(1)}`,
  };
}
