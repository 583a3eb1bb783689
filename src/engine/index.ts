export * from './core/types';
export { Random, hashString } from './core/random';
export { Simulation, Lane, nodeIdsOf, type World, type SimEvent, type NodeRuntime, type Note } from './core/simulation';
export { createSimulation, resolveScenario, type Resolved } from './scenarios/resolve';
export { scenarios, scenarioList } from './scenarios/registry';
export { protocols } from './protocols';
export * from './scenarios/schema';
