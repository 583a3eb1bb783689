import type { ScenarioInput } from '../../core/schema';
import { regionNodes, threeRegions } from '../shared/regionNodes';

type ScriptLine = NonNullable<ScenarioInput['script']>[number];

/** The partition every conflict scenario uses: us-east alone against Europe and Asia, healed later. */
const partitionUsEast = (from: number, to: number): ScenarioInput['faults'] => [
  { at: from, partition: [['us-east'], ['eu-west', 'ap-northeast']] },
  { at: to, heal: true },
];

/**
 * One update every `everyMs` from each region's application, staggered so regions do not act in the
 * same millisecond, between `fromMs` (inclusive) and `toMs` (exclusive).
 */
export function updatesFromEachRegion(options: {
  op: string;
  key: string;
  everyMs: number;
  fromMs: number;
  toMs: number;
  regions?: readonly string[];
  value?: number | string;
}): ScriptLine[] {
  const regions = options.regions ?? threeRegions;
  const lines: ScriptLine[] = [];
  regions.forEach((region, index) => {
    const phase = Math.round((index * options.everyMs) / regions.length);
    for (let at = options.fromMs + phase; at < options.toMs; at += options.everyMs) {
      lines.push({
        at,
        client: `${region}-app`,
        node: region,
        op: options.op,
        key: options.key,
        ...(options.value !== undefined ? { value: options.value } : {}),
      });
    }
  });
  return lines.sort((a, b) => a.at - b.at);
}

const counterScript = (op: string) =>
  updatesFromEachRegion({ op, key: 'likes', everyMs: 200, fromMs: 500, toMs: 8000 });

/** A cart edited on both sides of a partition: one side removes an item and the other adds one. */
const cartScript: ScriptLine[] = [
  { at: 500, client: 'alice', node: 'us-east', op: 'add', key: 'cart', value: 'book' },
  { at: 600, client: 'alice', node: 'us-east', op: 'add', key: 'cart', value: 'cup' },
  { at: 1500, client: 'alice', node: 'us-east', op: 'remove', key: 'cart', value: 'book' },
  { at: 1600, client: 'bob', node: 'eu-west', op: 'add', key: 'cart', value: 'pen' },
  { at: 1700, client: 'alice', node: 'us-east', op: 'remove', key: 'cart', value: 'cup' },
  { at: 1800, client: 'bob', node: 'eu-west', op: 'add', key: 'cart', value: 'cup' },
  { at: 5000, client: 'alice', node: 'us-east', op: 'read', key: 'cart' },
  { at: 5000, client: 'bob', node: 'eu-west', op: 'read', key: 'cart' },
];

/** Background traffic for the register scenarios: clients spread over the regions writing and reading. */
const registerWorkload = (options: {
  clients: number;
  keys: number;
  writeShare: number;
  stopMs: number;
}): ScenarioInput['workload'] => ({
  clients: options.clients,
  ratePerClient: 5,
  mix: { read: 1 - options.writeShare, write: options.writeShare, cas: 0 },
  keys: { count: options.keys, distribution: 'uniform', zipfExponent: 1.1, hotShare: 0.8, prefix: 'k' },
  target: 'home',
  timeoutMs: 1000,
  startMs: 0,
  stopMs: options.stopMs,
});

export const multiLeaderScenarios: ScenarioInput[] = [
  {
    id: 'multileader/lww-partition',
    title: 'Last-writer-wins across a partition',
    description:
      'Every region keeps accepting writes while us-east is cut off; after the heal anti-entropy reconciles the regions and last-writer-wins keeps one side of every key written on both sides, discarding the other.',
    protocol: 'multileader',
    checks: ['convergence'],
    params: { resolution: 'lww' },
    nodes: regionNodes(threeRegions),
    workload: registerWorkload({ clients: 3, keys: 3, writeShare: 0.6, stopMs: 8000 }),
    faults: partitionUsEast(2000, 6000),
    durationMs: 10_000,
  },
  {
    id: 'multileader/lww-clock-skew',
    title: 'Last-writer-wins with a clock running ahead',
    description:
      "eu-west's clock runs 500 ms ahead, so writes other regions make in the half second after an eu-west write carry older timestamps: they are acknowledged and then silently lose to the earlier write.",
    protocol: 'multileader',
    checks: ['convergence'],
    params: { resolution: 'lww' },
    nodes: regionNodes(threeRegions, { 'eu-west': 500 }),
    workload: registerWorkload({ clients: 6, keys: 10, writeShare: 0.8, stopMs: 8000 }),
    durationMs: 10_000,
  },
  {
    id: 'multileader/lww-counter',
    title: 'A counter kept in a last-writer-wins register',
    description:
      'Each region increments a like counter by reading its copy and writing back one more; increments made concurrently in two regions, and all of one side’s increments during the partition, are lost, so the final count is below the number of increments.',
    protocol: 'multileader',
    checks: ['convergence'],
    params: { resolution: 'lww' },
    nodes: regionNodes(threeRegions),
    script: counterScript('increment'),
    faults: partitionUsEast(2000, 6000),
    durationMs: 10_000,
  },
  {
    id: 'multileader/g-counter',
    title: 'A counter kept in a G-Counter CRDT',
    description:
      'The same increments as the last-writer-wins counter, on a G-Counter: each region counts its own increments and merging takes each region’s maximum, so after the heal every region reads exactly the number of increments.',
    protocol: 'multileader',
    checks: ['convergence'],
    params: { resolution: 'g-counter' },
    nodes: regionNodes(threeRegions),
    script: counterScript('increment'),
    faults: partitionUsEast(2000, 6000),
    durationMs: 10_000,
  },
  {
    id: 'multileader/pn-counter',
    title: 'Likes and unlikes in a PN-Counter CRDT',
    description:
      'Regions add and withdraw likes on both sides of a partition; a PN-Counter keeps increments and decrements as two G-Counters, so after the heal every region reads increments minus decrements exactly.',
    protocol: 'multileader',
    checks: ['convergence'],
    params: { resolution: 'pn-counter' },
    nodes: regionNodes(threeRegions),
    script: [
      ...counterScript('increment'),
      ...updatesFromEachRegion({
        op: 'decrement',
        key: 'likes',
        everyMs: 600,
        fromMs: 700,
        toMs: 8000,
        regions: ['eu-west', 'ap-northeast'],
      }),
    ].sort((a, b) => a.at - b.at),
    faults: partitionUsEast(2000, 6000),
    durationMs: 10_000,
  },
  {
    id: 'multileader/siblings',
    title: 'Version vectors keep concurrent writes as siblings',
    description:
      'us-east and eu-west both write x while partitioned; their version vectors show neither saw the other, so after the heal a read returns both values as siblings, until a write that has seen both replaces them.',
    protocol: 'multileader',
    checks: ['convergence'],
    params: { resolution: 'siblings' },
    nodes: regionNodes(threeRegions),
    script: [
      { at: 500, client: 'alice', node: 'us-east', op: 'write', key: 'x', value: 'draft' },
      { at: 1500, client: 'alice', node: 'us-east', op: 'write', key: 'x', value: 'east edit' },
      { at: 1600, client: 'bob', node: 'eu-west', op: 'write', key: 'x', value: 'west edit' },
      { at: 4500, client: 'carol', node: 'ap-northeast', op: 'read', key: 'x' },
      { at: 5000, client: 'carol', node: 'ap-northeast', op: 'write', key: 'x', value: 'merged edit' },
      { at: 5500, client: 'alice', node: 'us-east', op: 'read', key: 'x' },
    ],
    faults: partitionUsEast(1000, 3000),
    durationMs: 7000,
  },
  {
    id: 'multileader/shopping-cart',
    title: 'A shopping cart merged by set union',
    description:
      'us-east removes the book while eu-west, partitioned, adds a pen; the application merges the sibling carts by union, so the pen is kept but the removed book comes back.',
    protocol: 'multileader',
    checks: ['convergence'],
    params: { resolution: 'cart-union' },
    nodes: regionNodes(threeRegions),
    script: cartScript,
    faults: partitionUsEast(1000, 3000),
    durationMs: 6000,
  },
  {
    id: 'multileader/or-set',
    title: 'The same cart as an OR-Set CRDT',
    description:
      'The same edits on an observed-remove set: the removed book stays removed because eu-west never re-added it, while the cup, removed in us-east but re-added concurrently in eu-west, stays (add wins).',
    protocol: 'multileader',
    checks: ['convergence'],
    params: { resolution: 'or-set' },
    nodes: regionNodes(threeRegions),
    script: cartScript,
    faults: partitionUsEast(1000, 3000),
    durationMs: 6000,
  },
];
