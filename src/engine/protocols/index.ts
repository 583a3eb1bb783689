/** Every protocol the engine can run, by id. A new protocol family registers itself here. */
import type { AnyProtocol } from '../core/types';
import { broadcastProtocol } from './broadcast/protocol';
import { multiLeaderProtocol } from './multileader/protocol';
import { transactionProtocols } from './transactions';

export const protocols: Record<string, AnyProtocol> = {
  [broadcastProtocol.id]: broadcastProtocol,
  [multiLeaderProtocol.id]: multiLeaderProtocol,
  ...transactionProtocols,
};
