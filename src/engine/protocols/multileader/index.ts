/** Multi-leader replication with version vectors, conflict resolution and CRDTs. */
import type { ProtocolFamily } from '../../core/family';
import { multiLeaderProtocol } from './protocol';
import { multiLeaderScenarios } from './scenarios';

export const multiLeaderFamily: ProtocolFamily = {
  protocols: [multiLeaderProtocol],
  scenarios: multiLeaderScenarios,
};
