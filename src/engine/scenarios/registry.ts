/** Every named scenario, by id ("family/name"). Each protocol family contributes its own list, one line each. */
import { broadcastScenarios } from '../protocols/broadcast/scenarios';
import { capScenarios } from '../protocols/cap/scenarios';
import { failoverScenarios } from '../protocols/failover/scenarios';
import { introScenarios } from '../protocols/intro/scenarios';
import { isolationScenarios } from '../protocols/isolation';
import { multiLeaderScenarios } from '../protocols/multileader/scenarios';
import { multiRegionScenarios } from '../protocols/multiregion/scenarios';
import { raftScenarios } from '../protocols/raft/scenarios';
import { rangeScenarios, shardingScenarios } from '../protocols/partitioning/scenarios';
import { quorumScenarios } from '../protocols/quorum/scenarios';
import { replicationScenarios } from '../protocols/replication/scenarios';
import { transactionScenarios } from '../protocols/transactions';
import type { ScenarioInput } from './schema';

export const scenarioList: ScenarioInput[] = [
  ...broadcastScenarios,
  ...introScenarios,
  ...multiLeaderScenarios,
  ...capScenarios,
  ...multiRegionScenarios,
  ...raftScenarios,
  ...transactionScenarios,
  ...isolationScenarios,
  ...quorumScenarios,
  ...shardingScenarios,
  ...rangeScenarios,
  ...replicationScenarios,
  ...failoverScenarios,
];

export const scenarios: ReadonlyMap<string, ScenarioInput> = new Map(scenarioList.map((scenario) => [scenario.id, scenario]));
