/**
 * How many replica responses a request waits for, and whose responses count. Numbers come from R and W;
 * Cassandra-style levels override them per request or per cluster.
 */
import type { NodeId } from '../../core/types';
import { majority } from '../shared/majority';

export const consistencyLevels = ['ONE', 'QUORUM', 'ALL', 'LOCAL_QUORUM'] as const;
export type ConsistencyLevel = (typeof consistencyLevels)[number];

export function isConsistencyLevel(value: unknown): value is ConsistencyLevel {
  return typeof value === 'string' && (consistencyLevels as readonly string[]).includes(value);
}

export interface Requirement {
  /** Responses to wait for. */
  required: number;
  /** The replicas whose responses count (LOCAL_QUORUM: only the coordinator's datacenter). */
  counting: NodeId[];
  /** How the requirement was chosen, for messages: "W=2", "QUORUM", "LOCAL_QUORUM in eu-west". */
  label: string;
}

/**
 * The requirement for one request. `fallback` is R (reads) or W (writes), used when no level is given.
 * Returns a sentence instead when the level cannot be met by construction (the request then fails
 * before anything is sent, like Cassandra's Unavailable error).
 */
export function requirementFor(
  level: ConsistencyLevel | undefined,
  fallback: { name: 'R' | 'W'; count: number },
  replicas: readonly NodeId[],
  coordinator: NodeId,
  datacenters: Readonly<Record<NodeId, string>>,
): Requirement | string {
  switch (level) {
    case undefined:
      return {
        required: fallback.count,
        counting: [...replicas],
        label: `${fallback.name}=${fallback.count}`,
      };
    case 'ONE':
      return { required: 1, counting: [...replicas], label: 'ONE' };
    case 'QUORUM':
      return { required: majority(replicas.length), counting: [...replicas], label: 'QUORUM' };
    case 'ALL':
      return { required: replicas.length, counting: [...replicas], label: 'ALL' };
    case 'LOCAL_QUORUM': {
      const home = datacenters[coordinator];
      if (home === undefined)
        return `LOCAL_QUORUM needs to know the coordinator's datacenter, and ${coordinator} has none (params.datacenters)`;
      const local = replicas.filter((replica) => datacenters[replica] === home);
      if (local.length === 0)
        return `LOCAL_QUORUM: no replica of this key is in ${coordinator}'s datacenter ${home}`;
      return { required: majority(local.length), counting: local, label: `LOCAL_QUORUM in ${home}` };
    }
  }
}
