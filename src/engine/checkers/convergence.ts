/**
 * Convergence: once the network has healed and gone quiet, every up replica should hold the same data.
 * Protocol-agnostic: it compares the `kv` each protocol shows in `describeNode`.
 */
import type { Simulation } from '../core/simulation';
import type { NodeId, Value } from '../core/types';
import { isUp } from '../core/world';

export type ReplicaValue = Value | Value[];

export interface KeyDifference {
  key: string;
  /** Each compared node's value for the key; undefined where the node does not have the key. */
  values: Record<NodeId, ReplicaValue | undefined>;
}

export interface ConvergenceResult {
  converged: boolean;
  /** The up nodes compared. */
  nodes: NodeId[];
  differences: KeyDifference[];
  /** Messages still in flight when compared: a cluster that has not gone quiet may still converge. */
  messagesInFlight: number;
}

/** Sibling lists are sets: the same siblings in another order are the same value. */
function canonical(value: ReplicaValue | undefined): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return JSON.stringify(value.map((item) => JSON.stringify(item)).sort());
  return JSON.stringify(value);
}

/** Keys on which the replicas disagree (a key missing on some replica counts as a difference). */
export function compareReplicas(
  replicas: ReadonlyMap<NodeId, Record<string, ReplicaValue>>,
): KeyDifference[] {
  const keys = new Set<string>();
  for (const kv of replicas.values()) for (const key of Object.keys(kv)) keys.add(key);
  const differences: KeyDifference[] = [];
  for (const key of [...keys].sort()) {
    const values: Record<NodeId, ReplicaValue | undefined> = {};
    for (const [node, kv] of replicas) values[node] = Object.hasOwn(kv, key) ? kv[key] : undefined;
    if (new Set(Object.values(values).map(canonical)).size > 1) differences.push({ key, values });
  }
  return differences;
}

export function checkConvergence(sim: Simulation): ConvergenceResult {
  const replicas = new Map<NodeId, Record<string, ReplicaValue>>();
  for (const id of sim.nodeIds) {
    if (!isUp(sim.node(id))) continue;
    replicas.set(id, sim.describeNode(id).kv ?? {});
  }
  const differences = compareReplicas(replicas);
  return {
    converged: differences.length === 0,
    nodes: [...replicas.keys()],
    differences,
    messagesInFlight: sim.pendingEvents().filter((event) => event.kind === 'deliver').length,
  };
}

export function describeDifference(difference: KeyDifference): string {
  const values = Object.entries(difference.values).map(
    ([node, value]) => `${node}=${value === undefined ? 'missing' : JSON.stringify(value)}`,
  );
  return `${difference.key}: ${values.join(', ')}`;
}
