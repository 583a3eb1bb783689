/** The transactional anomaly checker: Adya's dependency graph over a history of transactions, Elle-style. */
export {
  anomalyNames,
  checkListAppend,
  checkTransactions,
  describeEdge,
  describeVersion,
  isolationLevels,
  type AnomalyType,
  type IsolationLevelId,
  type TransactionalAnomaly,
  type TransactionalCheckResult,
} from './anomalies';
export { buildDependencyGraph, type DependencyEdge, type DependencyKind } from './graph';
export {
  fromListAppend,
  type ListAppendTransaction,
  type MicroOp,
  type Transaction,
  type TransactionalHistory,
  type TransactionStatus,
  type Version,
} from './history';
