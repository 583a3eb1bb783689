/**
 * Parameters every single-leader replica understands. The failover protocol extends this shape with its
 * failure detector and election settings.
 */
import { z } from 'zod';
import type { NodeId } from '../../../core/types';

export const replicationParamsShape = {
  /**
   * When the leader acknowledges a write: "async" right after its own append, "semi-sync" once
   * `semiSyncAcks` followers have it, "sync" once every follower has it.
   */
  mode: z.enum(['async', 'semi-sync', 'sync']).default('async'),
  /** For semi-sync: how many followers must have a write before the client hears "ok". */
  semiSyncAcks: z.number().int().min(1).default(1),
  topology: z.enum(['star', 'chain', 'ring']).default('star'),
  /** Where reads go: only the leader, or any node (the client's home node). A request's options.readFrom overrides it. */
  readFrom: z.enum(['leader', 'any']).default('leader'),
  /**
   * Session guarantees through version tokens: the reply carries the log position the client has seen,
   * and a follower that is behind that position holds the read until it catches up. A request's
   * options.session overrides it.
   */
  session: z.enum(['none', 'read-your-writes', 'monotonic-reads', 'both']).default('none'),
  /** How long a follower holds a session read while catching up before it sends the client to the leader. */
  sessionWaitMs: z.number().int().min(0).default(200),
  /**
   * How an old leader is stopped once a new one is promoted:
   * "none": nobody checks, so an old leader that is still alive keeps accepting writes (split brain);
   * "epochs": every message carries the leader's epoch, and anyone who has seen a higher epoch refuses it
   *   and tells the sender to step down (fencing tokens);
   * "stonith": the new leader powers the old one off before it starts ("shoot the other node in the head").
   */
  fencing: z.enum(['none', 'epochs', 'stonith']).default('epochs'),
  /** The leader at the start (default: the first node). */
  initialLeader: z.string().optional(),
  /** How often a sender retransmits entries a follower has not acknowledged yet. */
  replicateIntervalMs: z.number().int().min(1).default(50),
  /** The most entries one append message carries. */
  maxBatch: z.number().int().min(1).default(64),
};

export const replicationParamsSchema = z.object(replicationParamsShape).strict();
export type ReplicationParams = z.infer<typeof replicationParamsSchema>;

export type SessionGuarantee = ReplicationParams['session'];
export type ReadFrom = ReplicationParams['readFrom'];

/** How many followers must hold a write before the leader acknowledges it. */
export function requiredAcks(params: ReplicationParams, followerCount: number): number {
  if (params.mode === 'sync') return followerCount;
  if (params.mode === 'semi-sync') return Math.min(params.semiSyncAcks, followerCount);
  return 0;
}

export function initialLeaderOf(params: ReplicationParams, nodes: readonly NodeId[]): NodeId {
  return params.initialLeader ?? nodes[0]!;
}

export function checkReplicationParams(params: ReplicationParams, nodes: readonly NodeId[]): string[] {
  const problems: string[] = [];
  const followers = nodes.length - 1;
  if (params.mode === 'semi-sync' && params.semiSyncAcks > followers) {
    problems.push(
      `params.semiSyncAcks: semi-sync can wait for at most every follower (got semiSyncAcks=${params.semiSyncAcks}, ${followers} followers)`,
    );
  }
  if (params.initialLeader !== undefined && !nodes.includes(params.initialLeader)) {
    problems.push(
      `params.initialLeader: there is no node "${params.initialLeader}" (nodes: ${nodes.join(', ')})`,
    );
  }
  return problems;
}
