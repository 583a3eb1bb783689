/**
 * The numbers behind the shard-key chooser in the partitioning lesson: a posts table, three kinds of
 * query and a stream of new posts, measured for each shard key and placement with the partitioning
 * protocol's own shard-key code (src/engine/protocols/partitioning/shardKeys.ts). Everything is seeded,
 * so the chooser shows the same numbers on every visit and the tests can pin them.
 */
import { Random } from '../engine/core/random';
import {
  evaluateShardKey,
  layoutFor,
  sampleRows,
  shardOfValue,
  type Column,
  type Query,
  type Row,
} from '../engine/protocols/partitioning/shardKeys';

export const shardCount = 8;
export const existingPosts = 20_000;
export const arrivingPosts = 2_000;
const users = 2_000;
const queriesPerKind = 200;
const queryWindowPosts = 200;

export const shardKeyChoices: readonly { column: Column; label: string; canChange: boolean }[] = [
  { column: 'userId', label: 'User id', canChange: false },
  { column: 'createdAt', label: 'Creation time', canChange: false },
  // A user who moves abroad changes country, and every one of their posts would have to change shard.
  { column: 'country', label: 'Country', canChange: true },
];

export type Placement = 'hash' | 'range';
export const placementChoices: readonly { placement: Placement; label: string }[] = [
  { placement: 'hash', label: 'Hash of the key' },
  { placement: 'range', label: 'Ranges of the key' },
];

export const queryKinds = ['posts by one user', 'posts in a time window', 'posts from one country'] as const;
export type QueryKind = (typeof queryKinds)[number];

export interface ChooserData {
  /** The table as it stands; shard layouts are computed from these rows. */
  existing: Row[];
  /** New posts, all created after every existing one. */
  arriving: Row[];
  queries: Record<QueryKind, Query[]>;
}

export function buildChooserData(): ChooserData {
  const rows = sampleRows(new Random(7), users, (existingPosts + arrivingPosts) / users);
  const existing = rows.slice(0, existingPosts);
  const arriving = rows.slice(existingPosts);
  const random = new Random(8);
  const times = existing.map((row) => row.createdAt).sort();
  const queries: Record<QueryKind, Query[]> = {
    'posts by one user': Array.from({ length: queriesPerKind }, () => ({
      column: 'userId',
      equals: random.pick(existing).userId,
    })),
    'posts in a time window': Array.from({ length: queriesPerKind }, () => {
      const start = random.int(0, times.length - queryWindowPosts);
      return { column: 'createdAt', from: times[start]!, to: times[start + queryWindowPosts - 1]! };
    }),
    'posts from one country': Array.from({ length: queriesPerKind }, () => ({
      column: 'country',
      equals: random.pick(existing).country,
    })),
  };
  return { existing, arriving, queries };
}

export interface ShardKeyOutcome {
  /** Mean shards asked per query, out of shardCount. */
  shardsAsked: Record<QueryKind, number>;
  distinctValues: number;
  /** Rows on the fullest shard ÷ the mean rows per shard (1 is perfectly even). */
  dataImbalance: number;
  /** Share of the arriving posts that land on the shard receiving the most of them (1 / shardCount is even). */
  newPostsOnBusiestShard: number;
  canChange: boolean;
}

export function measureShardKey(data: ChooserData, column: Column, placement: Placement): ShardKeyOutcome {
  const layout = layoutFor(data.existing, column, placement, shardCount);
  const report = evaluateShardKey(data.existing, layout, data.queries);
  const newPerShard = new Array<number>(shardCount).fill(0);
  for (const row of data.arriving) newPerShard[shardOfValue(layout, row[column])]!++;
  return {
    shardsAsked: Object.fromEntries(
      queryKinds.map((kind) => [kind, report.queries[kind]!.meanShardsTouched]),
    ) as Record<QueryKind, number>,
    distinctValues: new Set(data.existing.map((row) => row[column])).size,
    dataImbalance: report.dataImbalance,
    newPostsOnBusiestShard: Math.max(...newPerShard) / data.arriving.length,
    canChange: shardKeyChoices.find((choice) => choice.column === column)!.canChange,
  };
}

/** Query fan-out in words: "1 of 8 shards", "1.1 of 8 shards on average". */
export function formatShardsAsked(mean: number): string {
  return Number.isInteger(mean)
    ? `${mean} of ${shardCount} shards`
    : `${mean.toFixed(1)} of ${shardCount} shards on average`;
}

/** The outcome in plain words: what this choice does well and what it costs. */
export function summarizeOutcome(outcome: ShardKeyOutcome): { strengths: string[]; costs: string[] } {
  const strengths: string[] = [];
  const costs: string[] = [];
  for (const kind of queryKinds) {
    const asked = outcome.shardsAsked[kind];
    if (asked <= 2) strengths.push(`Queries for ${kind} ask ${formatShardsAsked(asked)}.`);
    else costs.push(`Queries for ${kind} ask every shard (scatter-gather).`);
  }
  if (outcome.dataImbalance > 1.5)
    costs.push(
      `Shards are lopsided: the fullest holds ${outcome.dataImbalance.toFixed(1)} times the average.`,
    );
  else strengths.push('Rows are spread evenly over the shards.');
  if (outcome.newPostsOnBusiestShard > 0.5)
    costs.push(
      `${Math.round(outcome.newPostsOnBusiestShard * 100)}% of new posts land on one shard: a write hot spot.`,
    );
  else strengths.push('New posts spread over the shards.');
  if (outcome.canChange)
    costs.push('The key can change, and a row whose key changes must move to another shard.');
  return { strengths, costs };
}
