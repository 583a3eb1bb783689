/** The transactional store family: one sharded store whose isolation level is a parameter. */
export { isolationProtocol, type IsolationLevel, type IsolationParams } from './protocol';
export { isolationScenarios } from './scenarios';
