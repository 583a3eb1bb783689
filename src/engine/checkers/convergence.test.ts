import { describe, expect, it } from 'vitest';
import { compareReplicas, describeDifference, type ReplicaValue } from './convergence';

const replicas = (entries: Record<string, Record<string, ReplicaValue>>) => new Map(Object.entries(entries));

describe('convergence', () => {
  it('finds no difference between replicas holding the same data, sibling order aside', () => {
    expect(compareReplicas(replicas({ n1: { x: 1, y: [2, 3] }, n2: { y: [3, 2], x: 1 } }))).toEqual([]);
    expect(compareReplicas(replicas({}))).toEqual([]);
  });

  it('names each key that differs with every replica’s value, a missing key included', () => {
    const differences = compareReplicas(replicas({ n1: { x: 1, y: 2 }, n2: { x: 1, y: 3 }, n3: { x: 1 } }));
    expect(differences).toEqual([{ key: 'y', values: { n1: 2, n2: 3, n3: undefined } }]);
    expect(describeDifference(differences[0]!)).toBe('y: n1=2, n2=3, n3=missing');
  });

  it('tells a number from the same digits as a string, and null from a missing key', () => {
    expect(compareReplicas(replicas({ n1: { x: 1 }, n2: { x: '1' } }))).toHaveLength(1);
    expect(compareReplicas(replicas({ n1: { x: null }, n2: {} }))).toHaveLength(1);
  });
});
