/** Every named scenario, by id ("family/name"). Each protocol family contributes its own list. */
import { broadcastScenarios } from '../protocols/broadcast/scenarios';
import { failoverScenarios } from '../protocols/failover/scenarios';
import { replicationScenarios } from '../protocols/replication/scenarios';
import type { ScenarioInput } from './schema';

export const scenarioList: ScenarioInput[] = [...broadcastScenarios, ...replicationScenarios, ...failoverScenarios];

export const scenarios: ReadonlyMap<string, ScenarioInput> = new Map(scenarioList.map((scenario) => [scenario.id, scenario]));
