/** Every generated-question template, by the id lessons write in <Generated template="…">. */
import type { AnyTemplate } from '../template.ts';
import { rangeShard } from './partitioning.ts';
import { quorumOverlap, quorumWriteFailures } from './quorum.ts';
import { raftPartition } from './raft.ts';
import { asyncLostWrites } from './replication.ts';

export const questionTemplates: ReadonlyMap<string, AnyTemplate> = new Map(
  [asyncLostWrites, rangeShard, quorumOverlap, quorumWriteFailures, raftPartition].map((template) => [
    template.id,
    template,
  ]),
);
