/**
 * Finds Adya's anomalies in a transactional history, the way Elle does: build the dependency graph, then
 * look for cycles. Each cycle anomaly is named after the edges its cycles need:
 *   G0        a cycle of ww edges (dirty write);
 *   G1c       a cycle of ww and wr edges with at least one wr (circular information flow);
 *   G-single  a cycle with exactly one rw edge (read skew);
 *   G2        an rw edge on a cycle, where every cycle through it has another rw edge (write skew).
 * Adya's G2 is any cycle with an rw edge, so it includes G-single; like Elle's G2-item, this one reports
 * only the cycles G-single does not already explain. G1a, G1b and lost update are found from the reads.
 */
import {
  allKinds,
  components,
  indexGraph,
  PathFinder,
  rwEdgesClosedByWwWr,
  smallestCycle,
  wwOnly,
  wwWr,
  type IndexedGraph,
} from './cycles';
import { buildDependencyGraph, type BadRead, type DependencyEdge, type DependencyGraph } from './graph';
import {
  fromListAppend,
  type IncompatibleOrder,
  type ListAppendTransaction,
  type TransactionalHistory,
  type Version,
} from './history';

export type AnomalyType =
  'G0' | 'G1a' | 'G1b' | 'G1c' | 'G-single' | 'G2' | 'lost-update' | 'garbage-read' | 'incompatible-order';

export const anomalyNames: Record<AnomalyType, string> = {
  G0: 'dirty write',
  G1a: 'aborted read',
  G1b: 'intermediate read',
  G1c: 'circular information flow',
  'G-single': 'read skew',
  G2: 'write skew',
  'lost-update': 'lost update',
  'garbage-read': 'read of a value nobody wrote',
  'incompatible-order': 'reads that disagree on a key’s order',
};

export interface TransactionalAnomaly {
  type: AnomalyType;
  name: string;
  /** The smallest example, in words. */
  explanation: string;
  /** The transactions of that example, for the History view to highlight. */
  transactionIds: number[];
  /** For cycle anomalies: the smallest cycle, edge by edge. */
  cycle: DependencyEdge[] | null;
  /** How many edges, reads or collisions show this anomaly (the explanation is one of them). */
  count: number;
}

/** Adya's isolation levels (and snapshot isolation), weakest first, with the anomalies each forbids. */
export const isolationLevels = [
  { id: 'read-uncommitted', name: 'read uncommitted', forbids: ['G0'] },
  { id: 'read-committed', name: 'read committed', forbids: ['G0', 'G1a', 'G1b', 'G1c'] },
  {
    id: 'snapshot-isolation',
    name: 'snapshot isolation',
    forbids: ['G0', 'G1a', 'G1b', 'G1c', 'G-single', 'lost-update'],
  },
  {
    id: 'serializable',
    name: 'serializable',
    forbids: ['G0', 'G1a', 'G1b', 'G1c', 'G-single', 'G2', 'lost-update'],
  },
] as const satisfies readonly { id: string; name: string; forbids: readonly AnomalyType[] }[];

export type IsolationLevelId = (typeof isolationLevels)[number]['id'];

export interface TransactionalCheckResult {
  anomalies: TransactionalAnomaly[];
  /** Levels whose forbidden anomalies all stayed absent. Garbage reads and disagreeing orders rule out every level. */
  satisfies: IsolationLevelId[];
  transactions: number;
  edges: Record<DependencyEdge['kind'], number>;
}

type Values = TransactionalHistory['values'];

export function describeVersion(version: Version, key = '', values?: Values): string {
  const known = values?.[key]?.[String(version)];
  if (known !== undefined) return version === null ? `${String(known)} (its initial value)` : String(known);
  return version === null ? 'its initial value' : String(version);
}

export function describeEdge(edge: DependencyEdge, values?: Values): string {
  const from = `T${edge.from}`;
  const to = `T${edge.to}`;
  const version = describeVersion(edge.version, edge.key, values);
  const next = describeVersion(edge.next ?? null, edge.key, values);
  switch (edge.kind) {
    case 'ww':
      return `${from} wrote ${edge.key} = ${version} and ${to} overwrote it with ${next} (ww)`;
    case 'wr':
      return `${to} read ${edge.key} = ${version}, which ${from} wrote (wr)`;
    case 'rw':
      return `${from} read ${edge.key} = ${version} before ${to} overwrote it with ${next} (rw)`;
  }
}

function cycleAnomaly(
  type: AnomalyType,
  cycle: DependencyEdge[],
  count: number,
  values: Values,
): TransactionalAnomaly {
  const ids = cycle.map((edge) => edge.from);
  return {
    type,
    name: anomalyNames[type],
    explanation: `${cycle.map((edge) => describeEdge(edge, values)).join('; ')}: a cycle, so no serial order of ${ids.map((id) => `T${id}`).join(', ')} explains it`,
    transactionIds: ids,
    cycle,
    count,
  };
}

function badReadAnomaly(
  type: 'G1a' | 'G1b' | 'garbage-read',
  reads: BadRead[],
  values: Values,
): TransactionalAnomaly | null {
  const first = reads[0];
  if (!first) return null;
  const seen = `T${first.reader} read ${first.key} = ${describeVersion(first.version, first.key, values)}`;
  const explanation =
    first.kind === 'aborted'
      ? `${seen}, written by T${first.writer}, which aborted`
      : first.kind === 'intermediate'
        ? `${seen}, which T${first.writer} later overwrote with ${describeVersion(first.final, first.key, values)} before committing`
        : `${seen}, a value no transaction wrote`;
  return {
    type,
    name: anomalyNames[type],
    explanation,
    transactionIds: first.kind === 'garbage' ? [first.reader] : [first.writer, first.reader],
    cycle: null,
    count: reads.length,
  };
}

function cycleAnomalies(graph: IndexedGraph, values: Values): TransactionalAnomaly[] {
  const finder = new PathFinder(graph);
  const edgesOf = (bit: number) =>
    graph.edges.flatMap((_, index) => (graph.kind[index] === bit ? [index] : []));
  const sameComponent = (component: Int32Array) => (edge: number) =>
    component[graph.from[edge]!] === component[graph.to[edge]!];
  const ww = edgesOf(wwOnly);
  const wr = edgesOf(wwWr & ~wwOnly);
  const rw = edgesOf(allKinds & ~wwWr);
  const wwComponent = components(graph, wwOnly).component;
  const wwWrComponent = components(graph, wwWr).component;
  const fullComponent = components(graph, allKinds).component;
  const rwOnCycles = rw.filter(sameComponent(fullComponent));
  const closed = rwEdgesClosedByWwWr(graph, fullComponent, rwOnCycles);
  const classes: [AnomalyType, number[], number][] = [
    ['G0', ww.filter(sameComponent(wwComponent)), wwOnly],
    ['G1c', wr.filter(sameComponent(wwWrComponent)), wwWr],
    ['G-single', rwOnCycles.filter((edge) => closed.has(edge)), wwWr],
    ['G2', rwOnCycles.filter((edge) => !closed.has(edge)), allKinds],
  ];
  return classes.flatMap(([type, candidates, mask]) => {
    const cycle = candidates.length > 0 ? smallestCycle(finder, graph, candidates, mask) : null;
    return cycle
      ? [
          cycleAnomaly(
            type,
            cycle.map((edge) => graph.edges[edge]!),
            candidates.length,
            values,
          ),
        ]
      : [];
  });
}

function lostUpdateAnomaly(graph: DependencyGraph, values: Values): TransactionalAnomaly | null {
  const first = graph.lostUpdates[0];
  if (!first) return null;
  const ids = first.transactionIds.map((id) => `T${id}`);
  return {
    type: 'lost-update',
    name: anomalyNames['lost-update'],
    explanation: `${ids.length === 2 ? 'both' : 'all'} ${ids.join(' and ')} read ${first.key} = ${describeVersion(first.version, first.key, values)} and wrote ${first.key} from it: every write but the last is lost`,
    transactionIds: first.transactionIds,
    cycle: null,
    count: graph.lostUpdates.length,
  };
}

function incompatibleOrderAnomaly(orders: readonly IncompatibleOrder[]): TransactionalAnomaly | null {
  const first = orders[0];
  if (!first) return null;
  const [a, b] = first.transactionIds;
  return {
    type: 'incompatible-order',
    name: anomalyNames['incompatible-order'],
    explanation: `T${a} read ${first.key} = [${first.lists[0].join(', ')}] and T${b} read [${first.lists[1].join(', ')}]: neither list extends the other`,
    transactionIds: [a, b],
    cycle: null,
    count: orders.length,
  };
}

const severity: AnomalyType[] = [
  'garbage-read',
  'incompatible-order',
  'G0',
  'G1a',
  'G1b',
  'G1c',
  'lost-update',
  'G-single',
  'G2',
];

export function checkTransactions(
  history: TransactionalHistory,
  incompatibleOrders: readonly IncompatibleOrder[] = [],
): TransactionalCheckResult {
  const graph = buildDependencyGraph(history);
  const indexed = indexGraph(graph.vertices, graph.edges);
  const found = [
    badReadAnomaly(
      'garbage-read',
      graph.badReads.filter((read) => read.kind === 'garbage'),
      history.values,
    ),
    incompatibleOrderAnomaly(incompatibleOrders),
    badReadAnomaly(
      'G1a',
      graph.badReads.filter((read) => read.kind === 'aborted'),
      history.values,
    ),
    badReadAnomaly(
      'G1b',
      graph.badReads.filter((read) => read.kind === 'intermediate'),
      history.values,
    ),
    lostUpdateAnomaly(graph, history.values),
    ...cycleAnomalies(indexed, history.values),
  ].filter((anomaly): anomaly is TransactionalAnomaly => anomaly !== null);
  const anomalies = found.sort((a, b) => severity.indexOf(a.type) - severity.indexOf(b.type));
  const types = new Set(anomalies.map((anomaly) => anomaly.type));
  const broken = types.has('garbage-read') || types.has('incompatible-order');
  const satisfies = isolationLevels
    .filter((level) => !broken && level.forbids.every((type) => !types.has(type)))
    .map((level) => level.id);
  const edges = { ww: 0, wr: 0, rw: 0 };
  for (const edge of graph.edges) edges[edge.kind]++;
  return { anomalies, satisfies, transactions: graph.vertices.length, edges };
}

/** Checks a list-append history, inferring each key's version order from the lists its reads returned. */
export function checkListAppend(transactions: readonly ListAppendTransaction[]): TransactionalCheckResult {
  const { history, incompatibleOrders } = fromListAppend(transactions);
  return checkTransactions(history, incompatibleOrders);
}
