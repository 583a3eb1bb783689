/**
 * Choosing a shard key: for a table of rows and a mix of queries, how many shards does each query
 * have to touch? A query that filters on the shard key goes to one shard (or, for a range of a
 * range-sharded key, the few shards covering it); any other query is a scatter-gather to every shard.
 */
import type { Random } from '../../core/random';
import { hash32 } from '../shared/hashing';
import { evenBoundaries, imbalance, rangeIndex } from './strategies';

export interface Row {
  userId: string;
  /** Creation time, zero-padded so string order is time order. */
  createdAt: string;
  country: string;
}

export type Column = keyof Row;

export interface ShardLayout {
  column: Column;
  /** hash: shard = hash(value) mod count. range: contiguous value ranges with equal row counts. */
  method: 'hash' | 'range';
  shards: number;
  /** Range split points (range layouts only). */
  boundaries: string[];
}

export type Query = { column: Column; equals: string } | { column: Column; from: string; to: string };

export const countries = ['US', 'IN', 'BR', 'DE', 'GB', 'FR', 'JP', 'NG', 'MX', 'CA'] as const;

/** Rows for `users` users, each with a few posts over time; countries are skewed (the first countries are larger). */
export function sampleRows(random: Random, users: number, rowsPerUser: number): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < users * rowsPerUser; i++) {
    const user = random.int(0, users - 1);
    // Squaring a uniform draw favours the first countries: US gets about 32% of rows, CA about 5%.
    const country =
      countries[Math.min(countries.length - 1, Math.floor(random.float() ** 2 * countries.length))]!;
    rows.push({
      userId: `user${String(user).padStart(6, '0')}`,
      createdAt: String(i).padStart(9, '0'),
      country,
    });
  }
  return rows;
}

export function layoutFor(
  rows: readonly Row[],
  column: Column,
  method: 'hash' | 'range',
  shards: number,
): ShardLayout {
  const boundaries = method === 'range' ? evenBoundaries(rows.map((row) => row[column]).sort(), shards) : [];
  return { column, method, shards, boundaries };
}

export function shardOfValue(layout: ShardLayout, value: string): number {
  return layout.method === 'hash' ? hash32(value) % layout.shards : rangeIndex(layout.boundaries, value);
}

/** The shards a query must ask. */
export function shardsTouched(layout: ShardLayout, query: Query): number[] {
  const all = Array.from({ length: layout.shards }, (_, shard) => shard);
  if (query.column !== layout.column) return all;
  if ('equals' in query) return [shardOfValue(layout, query.equals)];
  if (layout.method === 'hash') return all;
  const first = rangeIndex(layout.boundaries, query.from);
  const last = rangeIndex(layout.boundaries, query.to);
  return all.slice(first, last + 1);
}

export interface ShardKeyReport {
  layout: ShardLayout;
  /** Per query label: the mean number of shards touched and the share of queries that hit one shard. */
  queries: Record<string, { meanShardsTouched: number; singleShardShare: number }>;
  /** Rows on the fullest shard ÷ mean rows per shard. */
  dataImbalance: number;
}

/** Compares one layout over labelled query sets. */
export function evaluateShardKey(
  rows: readonly Row[],
  layout: ShardLayout,
  queries: Readonly<Record<string, readonly Query[]>>,
): ShardKeyReport {
  const rowsPerShard = new Array<number>(layout.shards).fill(0);
  for (const row of rows) rowsPerShard[shardOfValue(layout, row[layout.column])]!++;
  const report: ShardKeyReport['queries'] = {};
  for (const [label, list] of Object.entries(queries)) {
    const touched = list.map((query) => shardsTouched(layout, query).length);
    report[label] = {
      meanShardsTouched: touched.reduce((sum, count) => sum + count, 0) / touched.length,
      singleShardShare: touched.filter((count) => count === 1).length / touched.length,
    };
  }
  return { layout, queries: report, dataImbalance: imbalance(rowsPerShard) };
}
