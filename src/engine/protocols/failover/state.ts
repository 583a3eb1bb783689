/**
 * A failover node is a replica (../replication/core/replica.ts) plus what failover needs: a failure
 * detector on the leader's heartbeats, election votes, and the progress of a planned switchover.
 */
import { z } from 'zod';
import type { HandlerContext, NodeId, NodeState } from '../../core/types';
import { checkReplicationParams, replicationParamsShape } from '../replication/core/params';
import type {
  ReplicaDurable,
  ReplicationMessage,
  ReplicationTimer,
  ReplicaVolatile,
} from '../replication/core/replica';
import type { DetectorSettings, HeartbeatHistory } from './detector';

export const failoverParamsSchema = z
  .object({
    ...replicationParamsShape,
    /** How often the leader sends every other node a heartbeat. */
    heartbeatIntervalMs: z.number().int().min(1).default(100),
    /** "timeout": suspect after `timeoutMs` of silence. "phi": the phi-accrual detector with `phiThreshold`. */
    detector: z.enum(['timeout', 'phi']).default('timeout'),
    timeoutMs: z.number().int().min(1).default(500),
    phiThreshold: z.number().min(0.1).default(8),
    /** How many recent heartbeat intervals the phi detector learns from. */
    phiWindowSize: z.number().int().min(2).default(100),
    /** A floor on the standard deviation the phi detector assumes, so perfectly regular heartbeats do not make it jumpy. */
    phiMinStdDevMs: z.number().min(0.1).default(20),
    /** How often a node consults its detector. */
    detectorCheckMs: z.number().int().min(1).default(10),
    /** Off: a suspected leader is only reported; an operator must promote a follower by hand. */
    autoFailover: z.boolean().default(true),
    /** Each follower known to be more up to date delays a node's candidacy by this much, so the most up-to-date follower stands first. */
    electionRankDelayMs: z.number().int().min(0).default(50),
    /** How long a candidate waits for a majority of votes before it gives up and tries again later. */
    electionTimeoutMs: z.number().int().min(1).default(300),
    /** How long a planned switchover waits for the target to catch up before it is abandoned. */
    switchoverTimeoutMs: z.number().int().min(1).default(2000),
  })
  .strict();
export type FailoverParams = z.infer<typeof failoverParamsSchema>;

export function checkFailoverParams(params: FailoverParams, nodes: readonly NodeId[]): string[] {
  const problems = checkReplicationParams(params, nodes);
  if (params.detector === 'timeout' && params.timeoutMs <= params.heartbeatIntervalMs) {
    problems.push(
      `params.timeoutMs: the timeout must be longer than the heartbeat interval, or every follower suspects a healthy leader (got timeoutMs=${params.timeoutMs}, heartbeatIntervalMs=${params.heartbeatIntervalMs})`,
    );
  }
  return problems;
}

export function detectorSettings(params: FailoverParams): DetectorSettings {
  return params.detector === 'timeout'
    ? { detector: 'timeout', timeoutMs: params.timeoutMs }
    : { detector: 'phi', phiThreshold: params.phiThreshold, phiMinStdDevMs: params.phiMinStdDevMs };
}

export interface FailoverDurable extends ReplicaDurable {
  /** The vote this node cast in the latest election it took part in. */
  vote: { epoch: number; for: NodeId } | null;
  /** Set after the first start, so a restart can tell it is one. */
  started: boolean;
  /** How many times this node began to suspect its leader, and stood for election. */
  suspicions: number;
  elections: number;
}

export interface FailoverVolatile extends ReplicaVolatile {
  heartbeats: HeartbeatHistory;
  suspecting: boolean;
  /** The detector's last reading, relative to its threshold, and in words. */
  suspicionLevel: number;
  suspicionReading: string;
  /** When this node will stand for election if its leader is still suspected (null: not planned). */
  standAt: number | null;
  /** Followers' replicated positions, from the leader's last heartbeat: how a node ranks itself before standing. */
  positionsFromLeader: Record<NodeId, number>;
  votes: NodeId[];
  /** On the leader, during a planned switchover. */
  switchover: { target: NodeId; startedAt: number } | null;
  /** On the old leader after it handed over, until the target has taken over. */
  handover: { target: NodeId; lastIndex: number } | null;
}

export type VoteRefusal = 'is-leader' | 'newer-epoch' | 'already-voted' | 'hears-leader' | 'more-up-to-date';

export type FailoverMessage =
  | ReplicationMessage
  | { type: 'heartbeat'; epoch: number; leader: NodeId; positions: Record<NodeId, number> }
  | { type: 'voteRequest'; epoch: number; lastIndex: number; lastEpoch: number }
  | { type: 'voteReply'; epoch: number; granted: boolean; refusal?: VoteRefusal; voterEpoch: number }
  | { type: 'handover'; epoch: number; lastIndex: number };

export type FailoverState = NodeState<FailoverDurable, FailoverVolatile>;
/** Replication's timer, plus the leader's heartbeat, the failure detector's check and a candidate's election timeout. */
export type FailoverTimer =
  ReplicationTimer | { kind: 'heartbeat' } | { kind: 'detect' } | { kind: 'election' };

export type FailoverContext = HandlerContext<FailoverParams, FailoverMessage, FailoverTimer>;

/** The epoch a new leader takes: above every epoch this node has seen or voted in. */
export function nextEpoch(durable: FailoverDurable): number {
  return Math.max(durable.epoch, durable.vote?.epoch ?? 0) + 1;
}
