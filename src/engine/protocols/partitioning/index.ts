/** Partitioning: hash, consistent-hash and range sharding, and auto-splitting ranges with leases. */
import type { ProtocolFamily } from '../../core/family';
import { rangesProtocol } from './ranges';
import { rangeScenarios, shardingScenarios } from './scenarios';
import { shardingProtocol } from './sharding';

export const partitioningFamily: ProtocolFamily = {
  protocols: [shardingProtocol, rangesProtocol],
  scenarios: [...shardingScenarios, ...rangeScenarios],
};
