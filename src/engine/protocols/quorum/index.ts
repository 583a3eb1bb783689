/** Leaderless quorum replication (Dynamo style): N, R, W, read repair and hinted handoff. */
import type { ProtocolFamily } from '../../core/family';
import { quorumProtocol } from './protocol';
import { quorumScenarios } from './scenarios';

export const quorumFamily: ProtocolFamily = {
  protocols: [quorumProtocol],
  scenarios: quorumScenarios,
};
