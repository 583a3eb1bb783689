/** Leader failover: failure detection, elections, epoch fencing and STONITH. */
import type { ProtocolFamily } from '../../core/family';
import { failoverProtocol } from './protocol';
import { failoverScenarios } from './scenarios';

export const failoverFamily: ProtocolFamily = {
  protocols: [failoverProtocol],
  scenarios: failoverScenarios,
};
