/**
 * Measures about what the history checks find: which anomalies a run shows, in the words the History
 * view uses, so a lesson can say "the serializable check fails" about the student's own run.
 */
import { runChecks } from '../../checkers';
import type { MeasureDefinition } from './types';

export const anomalyMeasures: MeasureDefinition[] = [
  {
    id: 'failing-checks',
    description:
      'The checks the run fails so far (the scenario’s own checks and its protocol’s invariants), comma-separated, or "none".',
    args: {},
    compute({ sim }) {
      const failing = runChecks(sim)
        .filter((check) => !check.ok)
        .map((check) => check.name);
      return failing.length === 0 ? 'none' : failing.join(', ');
    },
  },
  {
    id: 'anomalies-found',
    description: 'How many of the run’s checks (and protocol invariants) fail so far.',
    unit: 'checks',
    args: {},
    compute: ({ sim }) => runChecks(sim).filter((check) => !check.ok).length,
  },
];
