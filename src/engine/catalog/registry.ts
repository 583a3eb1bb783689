/**
 * Every protocol and named scenario the engine knows, collected from the protocol families. A new family
 * is one folder under `protocols/` with an `index.ts`, plus one line in `families` below.
 */
import type { ProtocolFamily } from '../core/family';
import type { ScenarioInput } from '../core/schema';
import type { AnyProtocol } from '../core/types';
import { broadcastFamily } from '../protocols/broadcast';
import { capFamily } from '../protocols/cap';
import { failoverFamily } from '../protocols/failover';
import { introFamily } from '../protocols/intro';
import { isolationFamily } from '../protocols/isolation';
import { multiLeaderFamily } from '../protocols/multileader';
import { multiRegionFamily } from '../protocols/multiregion';
import { partitioningFamily } from '../protocols/partitioning';
import { quorumFamily } from '../protocols/quorum';
import { raftFamily } from '../protocols/raft';
import { replicationFamily } from '../protocols/replication';
import { transactionsFamily } from '../protocols/transactions';

/** In the order the scenario list shows them. */
const families: readonly ProtocolFamily[] = [
  broadcastFamily,
  introFamily,
  multiLeaderFamily,
  capFamily,
  multiRegionFamily,
  raftFamily,
  transactionsFamily,
  isolationFamily,
  quorumFamily,
  partitioningFamily,
  replicationFamily,
  failoverFamily,
];

export const protocols: Record<string, AnyProtocol> = Object.fromEntries(
  families.flatMap((family) => family.protocols.map((protocol) => [protocol.id, protocol])),
);

export const scenarioList: ScenarioInput[] = families.flatMap((family) => family.scenarios);

export const scenarios: ReadonlyMap<string, ScenarioInput> = new Map(
  scenarioList.map((scenario) => [scenario.id, scenario]),
);
