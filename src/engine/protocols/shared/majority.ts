/** The smallest number of nodes that is more than half of `count`: any two such sets share a node. */
export function majority(count: number): number {
  return Math.floor(count / 2) + 1;
}
