/**
 * Cycle search over the dependency graph. Each anomaly class is a kind of edge that lies on a cycle made
 * of allowed kinds; an edge a→b qualifies when b reaches a through allowed edges, and the smallest cycle
 * through it is that edge plus a shortest path back. Reachability comes from strongly connected
 * components (and, for G-single, a bitset closure inside each component), so the breadth-first searches
 * for the smallest cycle run only on edges already known to lie on a cycle, and stop at the best so far.
 */
import type { DependencyEdge, DependencyKind } from './graph';

const kindBits: Record<DependencyKind, number> = { ww: 1, wr: 2, rw: 4 };
export const wwOnly = kindBits.ww;
export const wwWr = kindBits.ww | kindBits.wr;
export const allKinds = kindBits.ww | kindBits.wr | kindBits.rw;

export interface IndexedGraph {
  size: number;
  edges: readonly DependencyEdge[];
  /** Edge source and target as vertex indexes, and the kind as a bit. */
  from: Int32Array;
  to: Int32Array;
  kind: Int32Array;
  /** Outgoing edge indexes per vertex. */
  out: Int32Array[];
}

export function indexGraph(vertices: readonly number[], edges: readonly DependencyEdge[]): IndexedGraph {
  const indexOf = new Map(vertices.map((id, index) => [id, index]));
  const from = new Int32Array(edges.length);
  const to = new Int32Array(edges.length);
  const kind = new Int32Array(edges.length);
  const degree = new Int32Array(vertices.length);
  edges.forEach((edge, index) => {
    from[index] = indexOf.get(edge.from)!;
    to[index] = indexOf.get(edge.to)!;
    kind[index] = kindBits[edge.kind];
    degree[from[index]!]!++;
  });
  const out = Array.from(degree, (count) => new Int32Array(count));
  const filled = new Int32Array(vertices.length);
  for (let index = 0; index < edges.length; index++) {
    const vertex = from[index]!;
    out[vertex]![filled[vertex]!++] = index;
  }
  return { size: vertices.length, edges, from, to, kind, out };
}

/**
 * Tarjan's strongly connected components over the edges whose kind is in `mask`, without recursion.
 * Components are numbered in the order Tarjan finishes them: every edge between two components goes
 * from a higher number to a lower one.
 */
export function components(graph: IndexedGraph, mask: number): { component: Int32Array; count: number } {
  const { size, out, to, kind } = graph;
  const component = new Int32Array(size).fill(-1);
  const order = new Int32Array(size).fill(-1);
  const low = new Int32Array(size);
  const onStack = new Uint8Array(size);
  const stack: number[] = [];
  const callStack: number[] = [];
  const edgeCursor = new Int32Array(size);
  let counter = 0;
  let count = 0;
  for (let root = 0; root < size; root++) {
    if (order[root] !== -1) continue;
    callStack.push(root);
    order[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (callStack.length > 0) {
      const vertex = callStack[callStack.length - 1]!;
      const edgesOut = out[vertex]!;
      let descended = false;
      while (edgeCursor[vertex]! < edgesOut.length) {
        const edge = edgesOut[edgeCursor[vertex]!++]!;
        if ((kind[edge]! & mask) === 0) continue;
        const next = to[edge]!;
        if (order[next] === -1) {
          order[next] = low[next] = counter++;
          stack.push(next);
          onStack[next] = 1;
          callStack.push(next);
          descended = true;
          break;
        }
        if (onStack[next]) low[vertex] = Math.min(low[vertex]!, order[next]!);
      }
      if (descended) continue;
      callStack.pop();
      const parent = callStack[callStack.length - 1];
      if (parent !== undefined) low[parent] = Math.min(low[parent]!, low[vertex]!);
      if (low[vertex] === order[vertex]) {
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = 0;
          component[member] = count;
        } while (member !== vertex);
        count++;
      }
    }
  }
  return { component, count };
}

/**
 * For every rw edge inside a strongly connected component of the whole graph: can its target reach its
 * source through ww and wr edges alone? Every vertex on such a path lies in that same component, so the
 * closure is computed per component, over the components of the ww+wr graph inside it, as bitsets.
 */
export function rwEdgesClosedByWwWr(
  graph: IndexedGraph,
  fullComponent: Int32Array,
  candidates: readonly number[],
): Set<number> {
  const wwWrComponents = components(graph, wwWr);
  const byFull = new Map<number, number[]>();
  for (const edge of candidates) {
    const group = byFull.get(fullComponent[graph.from[edge]!]!) ?? [];
    group.push(edge);
    byFull.set(fullComponent[graph.from[edge]!]!, group);
  }
  const closed = new Set<number>();
  const { component } = wwWrComponents;
  for (const [full, edgesInComponent] of byFull) {
    // The ww+wr components inside this full component, numbered locally in Tarjan's order (sinks first).
    const local = new Map<number, number>();
    const members: number[][] = [];
    for (let vertex = 0; vertex < graph.size; vertex++) {
      if (fullComponent[vertex] !== full) continue;
      if (!local.has(component[vertex]!)) {
        local.set(component[vertex]!, -1);
        members.push([]);
      }
    }
    const sorted = [...local.keys()].sort((a, b) => a - b);
    sorted.forEach((global, index) => local.set(global, index));
    for (let vertex = 0; vertex < graph.size; vertex++)
      if (fullComponent[vertex] === full) members[local.get(component[vertex]!)!]!.push(vertex);
    const words = Math.ceil(sorted.length / 32);
    const reach = new Uint32Array(sorted.length * words);
    for (let index = 0; index < sorted.length; index++) {
      const row = index * words;
      reach[row + (index >>> 5)]! |= 1 << (index & 31);
      for (const vertex of members[index]!) {
        for (const edge of graph.out[vertex]!) {
          if ((graph.kind[edge]! & wwWr) === 0) continue;
          const target = local.get(component[graph.to[edge]!]!);
          if (target === undefined || target === index) continue;
          const other = target * words;
          for (let word = 0; word < words; word++) reach[row + word]! |= reach[other + word]!;
        }
      }
    }
    for (const edge of edgesInComponent) {
      const source = local.get(component[graph.from[edge]!]!)!;
      const target = local.get(component[graph.to[edge]!]!)!;
      if (reach[target * words + (source >>> 5)]! & (1 << (source & 31))) closed.add(edge);
    }
  }
  return closed;
}

/** Reusable breadth-first search state, so thousands of searches allocate nothing. */
export class PathFinder {
  private readonly stamp: Int32Array;
  private readonly parentEdge: Int32Array;
  private readonly depth: Int32Array;
  private readonly queue: Int32Array;
  private round = 0;

  constructor(private readonly graph: IndexedGraph) {
    this.stamp = new Int32Array(graph.size);
    this.parentEdge = new Int32Array(graph.size);
    this.depth = new Int32Array(graph.size);
    this.queue = new Int32Array(graph.size);
  }

  /** A shortest path of at most `maxEdges` edges of kinds in `mask`, as edge indexes; null if none. */
  shortestPath(source: number, target: number, mask: number, maxEdges: number): number[] | null {
    const { out, to, kind } = this.graph;
    const round = ++this.round;
    let head = 0;
    let tail = 0;
    this.queue[tail++] = source;
    this.stamp[source] = round;
    this.depth[source] = 0;
    while (head < tail) {
      const vertex = this.queue[head++]!;
      if (vertex === target) break;
      if (this.depth[vertex]! >= maxEdges) continue;
      for (const edge of out[vertex]!) {
        if ((kind[edge]! & mask) === 0) continue;
        const next = to[edge]!;
        if (this.stamp[next] === round) continue;
        this.stamp[next] = round;
        this.parentEdge[next] = edge;
        this.depth[next] = this.depth[vertex]! + 1;
        this.queue[tail++] = next;
      }
    }
    if (this.stamp[target] !== round || source === target) return null;
    const path: number[] = [];
    for (let vertex = target; vertex !== source; vertex = this.graph.from[this.parentEdge[vertex]!]!)
      path.push(this.parentEdge[vertex]!);
    return path.reverse();
  }
}

/** The smallest cycle through any of `candidates` whose other edges are of kinds in `mask`, as edge indexes. */
export function smallestCycle(
  finder: PathFinder,
  graph: IndexedGraph,
  candidates: readonly number[],
  mask: number,
): number[] | null {
  let best: number[] | null = null;
  for (const edge of candidates) {
    const limit = best ? best.length - 2 : graph.size;
    if (limit < 1) break;
    const back = finder.shortestPath(graph.to[edge]!, graph.from[edge]!, mask, limit);
    if (back) best = [edge, ...back];
  }
  return best;
}
