/** Every protocol the engine can run, by id. A new protocol family registers itself here. */
import type { AnyProtocol } from '../core/types';
import { broadcastProtocol } from './broadcast/protocol';
import { failoverProtocol } from './failover/protocol';
import { replicationProtocol } from './replication/protocol';

export const protocols: Record<string, AnyProtocol> = {
  [broadcastProtocol.id]: broadcastProtocol,
  [replicationProtocol.id]: replicationProtocol,
  [failoverProtocol.id]: failoverProtocol,
};
