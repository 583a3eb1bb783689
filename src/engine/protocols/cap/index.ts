/** CAP side by side: scenarios only, running the quorum and multi-leader protocols under one partition. */
import type { ProtocolFamily } from '../../core/family';
import { capScenarios } from './scenarios';

export const capFamily: ProtocolFamily = {
  protocols: [],
  scenarios: capScenarios,
};
