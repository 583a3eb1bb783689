export * from './core/types';
export type { ProtocolFamily } from './core/family';
export { Random, hashString } from './core/random';
export { Simulation, type SimulationOptions } from './core/simulation';
export {
  Lane,
  nodeIdsOf,
  type World,
  type SimEvent,
  type NodeRuntime,
  type Note,
  type Checkpoint,
} from './core/world';
export { describeAction } from './core/faults';
export { Timeline, type TimelineOptions } from './core/timeline';
export {
  buildFrame,
  formatDigest,
  type Frame,
  type FrameMessage,
  type FrameNode,
  type FrameMetrics,
  type SimulationError,
} from './core/frame';
export {
  summarizeOperations,
  type MetricSample,
  type MetricSummary,
  type LatencyPercentiles,
} from './core/metrics';
export { formatTraceEntry, traceEntries, type TraceEntry } from './core/trace';
export { createSimulation, resolveScenario, validateAction, type Resolved } from './catalog/resolve';
export { protocols, scenarios, scenarioList } from './catalog/registry';
export * from './core/schema';
