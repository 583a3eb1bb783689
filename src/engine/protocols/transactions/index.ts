/** The transaction protocol family: two-phase commit, sagas, optimistic concurrency control and TrueTime commit wait. */
import type { ProtocolFamily } from '../../core/family';
import { occProtocol } from './occ/protocol';
import { occScenarios } from './occ/scenarios';
import { sagaProtocol } from './saga/protocol';
import { sagaScenarios } from './saga/scenarios';
import { trueTimeProtocol } from './truetime/protocol';
import { trueTimeScenarios } from './truetime/scenarios';
import { twoPhaseProtocol } from './twophase/protocol';
import { twoPhaseScenarios } from './twophase/scenarios';

export const transactionsFamily: ProtocolFamily = {
  protocols: [twoPhaseProtocol, sagaProtocol, occProtocol, trueTimeProtocol],
  scenarios: [...twoPhaseScenarios, ...sagaScenarios, ...occScenarios, ...trueTimeScenarios],
};
