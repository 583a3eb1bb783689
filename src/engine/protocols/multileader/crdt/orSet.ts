/**
 * OR-Set (observed-remove set). Every add tags the element with a unique tag; a remove deletes only the
 * tags its replica has observed. So an add concurrent with a remove survives ("add wins"), and a remove
 * never deletes an add it did not see.
 *
 * The state keeps the live tags per element and the removed tags (tombstones). Tags that are removed
 * are dropped from the live map, which keeps the state canonical: equal histories, equal states.
 */

export interface OrSet {
  /** Element → its live tags, sorted. Elements without live tags are absent. */
  readonly live: Readonly<Record<string, readonly string[]>>;
  /** Every tag some replica removed, sorted. */
  readonly removed: readonly string[];
}

export const emptyOrSet: OrSet = { live: {}, removed: [] };

function sortedUnion(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

function withoutRemoved(live: Record<string, readonly string[]>, removed: readonly string[]): OrSet {
  const gone = new Set(removed);
  const entries = Object.entries(live)
    .map(([element, tags]) => [element, tags.filter((tag) => !gone.has(tag))] as const)
    .filter(([, tags]) => tags.length > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { live: Object.fromEntries(entries), removed: [...removed] };
}

/** `tag` must be unique to this add, e.g. "us-east:7" (the node and its update counter). */
export function addToOrSet(set: OrSet, element: string, tag: string): OrSet {
  return withoutRemoved({ ...set.live, [element]: sortedUnion(set.live[element] ?? [], [tag]) }, set.removed);
}

export function removeFromOrSet(set: OrSet, element: string): OrSet {
  return withoutRemoved(set.live, sortedUnion(set.removed, set.live[element] ?? []));
}

export function mergeOrSets(a: OrSet, b: OrSet): OrSet {
  const live: Record<string, readonly string[]> = { ...a.live };
  for (const [element, tags] of Object.entries(b.live))
    live[element] = sortedUnion(live[element] ?? [], tags);
  return withoutRemoved(live, sortedUnion(a.removed, b.removed));
}

export function orSetElements(set: OrSet): string[] {
  return Object.keys(set.live);
}
