/** Every measure by name, and the checks lessons:check runs on a lesson's use of one. */
import { nodeIdsOf } from '../../core/world';
import type { Scenario } from '../../core/schema';
import { momentNodes, momentSchema } from '../moments';
import { anomalyMeasures } from './anomalies';
import { electionMeasures } from './elections';
import { genericMeasures } from './generic';
import { gaugeMeasures } from './gauges';
import { operationMeasures } from './operations';
import { readAnomalyMeasures } from './readAnomalies';
import { replicationMeasures } from './replication';
import { transactionMeasures } from './transactions';
import type { MeasureArgs, MeasureDefinition, MeasureMoment } from './types';

export const measures: ReadonlyMap<string, MeasureDefinition> = new Map(
  [
    ...genericMeasures,
    ...gaugeMeasures,
    ...operationMeasures,
    ...replicationMeasures,
    ...electionMeasures,
    ...transactionMeasures,
    ...anomalyMeasures,
    ...readAnomalyMeasures,
  ].map((measure) => [measure.id, measure]),
);

/**
 * What is wrong with reading `measureId` with these arguments at this moment of this scenario, one
 * readable line each (empty when nothing is).
 */
export function measureUseProblems(
  measureId: string,
  args: MeasureArgs | undefined,
  at: MeasureMoment,
  scenario: Scenario,
): string[] {
  const measure = measures.get(measureId);
  if (!measure)
    return [`there is no measure "${measureId}"; the measures are: ${[...measures.keys()].join(', ')}`];
  const problems: string[] = [];
  const given = args ?? {};
  for (const [name, spec] of Object.entries(measure.args)) {
    const value = given[name];
    if (value === undefined) {
      if (!spec.optional) problems.push(`measure "${measureId}" needs args.${name}: ${spec.description}`);
      continue;
    }
    if (typeof value !== spec.type)
      problems.push(
        `measure "${measureId}": args.${name} must be a ${spec.type}, not ${JSON.stringify(value)}`,
      );
    else if (spec.oneOf && !spec.oneOf.includes(String(value)))
      problems.push(
        `measure "${measureId}": args.${name} must be one of ${spec.oneOf.join(', ')}, not "${String(value)}"`,
      );
  }
  for (const name of Object.keys(given)) {
    if (!(name in measure.args))
      problems.push(
        `measure "${measureId}" takes no args.${name}; it takes: ${Object.keys(measure.args).join(', ') || 'no arguments'}`,
      );
  }
  const inapplicable = measure.inapplicable?.(scenario);
  if (inapplicable) problems.push(`measure "${measureId}" does not apply here: ${inapplicable}`);
  if (typeof at === 'number' && (!Number.isInteger(at) || at < 0 || at > scenario.durationMs))
    problems.push(
      `the moment ${at} ms is outside the run (a whole number of ms from 0 to ${scenario.durationMs}), or write at="end"`,
    );
  if (typeof at !== 'number' && at !== 'end') {
    const parsed = momentSchema.safeParse(at);
    if (!parsed.success)
      problems.push(
        `the moment ${JSON.stringify(at)} cannot be read: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`,
      );
    else
      for (const node of momentNodes(parsed.data))
        if (!nodeIdsOf(scenario).includes(node))
          problems.push(`the moment names "${node}", which is not a node of ${scenario.id}`);
  }
  for (const name of ['node', 'survivor'] as const) {
    const node = given[name];
    if (typeof node === 'string' && name in measure.args && !nodeIdsOf(scenario).includes(node))
      problems.push(
        `measure "${measureId}": args.${name} "${node}" is not a node of ${scenario.id} (${nodeIdsOf(scenario).join(', ')})`,
      );
  }
  return problems;
}
