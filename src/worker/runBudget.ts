/**
 * What one run in the browser may cost. A scenario can be schema-legal and still far beyond what a
 * browser can simulate (64 nodes, 64 clients at 10,000 requests a second for an hour would take days),
 * so the worker refuses such a run up front with a message saying what to change, and bounds the work of
 * every animation tick so the worker always stays responsive.
 */
import { nodeIdsOf } from '../engine/core/world';
import type { Scenario } from '../engine/core/schema';

/**
 * Client requests times nodes: a request costs work on about every node (replication, quorums,
 * broadcast). Three million is about a minute of a busy 64-node cluster, or 100,000 requests to a
 * 30-node one; every lesson's runs are far below it.
 */
export const maxRunWork = 3_000_000;

/** Wall time one tick may spend simulating before it posts its frame and lets messages (pings) in. */
export const tickBudgetWallMs = 12;

/** The client requests a scenario's workload and script will issue, at most. */
export function expectedRequests(scenario: Scenario): number {
  const workload = scenario.workload;
  const scripted = scenario.script.length;
  if (!workload || workload.clients === 0) return scripted;
  const endMs = Math.min(workload.stopMs ?? scenario.durationMs, scenario.durationMs);
  const activeSeconds = Math.max(0, endMs - workload.startMs) / 1000;
  return scripted + Math.ceil(workload.clients * workload.ratePerClient * activeSeconds);
}

/** Why the run is too big for the browser, in words that say what to change; null when it fits. */
export function runSizeProblem(scenario: Scenario): string | null {
  const nodes = nodeIdsOf(scenario).length;
  const requests = expectedRequests(scenario);
  const work = requests * nodes;
  if (work <= maxRunWork) return null;
  const format = (value: number) => Math.round(value).toLocaleString('en');
  return (
    `This run is too big to simulate in the browser: about ${format(requests)} client requests on ${nodes} ` +
    `nodes (${format(work)} request-node steps; the limit is ${format(maxRunWork)}). ` +
    'Use fewer clients, a lower rate per client, fewer nodes or a shorter duration.'
  );
}
