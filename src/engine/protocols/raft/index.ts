/** Raft consensus (Ongaro and Ousterhout), with the figure-8 safety scenario. */
import type { ProtocolFamily } from '../../core/family';
import { raftProtocol } from './protocol';
import { raftScenarios } from './scenarios';

export const raftFamily: ProtocolFamily = {
  protocols: [raftProtocol],
  scenarios: raftScenarios,
};
