/** Multi-region deployment patterns: scenarios only, running other families' protocols across real regions. */
import type { ProtocolFamily } from '../../core/family';
import { multiRegionScenarios } from './scenarios';

export const multiRegionFamily: ProtocolFamily = {
  protocols: [],
  scenarios: multiRegionScenarios,
};
