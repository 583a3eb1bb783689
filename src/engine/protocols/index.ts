/** Every protocol the engine can run, by id. A new protocol family registers itself here, one line each. */
import type { AnyProtocol } from '../core/types';
import { broadcastProtocol } from './broadcast/protocol';
import { failoverProtocol } from './failover/protocol';
import { introProtocol } from './intro/protocol';
import { isolationProtocol } from './isolation';
import { multiLeaderProtocol } from './multileader/protocol';
import { raftProtocol } from './raft/protocol';
import { rangesProtocol } from './partitioning/ranges';
import { shardingProtocol } from './partitioning/sharding';
import { quorumProtocol } from './quorum/protocol';
import { replicationProtocol } from './replication/protocol';
import { transactionProtocols } from './transactions';

export const protocols: Record<string, AnyProtocol> = {
  [broadcastProtocol.id]: broadcastProtocol,
  [introProtocol.id]: introProtocol,
  [isolationProtocol.id]: isolationProtocol,
  [multiLeaderProtocol.id]: multiLeaderProtocol,
  [raftProtocol.id]: raftProtocol,
  ...transactionProtocols,
  [quorumProtocol.id]: quorumProtocol,
  [shardingProtocol.id]: shardingProtocol,
  [rangesProtocol.id]: rangesProtocol,
  [replicationProtocol.id]: replicationProtocol,
  [failoverProtocol.id]: failoverProtocol,
};
