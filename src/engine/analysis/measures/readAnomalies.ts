/**
 * Measures that count the reads a read check flags, so a lesson can say "the checker found 3 stale reads"
 * about the student's own run rather than the run its author saw.
 */
import { readAnomaliesOf, readCheckNames, type ReadCheckName } from '../../checkers';
import type { MeasureDefinition } from './types';

export const readAnomalyMeasures: MeasureDefinition[] = [
  {
    id: 'read-anomalies',
    description:
      'How many reads a read check flags so far (the number the History view’s check reports); null when the history holds operations the check cannot follow.',
    unit: 'reads',
    args: {
      check: {
        type: 'string',
        oneOf: readCheckNames,
        description: readCheckNames.join(', '),
      },
    },
    compute: ({ sim }, args) =>
      readAnomaliesOf(args.check as ReadCheckName, sim.world.history)?.length ?? null,
  },
];
