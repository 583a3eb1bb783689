/**
 * Watches a failover run event by event and records what the metrics need: when followers begin to
 * suspect their leader (and whether it was really down), and every promotion (and whether the leader it
 * replaced was really down). Only tests import this module.
 */
import type { Simulation } from '../../core/simulation';
import type { NodeId, StoredState } from '../../core/types';
import type { FailoverDurable, FailoverVolatile } from './state';

export interface SuspicionEvent {
  at: number;
  node: NodeId;
  suspected: NodeId | null;
  /** The suspected leader had crashed. False means a false positive: it was alive (perhaps paused, or far away). */
  suspectedWasDown: boolean;
}

export interface PromotionEvent {
  at: number;
  node: NodeId;
  epoch: number;
  previousLeader: NodeId | null;
  /** The previous leader had crashed. False means a false failover. */
  previousWasDown: boolean;
  /** Every node's log length at that moment, and which nodes were up. */
  logLengths: Record<NodeId, number>;
  up: NodeId[];
}

export interface FailoverObservation {
  suspicions: SuspicionEvent[];
  promotions: PromotionEvent[];
  /** The most leaders that were up (not crashed, not paused) at the same moment. */
  mostLeadersUp: number;
}

function isCrashed(sim: Simulation, node: NodeId | null): boolean {
  return node !== null && sim.node(node).status === 'crashed';
}

export function observeFailover(sim: Simulation, until: number): FailoverObservation {
  const observation: FailoverObservation = { suspicions: [], promotions: [], mostLeadersUp: 0 };
  const durableOf = (id: NodeId) => sim.node(id).state.durable as FailoverDurable;
  const suspicionCounts = new Map(sim.nodeIds.map((id) => [id, durableOf(id).suspicions]));
  const wasLeader = new Map(sim.nodeIds.map((id) => [id, durableOf(id).role === 'leader']));
  let currentLeader: NodeId | null = sim.nodeIds.find((id) => wasLeader.get(id)) ?? null;
  while (sim.nextEventTime() <= until && sim.step()) {
    let leadersUp = 0;
    for (const id of sim.nodeIds) {
      const durable = durableOf(id);
      if (durable.suspicions > suspicionCounts.get(id)!) {
        suspicionCounts.set(id, durable.suspicions);
        observation.suspicions.push({
          at: sim.now,
          node: id,
          suspected: durable.leader,
          suspectedWasDown: durable.leader === null || isCrashed(sim, durable.leader),
        });
      }
      const isLeader = durable.role === 'leader';
      if (isLeader && !wasLeader.get(id)) {
        observation.promotions.push({
          at: sim.now,
          node: id,
          epoch: durable.epoch,
          previousLeader: currentLeader,
          previousWasDown: isCrashed(sim, currentLeader),
          logLengths: Object.fromEntries(sim.nodeIds.map((node) => [node, durableOf(node).log.length])),
          up: sim.nodeIds.filter((node) => sim.node(node).status === 'up'),
        });
        currentLeader = id;
      }
      wasLeader.set(id, isLeader);
      if (isLeader && sim.node(id).status === 'up') leadersUp++;
    }
    observation.mostLeadersUp = Math.max(observation.mostLeadersUp, leadersUp);
  }
  sim.runUntil(until);
  return observation;
}

export function suspicionLevelOf(sim: Simulation, node: NodeId): number {
  return (
    (sim.node(node).state as StoredState<FailoverDurable, FailoverVolatile>).volatile?.suspicionLevel ?? 0
  );
}
