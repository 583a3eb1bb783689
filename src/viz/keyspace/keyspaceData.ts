/**
 * The key-space views read what a partitioning protocol puts in each node's `details` (NodeView.details
 * holds only strings, numbers and booleans, so lists are space-separated strings). The convention:
 *
 *   "ring.tokens"  "0.12 0.47 0.8"    this node's (virtual node) tokens on the hash ring, as fractions of
 *                                      the ring in [0, 1)
 *   "ring.keys"    "k1@0.33 k7@0.91"  keys this node stores as the first owner, each at its ring position
 *   "range"        "a..m" or "..m m.."  key ranges this node owns: start inclusive, end exclusive, an empty
 *                                      bound is open-ended; several ranges are space-separated
 *   "load"         42                  requests (or keys) this node has served, for the load chart
 *   "moved"        "k3 k7"             keys that came to this node in the latest rebalance
 *
 * A protocol that fills none of these simply has no key-space view.
 */
import type { FrameNode } from '../../engine/core/frame';

export interface RingToken {
  node: string;
  at: number;
}

export interface RingKey {
  key: string;
  node: string;
  at: number;
  moved: boolean;
}

export interface KeyRange {
  node: string;
  /** Inclusive; '' means from the smallest key. */
  start: string;
  /** Exclusive; '' means to the largest key. */
  end: string;
}

export interface KeySpace {
  tokens: RingToken[];
  keys: RingKey[];
  ranges: KeyRange[];
  load: { node: string; value: number }[];
  moved: string[];
}

const words = (value: unknown): string[] => (typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : []);
const fraction = (text: string): number | null => {
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 && value < 1 ? value : null;
};

export function readKeySpace(nodes: readonly Pick<FrameNode, 'id' | 'view'>[]): KeySpace | null {
  const space: KeySpace = { tokens: [], keys: [], ranges: [], load: [], moved: [] };
  for (const node of nodes) {
    const details = node.view.details ?? {};
    const moved = new Set(words(details.moved));
    space.moved.push(...moved);
    for (const token of words(details['ring.tokens'])) {
      const at = fraction(token);
      if (at !== null) space.tokens.push({ node: node.id, at });
    }
    for (const entry of words(details['ring.keys'])) {
      const separator = entry.lastIndexOf('@');
      const at = separator > 0 ? fraction(entry.slice(separator + 1)) : null;
      if (at !== null) space.keys.push({ key: entry.slice(0, separator), node: node.id, at, moved: moved.has(entry.slice(0, separator)) });
    }
    for (const range of words(details.range)) {
      const [start, end] = range.split('..');
      if (end !== undefined) space.ranges.push({ node: node.id, start: start!, end });
    }
    if (typeof details.load === 'number') space.load.push({ node: node.id, value: details.load });
  }
  space.tokens.sort((a, b) => a.at - b.at);
  space.keys.sort((a, b) => a.at - b.at);
  space.ranges.sort((a, b) => compareBound(a.start, b.start, 'start'));
  const empty = space.tokens.length === 0 && space.keys.length === 0 && space.ranges.length === 0 && space.load.length === 0;
  return empty ? null : space;
}

/** Orders range bounds: an empty start is the smallest key, an empty end the largest. */
export function compareBound(a: string, b: string, kind: 'start' | 'end'): number {
  if (a === b) return 0;
  if (a === '') return kind === 'start' ? -1 : 1;
  if (b === '') return kind === 'start' ? 1 : -1;
  return a < b ? -1 : 1;
}

/** Arcs of the ring each node owns: from the previous token (exclusive) to its own token (inclusive). */
export function ringArcs(tokens: readonly RingToken[]): { node: string; from: number; to: number }[] {
  if (tokens.length === 0) return [];
  return tokens.map((token, index) => {
    const previous = tokens[(index - 1 + tokens.length) % tokens.length]!;
    const from = previous.at;
    // The first token's arc wraps around past 1 back to 0.
    return { node: token.node, from: index === 0 ? from - 1 : from, to: token.at };
  });
}

/** The node owning a ring position: the first token at or after it, wrapping round. */
export function ownerAt(tokens: readonly RingToken[], at: number): string | null {
  if (tokens.length === 0) return null;
  return (tokens.find((token) => token.at >= at) ?? tokens[0]!).node;
}
