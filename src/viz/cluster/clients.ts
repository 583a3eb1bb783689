/**
 * Clients, for protocols that serve them (ClusterTopology.clients): who is calling, and how many of
 * their requests are on their way or waiting for a reply at each node, read from the run's history.
 */
import type { HistoryOperation } from '../../engine/core/types';
import type { Point } from '../shared/geometry';
import type { Box } from '../shared/labels';

export interface ClientRequests {
  /** Distinct clients seen in the history the frame carries. */
  clients: number;
  /** Requests sent and not yet answered (nor given up on), by the node they were sent to. */
  byNode: { node: string; count: number }[];
}

/** An operation is open from its invocation until it completes or its client gives up on it. */
export function isOpen(operation: HistoryOperation, now: number): boolean {
  return operation.invoke <= now && operation.complete === null && operation.error === undefined;
}

export function clientRequests(
  history: readonly HistoryOperation[],
  now: number,
  entry: string | undefined,
): ClientRequests {
  const processes = new Set<string>();
  const counts = new Map<string, number>(entry === undefined ? [] : [[entry, 0]]);
  for (const operation of history) {
    if (operation.invoke > now) continue;
    processes.add(operation.process);
    if (isOpen(operation, now)) counts.set(operation.node, (counts.get(operation.node) ?? 0) + 1);
  }
  return {
    clients: processes.size,
    byNode: [...counts].map(([node, count]) => ({ node, count })),
  };
}

export const clientsIconHalfWidth = 18;

/** The boxes the clients take: their icon, and the label under it. */
export function clientBox(at: Point): { icon: Box; label: Box } {
  return {
    icon: { x: at.x - clientsIconHalfWidth, y: at.y - 22, width: clientsIconHalfWidth * 2, height: 36 },
    label: { x: Math.max(0, at.x - 32), y: at.y + 16, width: 64, height: 15 },
  };
}
