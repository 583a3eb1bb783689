export * from './core/types';
export { Random, hashString } from './core/random';
export {
  Simulation,
  Lane,
  nodeIdsOf,
  describeAction,
  type World,
  type SimEvent,
  type NodeRuntime,
  type Note,
  type Checkpoint,
  type SimulationOptions,
} from './core/simulation';
export { Timeline, type TimelineOptions } from './core/timeline';
export { buildFrame, formatDigest, type Frame, type FrameMessage, type FrameNode, type FrameMetrics, type SimulationError } from './core/frame';
export { summarizeOperations, type MetricSample, type MetricSummary, type LatencyPercentiles } from './core/metrics';
export { formatTraceEntry, traceEntries, type TraceEntry } from './core/trace';
export { createSimulation, resolveScenario, validateAction, type Resolved } from './scenarios/resolve';
export { scenarios, scenarioList } from './scenarios/registry';
export { protocols } from './protocols';
export * from './scenarios/schema';
