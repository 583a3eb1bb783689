/** The broadcast register: the engine's simplest protocol, every write sent to every peer. */
import type { ProtocolFamily } from '../../core/family';
import { broadcastProtocol } from './protocol';
import { broadcastScenarios } from './scenarios';

export const broadcastFamily: ProtocolFamily = {
  protocols: [broadcastProtocol],
  scenarios: broadcastScenarios,
};
