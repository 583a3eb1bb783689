/** The transaction protocol family: two-phase commit, sagas, optimistic concurrency control and TrueTime commit wait. */
import type { AnyProtocol } from '../../core/types';
import type { ScenarioInput } from '../../scenarios/schema';
import { twoPhaseProtocol } from './twophase/protocol';
import { twoPhaseScenarios } from './twophase/scenarios';

export const transactionProtocols: Record<string, AnyProtocol> = {
  [twoPhaseProtocol.id]: twoPhaseProtocol,
};

export const transactionScenarios: ScenarioInput[] = [...twoPhaseScenarios];
