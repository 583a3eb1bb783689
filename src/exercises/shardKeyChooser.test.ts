import { describe, expect, it } from 'vitest';
import { buildChooserData, measureShardKey, shardCount, summarizeOutcome } from './shardKeyChooser';

const data = buildChooserData();

describe('the shard-key chooser in the partitioning lesson', () => {
  it('measures 20,000 existing posts by about 2,000 users and 2,000 newer ones', () => {
    expect(data.existing).toHaveLength(20_000);
    expect(data.arriving).toHaveLength(2_000);
    const newest = data.existing
      .map((row) => row.createdAt)
      .sort()
      .at(-1)!;
    expect(data.arriving.every((row) => row.createdAt > newest)).toBe(true);
  });

  it('by user id (hash): one shard per user lookup, every shard for time windows and countries, rows and new posts spread evenly', () => {
    const outcome = measureShardKey(data, 'userId', 'hash');
    expect(outcome.shardsAsked).toEqual({
      'posts by one user': 1,
      'posts in a time window': shardCount,
      'posts from one country': shardCount,
    });
    expect(outcome.distinctValues).toBeGreaterThan(1_900);
    expect(outcome.dataImbalance).toBeLessThan(1.2);
    expect(outcome.newPostsOnBusiestShard).toBeLessThan(0.2);
    expect(outcome.canChange).toBe(false);
  });

  it('by creation time (ranges): a time window asks one or two shards, but every new post goes to the last shard', () => {
    const outcome = measureShardKey(data, 'createdAt', 'range');
    expect(outcome.shardsAsked['posts in a time window']).toBeGreaterThanOrEqual(1);
    expect(outcome.shardsAsked['posts in a time window']).toBeLessThanOrEqual(2);
    expect(outcome.shardsAsked['posts by one user']).toBe(shardCount);
    expect(outcome.dataImbalance).toBeLessThan(1.05);
    expect(outcome.newPostsOnBusiestShard).toBe(1);
  });

  it('by creation time (hash): new posts spread, but even time windows scatter to every shard', () => {
    const outcome = measureShardKey(data, 'createdAt', 'hash');
    expect(outcome.shardsAsked['posts in a time window']).toBe(shardCount);
    expect(outcome.newPostsOnBusiestShard).toBeLessThan(0.2);
  });

  it('by country: one shard per country query, but ten values leave the fullest shard with over twice its share, and a country can change', () => {
    for (const placement of ['hash', 'range'] as const) {
      const outcome = measureShardKey(data, 'country', placement);
      expect(outcome.shardsAsked['posts from one country']).toBe(1);
      expect(outcome.distinctValues).toBe(10);
      expect(outcome.dataImbalance).toBeGreaterThan(2);
      expect(outcome.newPostsOnBusiestShard).toBeGreaterThan(0.25);
      expect(outcome.canChange).toBe(true);
    }
  });
});

describe('the chooser’s summary', () => {
  it('names the cheap queries, the scatter-gather ones and the hot spot', () => {
    expect(summarizeOutcome(measureShardKey(data, 'createdAt', 'range'))).toEqual({
      strengths: [
        'Queries for posts in a time window ask 1.1 of 8 shards on average.',
        'Rows are spread evenly over the shards.',
      ],
      costs: [
        'Queries for posts by one user ask every shard (scatter-gather).',
        'Queries for posts from one country ask every shard (scatter-gather).',
        '100% of new posts land on one shard: a write hot spot.',
      ],
    });
    const byCountry = summarizeOutcome(measureShardKey(data, 'country', 'hash'));
    expect(byCountry.strengths).toEqual([
      'Queries for posts from one country ask 1 of 8 shards.',
      'New posts spread over the shards.',
    ]);
    expect(byCountry.costs).toContain('Shards are lopsided: the fullest holds 2.6 times the average.');
    expect(byCountry.costs).toContain(
      'The key can change, and a row whose key changes must move to another shard.',
    );
  });
});
