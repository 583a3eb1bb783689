/** Read-only helpers for tests, the CLI and benchmarks: what a running simulation's Raft nodes believe. */
import type { Simulation } from '../../core/simulation';
import type { NodeId, StoredState } from '../../core/types';
import { isUp } from '../../core/world';
import type { RaftDurable, RaftVolatile } from './types';

export function raftNode(
  sim: Simulation,
  id: NodeId,
): StoredState<RaftDurable, RaftVolatile> & { up: boolean } {
  const node = sim.node(id);
  const { durable, volatile } = node.state as StoredState<RaftDurable, RaftVolatile>;
  return { durable, volatile, up: isUp(node) };
}

/** Nodes that are up and believe they are leader (several can, in different terms, during a partition). */
export function leadersNow(sim: Simulation): NodeId[] {
  return sim.nodeIds.filter((id) => {
    const { volatile, up } = raftNode(sim, id);
    return up && volatile?.role === 'leader';
  });
}

/**
 * The leader every up node agrees on: it leads the highest term any up node has seen, and every other up
 * node is in that term and names it as leader. Null while an election is still settling.
 */
export function agreedLeader(sim: Simulation): NodeId | null {
  const up = sim.nodeIds.map((id) => raftNode(sim, id)).filter((node) => node.up && node.volatile);
  const leader = up.find((node) => node.volatile!.role === 'leader');
  if (!leader) return null;
  const term = leader.durable.currentTerm;
  const leaderId = leader.volatile!.leaderId;
  return up.every((node) => node.durable.currentTerm === term && node.volatile!.leaderId === leaderId)
    ? leaderId
    : null;
}

/** Steps the simulation until `until` and returns the first time an agreed leader exists, or null. */
export function runUntilAgreedLeader(sim: Simulation, until: number): number | null {
  if (agreedLeader(sim)) return sim.now;
  while (sim.nextEventTime() <= until && sim.step()) {
    if (agreedLeader(sim)) return sim.now;
  }
  return null;
}
