/** Lesson 1's servers: one server and a load-balanced group, queues and capacity. */
import type { ProtocolFamily } from '../../core/family';
import { introProtocol } from './protocol';
import { introScenarios } from './scenarios';

export const introFamily: ProtocolFamily = {
  protocols: [introProtocol],
  scenarios: introScenarios,
};
