/** Single-leader replication: sync, semi-sync and async, follower reads and session guarantees. */
import type { ProtocolFamily } from '../../core/family';
import { replicationProtocol } from './protocol';
import { replicationScenarios } from './scenarios';

export const replicationFamily: ProtocolFamily = {
  protocols: [replicationProtocol],
  scenarios: replicationScenarios,
};
