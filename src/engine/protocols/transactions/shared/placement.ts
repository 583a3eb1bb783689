/**
 * Where data lives and who does what, as protocol parameters: "alice lives on n2", "n1 coordinates".
 * Shared by the transaction protocols so every one of them reports a misplaced key or an unknown node
 * the same readable way.
 */
import { z } from 'zod';
import type { ClusterTopology, NodeId, Value } from '../../../core/types';
import type { KeyWrite, Parsed } from './writes';

/** key → the node that stores it. */
export const placementParam = z.record(z.string(), z.string());
export type Placement = z.infer<typeof placementParam>;

/** Starting values of keys, e.g. account balances { alice: 100, bob: 100 }. */
export const initialValuesParam = z.record(z.string(), z.union([z.number(), z.string(), z.null()]));

export function checkNodeParam(node: NodeId, nodes: readonly NodeId[], field: string): string[] {
  return nodes.includes(node) ? [] : [`${field}: there is no node "${node}" (nodes: ${nodes.join(', ')})`];
}

export function checkPlacement(
  placement: Placement,
  nodes: readonly NodeId[],
  field = 'params.placement',
): string[] {
  return Object.entries(placement).flatMap(([key, node]) => checkNodeParam(node, nodes, `${field}.${key}`));
}

/** Every initial value must belong to a placed key, or it would silently live nowhere. */
export function checkInitialValues(
  initial: Record<string, Value>,
  placement: Placement,
  field = 'params.initial',
): string[] {
  return Object.keys(initial)
    .filter((key) => !(key in placement))
    .map((key) => `${field}.${key}: no node holds "${key}"; add it to params.placement`);
}

/** The initial values of the keys `node` stores. */
export function initialValuesOn(
  node: NodeId,
  initial: Record<string, Value>,
  placement: Placement,
): Record<string, Value> {
  return Object.fromEntries(Object.entries(initial).filter(([key]) => placement[key] === node));
}

function describePlacement(placement: Placement): string {
  return Object.entries(placement)
    .map(([key, node]) => `${key} → ${node}`)
    .join(', ');
}

/** The writes each node must apply, keyed by node, in first-mentioned order. */
export function writesByOwner(
  writes: readonly KeyWrite[],
  placement: Placement,
): Parsed<Record<NodeId, KeyWrite[]>> {
  const byNode: Record<NodeId, KeyWrite[]> = {};
  for (const write of writes) {
    const owner = placement[write.key];
    if (owner === undefined)
      return {
        ok: false,
        error: `no node holds "${write.key}" (placement: ${describePlacement(placement)})`,
      };
    (byNode[owner] ??= []).push(write);
  }
  return { ok: true, value: byNode };
}

/**
 * The drawing's links when one hub (a coordinator, an orchestrator, a database) exchanges every message,
 * each with some of the other nodes: a star when it talks to all of them, else just its links.
 */
export function hubTopology(
  hub: NodeId,
  spokes: Iterable<NodeId>,
  nodes: readonly NodeId[],
): ClusterTopology {
  const others = nodes.filter((node) => node !== hub);
  const talking = new Set(spokes);
  if (others.every((node) => talking.has(node))) return { shape: 'star', order: [hub, ...others] };
  return {
    shape: 'none',
    order: [hub, ...others],
    extraLinks: others.filter((node) => talking.has(node)).map((node): [NodeId, NodeId] => [hub, node]),
  };
}
