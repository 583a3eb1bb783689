/** Measures that count the clients' operations by outcome. */
import { operationFilterArgs, selectOperations } from './history';
import type { MeasureDefinition } from './types';

export const operationMeasures: MeasureDefinition[] = [
  {
    id: 'operations-failed',
    description:
      'How many of the selected operations failed: refused, or left without an answer until the client gave up.',
    unit: 'operations',
    args: operationFilterArgs,
    compute: ({ sim }, args) =>
      selectOperations(sim.world.history, args).filter(
        (op) => op.ok === false || (op.ok !== true && op.error !== undefined),
      ).length,
  },
];
