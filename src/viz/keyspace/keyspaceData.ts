/**
 * What the key-space views draw, read from the partitioning protocols (src/engine/protocols/partitioning):
 *
 * - `partitioning` (sharding with a strategy): the member list from each node's `details.members`, the
 *   keys each node shows in `kv`, and the protocol's own placement code (buildRing, hash32, rangeIndex)
 *   with the scenario's params, so the ring and the ranges drawn are exactly the ones the nodes use.
 * - `ranges` (auto-splitting ranges): each node's `details["range <id>"]` lines,
 *   "[start, end) · size · leaseholder|replica · on n1 n2 n3".
 * - Load per node from the protocol gauges named `<measure>.<node>` (rows, load, replicas, leases).
 *
 * "Moved" keys are the shown keys whose owner now differs from their owner under the starting members:
 * after a rebalance, the keys that moved.
 */
import type { FrameNode } from '../../engine/core/frame';
import { buildRing, hash32, ringOwner, type Ring } from '../../engine/protocols/shared/hashing';
import { rangeIndex } from '../../engine/protocols/partitioning/strategies';

const ringSize = 2 ** 32;

export interface RingToken {
  node: string;
  /** Position on the ring as a fraction in [0, 1). */
  at: number;
}

export interface PlacedKey {
  key: string;
  /** The node that holds it now. */
  node: string;
  /** Ring position (consistent hashing only). */
  at: number | null;
  moved: boolean;
}

export interface KeyRange {
  id: string;
  /** Inclusive; '' is the smallest key. */
  start: string;
  /** Exclusive; null is past the largest key. */
  end: string | null;
  /** The node serving it (owner or leaseholder). */
  node: string;
  replicas: string[];
}

export interface LoadMeasure {
  /** The gauge family, e.g. "rows" or "load". */
  name: string;
  values: { node: string; value: number }[];
}

export interface KeySpace {
  strategy: 'consistent-hashing' | 'hash-modulo' | 'range';
  members: string[];
  tokens: RingToken[];
  keys: PlacedKey[];
  ranges: KeyRange[];
  load: LoadMeasure[];
}

/** The parts of the partitioning protocols' params the views need (validated by the engine beforehand). */
interface PlacementParams {
  strategy?: 'consistent-hashing' | 'hash-modulo' | 'range';
  virtualNodes?: number;
  rangeBoundaries?: string[];
  members?: string[];
}

export interface KeySpaceInput {
  protocol: string;
  params: Record<string, unknown>;
  nodes: readonly Pick<FrameNode, 'id' | 'status' | 'view'>[];
  gauges: Readonly<Record<string, number>>;
}

/** Whether a protocol has a key space to show (cheap: decides whether the view is offered at all). */
export function hasKeySpace(protocol: string): boolean {
  return protocol === 'partitioning' || protocol === 'ranges';
}

export function readKeySpace(input: KeySpaceInput): KeySpace | null {
  if (input.protocol === 'partitioning') return shardingKeySpace(input);
  if (input.protocol === 'ranges') return rangesKeySpace(input);
  return null;
}

/** Per-node gauge families: every gauge named `<family>.<node id>`, in node order. */
export function loadMeasures(
  gauges: Readonly<Record<string, number>>,
  nodeIds: readonly string[],
): LoadMeasure[] {
  const families = new Map<string, { node: string; value: number }[]>();
  for (const [name, value] of Object.entries(gauges)) {
    const dot = name.indexOf('.');
    const node = name.slice(dot + 1);
    if (dot <= 0 || !nodeIds.includes(node)) continue;
    const family = name.slice(0, dot);
    families.set(family, [...(families.get(family) ?? []), { node, value }]);
  }
  return [...families].map(([name, values]) => ({
    name,
    values: values.sort((a, b) => nodeIds.indexOf(a.node) - nodeIds.indexOf(b.node)),
  }));
}

function currentMembers(nodes: KeySpaceInput['nodes']): string[] | null {
  const reporter = nodes.find(
    (node) => node.status === 'up' && typeof node.view.details?.members === 'string',
  );
  const members = reporter?.view.details?.members;
  return typeof members === 'string' ? members.split(/\s+/).filter(Boolean) : null;
}

function shardingKeySpace({ params, nodes, gauges }: KeySpaceInput): KeySpace {
  const placement = params as PlacementParams;
  const strategy = placement.strategy ?? 'consistent-hashing';
  const nodeIds = nodes.map((node) => node.id);
  const initial = placement.members ?? nodeIds;
  const members = currentMembers(nodes) ?? initial;
  const virtualNodes = placement.virtualNodes ?? 64;
  const boundaries = placement.rangeBoundaries ?? [];
  const rings =
    strategy === 'consistent-hashing'
      ? { now: buildRing(members, virtualNodes), start: buildRing(initial, virtualNodes) }
      : null;
  const owner = (memberList: readonly string[], ring: Ring | null, key: string): string | undefined => {
    if (memberList.length === 0) return undefined;
    if (strategy === 'consistent-hashing') return ring ? ringOwner(ring, key) : undefined;
    if (strategy === 'hash-modulo') return memberList[hash32(key) % memberList.length];
    return memberList[rangeIndex(boundaries, key) % memberList.length];
  };

  const keys: PlacedKey[] = [];
  for (const node of nodes) {
    for (const key of Object.keys(node.view.kv ?? {})) {
      const before = owner(initial, rings?.start ?? null, key);
      keys.push({
        key,
        node: node.id,
        at: rings ? hash32(key) / ringSize : null,
        moved: before !== undefined && before !== node.id,
      });
    }
  }
  keys.sort((a, b) => (a.at ?? 0) - (b.at ?? 0) || (a.key < b.key ? -1 : 1));

  const ranges: KeyRange[] =
    strategy === 'range' && members.length > 0
      ? [...boundaries, null].map((end, index) => {
          const node = members[index % members.length]!;
          return {
            id: `r${index + 1}`,
            start: index === 0 ? '' : boundaries[index - 1]!,
            end,
            node,
            replicas: [node],
          };
        })
      : [];
  return {
    strategy,
    members,
    tokens: rings
      ? rings.now.tokens.map((token, index) => ({ node: rings.now.owners[index]!, at: token / ringSize }))
      : [],
    keys,
    ranges,
    load: loadMeasures(gauges, nodeIds),
  };
}

/** "[a, m) · 12 KB · leaseholder · on n1 n2 n3", as the ranges protocol writes it. */
export function parseRangeDetail(
  id: string,
  text: string,
  node: string,
): (KeyRange & { leaseholder: boolean }) | null {
  const match = /^\[(.*), (.*)\) · .* · (leaseholder|replica) · on (.+)$/.exec(text);
  if (!match) return null;
  const [, start, end, lease, replicas] = match;
  return {
    id,
    start: start === '−∞' ? '' : start!,
    end: end === '+∞' ? null : end!,
    node,
    replicas: replicas!.split(' '),
    leaseholder: lease === 'leaseholder',
  };
}

function rangesKeySpace({ nodes, gauges }: KeySpaceInput): KeySpace | null {
  const byId = new Map<string, KeyRange>();
  for (const node of nodes) {
    for (const [name, value] of Object.entries(node.view.details ?? {})) {
      if (!name.startsWith('range ') || typeof value !== 'string') continue;
      const range = parseRangeDetail(name.slice('range '.length), value, node.id);
      if (!range) continue;
      const known = byId.get(range.id);
      // The leaseholder's view wins; otherwise the first replica to report it.
      if (!known || range.leaseholder)
        byId.set(range.id, {
          id: range.id,
          start: range.start,
          end: range.end,
          node: range.leaseholder ? node.id : (known?.node ?? node.id),
          replicas: range.replicas,
        });
    }
  }
  if (byId.size === 0) return null;
  const ranges = [...byId.values()].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return {
    strategy: 'range',
    members: currentMembers(nodes) ?? nodes.map((node) => node.id),
    tokens: [],
    keys: [],
    ranges,
    load: loadMeasures(
      gauges,
      nodes.map((node) => node.id),
    ),
  };
}

/** Arcs of the ring each token owns: from the previous token (exclusive) to its own (inclusive), the first wrapping round. */
export function ringArcs(tokens: readonly RingToken[]): { node: string; from: number; to: number }[] {
  return tokens.map((token, index) => {
    const previous = tokens[(index - 1 + tokens.length) % tokens.length]!;
    return { node: token.node, from: index === 0 ? previous.at - 1 : previous.at, to: token.at };
  });
}
