/**
 * Cluster membership as a two-phase set (a CRDT): a grow-only set of nodes that joined and a grow-only
 * set of nodes that left; the members are the first minus the second. Merging is a union, so nodes
 * that exchange their views in any order, any number of times, end up with the same member list with
 * no coordinator. The price: a node that left cannot rejoin under the same id.
 */
import type { NodeId } from '../../core/types';

export interface Membership {
  joined: NodeId[];
  left: NodeId[];
}

/** Everyone in `members` (default: every node) has joined; nobody has left. */
export function initialMembership(allNodes: readonly NodeId[], members?: readonly NodeId[]): Membership {
  return { joined: members ? allNodes.filter((node) => members.includes(node)) : [...allNodes], left: [] };
}

/** Members in the cluster's node order, so every node derives the same layout from the same sets. */
export function membersOf(allNodes: readonly NodeId[], membership: Membership): NodeId[] {
  return allNodes.filter((node) => membership.joined.includes(node) && !membership.left.includes(node));
}

export function isMember(membership: Membership, node: NodeId): boolean {
  return membership.joined.includes(node) && !membership.left.includes(node);
}

/** Unions `incoming` into `current` in place. Returns true when `current` changed. */
export function mergeMembership(
  allNodes: readonly NodeId[],
  current: Membership,
  incoming: Membership,
): boolean {
  const before = current.joined.length + current.left.length;
  current.joined = allNodes.filter((node) => current.joined.includes(node) || incoming.joined.includes(node));
  current.left = allNodes.filter((node) => current.left.includes(node) || incoming.left.includes(node));
  return current.joined.length + current.left.length !== before;
}

/** True when `ours` holds something `theirs` lacks (push-pull gossip then sends ours back). */
export function knowsMore(ours: Membership, theirs: Membership): boolean {
  return (
    ours.joined.some((node) => !theirs.joined.includes(node)) ||
    ours.left.some((node) => !theirs.left.includes(node))
  );
}

/**
 * An operator's `join` or `leave`, run on the node concerned. Returns the note to show, and whether the
 * view changed (and so must be announced).
 */
export function applyMembershipCommand(
  allNodes: readonly NodeId[],
  membership: Membership,
  self: NodeId,
  command: string,
): { changed: boolean; note: string } {
  if (command !== 'join' && command !== 'leave')
    return { changed: false, note: `${self}: unknown operator command "${command}" (known: join, leave)` };
  if (command === 'join' && membership.left.includes(self))
    return { changed: false, note: `${self} left the cluster and cannot rejoin under the same id` };
  const changed = mergeMembership(
    allNodes,
    membership,
    command === 'join' ? { joined: [self], left: [] } : { joined: [], left: [self] },
  );
  const count = membersOf(allNodes, membership).length;
  const note = changed
    ? `${self} ${command === 'join' ? 'joined' : 'is leaving'}: ${count} members`
    : `${self}: already ${command === 'join' ? 'a member' : 'leaving'}`;
  return { changed, note };
}
