/** Every named scenario, by id ("family/name"). Each protocol family contributes its own list. */
import { broadcastScenarios } from '../protocols/broadcast/scenarios';
import { multiLeaderScenarios } from '../protocols/multileader/scenarios';
import { transactionScenarios } from '../protocols/transactions';
import type { ScenarioInput } from './schema';

export const scenarioList: ScenarioInput[] = [...broadcastScenarios, ...multiLeaderScenarios, ...transactionScenarios];

export const scenarios: ReadonlyMap<string, ScenarioInput> = new Map(scenarioList.map((scenario) => [scenario.id, scenario]));
