export { computeMeasures, measureOf, momentTime } from './compute';
export { measureUseProblems, measures } from './registry';
export type * from './types';
