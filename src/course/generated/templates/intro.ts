/** Introduction questions (lesson 1): a load balancer's health checks with random timings, and a server crash. */
import { onlyValue, randomInt, type QuestionTemplate } from '../template.ts';

interface HealthParams {
  /** How often the balancer checks each server, in ms. */
  checkEveryMs: number;
  /** How long a server may go without answering before it is marked unhealthy, in ms. */
  timeoutMs: number;
  /** When s1 crashes, in ms. */
  crashAtMs: number;
}

/**
 * "How long until the balancer stops sending requests to the crashed server?" The balancer marks a server
 * unhealthy at the first check that finds its last answer older than the timeout.
 */
export const healthCheckNotice: QuestionTemplate<HealthParams> = {
  id: 'health-check-notice',
  description:
    'Random health-check timings: how long after a server crashes does the load balancer stop using it?',
  draw: (random) => ({
    checkEveryMs: 10 * randomInt(random, 2, 10),
    timeoutMs: 100 * randomInt(random, 3, 20),
    crashAtMs: 1000 * randomInt(random, 3, 6) + 10 * randomInt(random, 0, 99),
  }),
  ask: ({ checkEveryMs, timeoutMs, crashAtMs }) => ({
    kind: 'numeric',
    prompt: `A load balancer sends a health check to each of three servers every ${checkEveryMs} ms, and marks a server unhealthy when it has not answered for more than ${timeoutMs.toLocaleString('en')} ms. Server s1 crashes at ${crashAtMs.toLocaleString('en')} ms. About how many milliseconds after the crash does the balancer mark s1 unhealthy and stop sending it requests?`,
    unit: 'ms',
    tolerance: checkEveryMs,
  }),
  runs: ({ checkEveryMs, timeoutMs, crashAtMs }) => [
    {
      run: {
        scenario: 'intro/cluster',
        overrides: {
          seed: 1,
          params: { healthCheckMs: checkEveryMs, healthTimeoutMs: timeoutMs },
          faults: [{ at: crashAtMs, crash: 's1' }],
          durationMs: crashAtMs + timeoutMs + 2000,
        },
      },
      requests: [
        {
          measure: 'time-between-notes',
          args: { first: '^s1 crashed$', then: 's1 missed its health checks' },
          at: 'end',
        },
      ],
    },
  ],
  answer(_params, measured) {
    const delay = onlyValue(measured);
    return typeof delay === 'number' ? delay : null;
  },
  explain: ({ checkEveryMs, timeoutMs }, answer) =>
    `The balancer cannot see a crash; it only notices that answers stop. s1’s last answer came just before the crash, so about ${timeoutMs.toLocaleString('en')} ms later, at the next check (every ${checkEveryMs} ms), it was marked unhealthy: ${answer} ms in the simulation. Until then some requests still went to s1 and failed.`,
};
