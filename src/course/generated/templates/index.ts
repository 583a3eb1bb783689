/** Every generated-question template, by the id lessons write in <Generated template="…">. */
import type { AnyTemplate } from '../template.ts';
import { healthCheckNotice } from './intro.ts';
import { concurrentDeposits } from './isolation.ts';
import { consensusLeaderWrite, remotePrimaryWrite } from './multiregion.ts';
import { rangeShard } from './partitioning.ts';
import { quorumOverlap, quorumWriteFailures } from './quorum.ts';
import { raftPartition } from './raft.ts';
import { asyncLostWrites } from './replication.ts';
import { trueTimeCommitWait } from './transactions.ts';

export const questionTemplates: ReadonlyMap<string, AnyTemplate> = new Map(
  [
    healthCheckNotice,
    asyncLostWrites,
    rangeShard,
    quorumOverlap,
    quorumWriteFailures,
    raftPartition,
    trueTimeCommitWait,
    concurrentDeposits,
    remotePrimaryWrite,
    consensusLeaderWrite,
  ].map((template) => [template.id, template]),
);
