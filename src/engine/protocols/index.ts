/** Every protocol the engine can run, by id. A new protocol family registers itself here. */
import type { AnyProtocol } from '../core/types';
import { broadcastProtocol } from './broadcast/protocol';
import { rangesProtocol } from './partitioning/ranges';
import { shardingProtocol } from './partitioning/sharding';
import { quorumProtocol } from './quorum/protocol';
import { transactionProtocols } from './transactions';

export const protocols: Record<string, AnyProtocol> = {
  [broadcastProtocol.id]: broadcastProtocol,
  ...transactionProtocols,
  [quorumProtocol.id]: quorumProtocol,
  [shardingProtocol.id]: shardingProtocol,
  [rangesProtocol.id]: rangesProtocol,
};
