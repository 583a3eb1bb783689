export { computeMeasures, measureOf, readMoment } from './compute';
export { measureUseProblems, measures } from './registry';
export type * from './types';
