/** The transactional store family: one sharded store whose isolation level is a parameter. */
import type { ProtocolFamily } from '../../core/family';
import { isolationProtocol } from './protocol';
import { isolationScenarios } from './scenarios';

export type { IsolationLevel, IsolationParams } from './protocol';

export const isolationFamily: ProtocolFamily = {
  protocols: [isolationProtocol],
  scenarios: isolationScenarios,
};
