/** The transaction protocol family: two-phase commit, sagas, optimistic concurrency control and TrueTime commit wait. */
import type { AnyProtocol } from '../../core/types';
import type { ScenarioInput } from '../../scenarios/schema';
import { occProtocol } from './occ/protocol';
import { occScenarios } from './occ/scenarios';
import { sagaProtocol } from './saga/protocol';
import { sagaScenarios } from './saga/scenarios';
import { trueTimeProtocol } from './truetime/protocol';
import { trueTimeScenarios } from './truetime/scenarios';
import { twoPhaseProtocol } from './twophase/protocol';
import { twoPhaseScenarios } from './twophase/scenarios';

export const transactionProtocols: Record<string, AnyProtocol> = {
  [twoPhaseProtocol.id]: twoPhaseProtocol,
  [sagaProtocol.id]: sagaProtocol,
  [occProtocol.id]: occProtocol,
  [trueTimeProtocol.id]: trueTimeProtocol,
};

export const transactionScenarios: ScenarioInput[] = [
  ...twoPhaseScenarios,
  ...sagaScenarios,
  ...occScenarios,
  ...trueTimeScenarios,
];
