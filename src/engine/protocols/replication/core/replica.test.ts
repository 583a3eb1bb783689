/** Handler-level tests of the shared replica: what one node does with one message. */
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../testing/context';
import { isAtLeastAsUpToDate, retryPointAfterMismatch, type LogEntry } from './log';
import { replicationParamsSchema, type ReplicationParams } from './params';
import {
  handleClientRequest,
  handleReplicationMessage,
  initReplicaDurable,
  initReplicaVolatile,
  type ReplicaState,
  type ReplicationMessage,
} from './replica';
import { downstreamOf, upstreamOf } from './topology';

const nodes = ['n1', 'n2', 'n3'];

function entries(epochs: number[]): LogEntry[] {
  return epochs.map((epoch, i) => ({
    index: i + 1,
    epoch,
    key: 'x',
    value: (i + 1) * 10 + epoch,
    writtenAt: 0,
  }));
}

function setup(self: string, overrides: Partial<ReplicationParams> = {}) {
  const params = replicationParamsSchema.parse(overrides);
  const ctx = createTestContext<ReplicationParams, ReplicationMessage>({ self, nodes, params });
  const state: ReplicaState = {
    durable: initReplicaDurable({ self, nodes, params }),
    volatile: initReplicaVolatile(),
  };
  return { ctx, state };
}

describe('the replication log', () => {
  it('compares logs by last epoch, then by length', () => {
    expect(isAtLeastAsUpToDate({ lastEpoch: 2, lastIndex: 3 }, { lastEpoch: 1, lastIndex: 9 })).toBe(true);
    expect(isAtLeastAsUpToDate({ lastEpoch: 1, lastIndex: 9 }, { lastEpoch: 2, lastIndex: 3 })).toBe(false);
    expect(isAtLeastAsUpToDate({ lastEpoch: 2, lastIndex: 3 }, { lastEpoch: 2, lastIndex: 3 })).toBe(true);
  });

  it('after a mismatch, retries from the end of a short log or before the whole conflicting epoch', () => {
    expect(retryPointAfterMismatch(entries([1, 1]), 5)).toBe(2);
    expect(retryPointAfterMismatch(entries([1, 1, 2, 2, 2]), 5)).toBe(2);
  });
});

describe('topologies', () => {
  const five = ['n1', 'n2', 'n3', 'n4', 'n5'];
  it('a star sends from the leader to everyone, a chain and a ring from each node to the next', () => {
    expect(downstreamOf('n1', 'n1', five, 'star')).toEqual(['n2', 'n3', 'n4', 'n5']);
    expect(downstreamOf('n2', 'n1', five, 'star')).toEqual([]);
    expect(downstreamOf('n3', 'n1', five, 'chain')).toEqual(['n4']);
    expect(downstreamOf('n5', 'n1', five, 'chain')).toEqual([]);
    expect(downstreamOf('n5', 'n1', five, 'ring')).toEqual(['n1']);
    expect(upstreamOf('n2', 'n1', five, 'chain')).toBe('n1');
  });

  it('the chain starts at the leader and wraps round the node list', () => {
    expect(downstreamOf('n3', 'n3', five, 'chain')).toEqual(['n4']);
    expect(downstreamOf('n5', 'n3', five, 'chain')).toEqual(['n1']);
    expect(downstreamOf('n2', 'n3', five, 'chain')).toEqual([]);
    expect(downstreamOf('n2', 'n3', five, 'ring')).toEqual(['n3']);
  });
});

describe('a follower receiving appends', () => {
  it('appends entries that continue its log and reports its new position', () => {
    const { ctx, state } = setup('n2');
    handleReplicationMessage(ctx, state, 'n1', {
      type: 'append',
      epoch: 1,
      leader: 'n1',
      epochStart: 1,
      prevIndex: 0,
      prevEpoch: 0,
      entries: entries([1, 1]),
    });
    expect(state.durable.log).toHaveLength(2);
    expect(state.durable.kv).toEqual({ x: 21 });
    expect(ctx.sent()).toEqual([
      { to: 'n1', message: { type: 'ack', epoch: 1, matchIndex: 2, positions: {} } },
    ]);
  });

  it('refuses an append that skips entries it lacks, and says where to resume', () => {
    const { ctx, state } = setup('n2');
    handleReplicationMessage(ctx, state, 'n1', {
      type: 'append',
      epoch: 1,
      leader: 'n1',
      epochStart: 1,
      prevIndex: 3,
      prevEpoch: 1,
      entries: entries([1, 1, 1, 1]).slice(3),
    });
    expect(state.durable.log).toHaveLength(0);
    expect(ctx.sent()).toEqual([{ to: 'n1', message: { type: 'mismatch', epoch: 1, retryAfter: 0 } }]);
  });

  it("rolls back what it holds beyond the new leader's start when it first syncs with a new epoch, noting acknowledged writes it loses", () => {
    const { ctx, state } = setup('n1');
    // n1 led epoch 1 and acknowledged entries 3 and 4, which never reached anyone else.
    state.durable.log = entries([1, 1, 1, 1]);
    state.durable.commitIndex = 4;
    state.durable.acknowledged = state.durable.log
      .slice(2)
      .map(({ index, epoch, key, value }) => ({ index, epoch, key, value }));
    // n2 was promoted in epoch 2 holding entries 1-2; its first append probes at index 2.
    handleReplicationMessage(ctx, state, 'n2', {
      type: 'append',
      epoch: 2,
      leader: 'n2',
      epochStart: 3,
      prevIndex: 2,
      prevEpoch: 1,
      entries: [],
    });
    expect(state.durable.role).toBe('follower');
    expect(state.durable.log).toHaveLength(2);
    expect(state.durable.synced).toEqual({ leader: 'n2', epoch: 2, epochStart: 3 });
    expect(
      ctx.effects
        .filter((effect) => effect.kind === 'note')
        .map((effect) => (effect as { text: string }).text),
    ).toEqual([
      'n1 stepped down: fenced: saw epoch 2 (leader n2)',
      "n1 rolled back 2 entries that are not on n2's log; 2 of them it had acknowledged to clients, and those writes are now lost",
    ]);
  });

  it('with epoch fencing, tells an old leader it is stale; without fencing, ignores a leader it does not follow', () => {
    const fenced = setup('n2');
    fenced.state.durable.epoch = 2;
    fenced.state.durable.leader = 'n3';
    const oldAppend: ReplicationMessage = {
      type: 'append',
      epoch: 1,
      leader: 'n1',
      epochStart: 1,
      prevIndex: 0,
      prevEpoch: 0,
      entries: entries([1]),
    };
    handleReplicationMessage(fenced.ctx, fenced.state, 'n1', oldAppend);
    expect(fenced.ctx.sent()).toEqual([{ to: 'n1', message: { type: 'stale', epoch: 2, leader: 'n3' } }]);
    expect(fenced.state.durable.log).toHaveLength(0);

    const unfenced = setup('n2', { fencing: 'none' });
    unfenced.state.durable.epoch = 2;
    unfenced.state.durable.leader = 'n3';
    handleReplicationMessage(unfenced.ctx, unfenced.state, 'n1', oldAppend);
    expect(unfenced.ctx.sent()).toEqual([]);
    expect(unfenced.state.durable.log).toHaveLength(0);
  });
});

describe('a leader', () => {
  it('in sync mode answers a write only once every follower holds it, and a stale reply makes it step down with the outcome unknown', () => {
    const { ctx, state } = setup('n1', { mode: 'sync' });
    handleClientRequest(ctx, state, { id: 7, client: 'c1', op: 'write', key: 'x', value: 5 });
    expect(ctx.replies()).toEqual([]);
    expect(ctx.sent().map((send) => send.to)).toEqual(['n2', 'n3']);
    handleReplicationMessage(ctx, state, 'n2', { type: 'ack', epoch: 1, matchIndex: 1, positions: {} });
    expect(ctx.replies()).toEqual([]);
    handleReplicationMessage(ctx, state, 'n3', { type: 'stale', epoch: 2, leader: 'n3' });
    expect(state.durable.role).toBe('follower');
    expect(ctx.replies()).toEqual([
      {
        requestId: 7,
        reply: { ok: false, error: 'n1 stepped down before the write was acknowledged', indeterminate: true },
      },
    ]);
  });

  it('keeps a write invisible to reads until it is acknowledged', () => {
    const { ctx, state } = setup('n1', { mode: 'semi-sync', semiSyncAcks: 1 });
    handleClientRequest(ctx, state, { id: 1, client: 'c1', op: 'write', key: 'x', value: 5 });
    handleClientRequest(ctx, state, { id: 2, client: 'c2', op: 'read', key: 'x' });
    handleReplicationMessage(ctx, state, 'n3', { type: 'ack', epoch: 1, matchIndex: 1, positions: {} });
    handleClientRequest(ctx, state, { id: 3, client: 'c2', op: 'read', key: 'x' });
    expect(ctx.replies()).toEqual([
      { requestId: 2, reply: { ok: true, value: null } },
      { requestId: 1, reply: { ok: true } },
      { requestId: 3, reply: { ok: true, value: 5 } },
    ]);
  });

  it('in a ring, drops its own entries coming back round and acknowledges them', () => {
    const { ctx, state } = setup('n1', { topology: 'ring' });
    state.durable.log = entries([1, 1]);
    handleReplicationMessage(ctx, state, 'n3', {
      type: 'append',
      epoch: 1,
      leader: 'n1',
      epochStart: 1,
      prevIndex: 0,
      prevEpoch: 0,
      entries: state.durable.log,
    });
    expect(state.durable.log).toHaveLength(2);
    expect(state.volatile.echoesDropped).toBe(2);
    expect(ctx.sent()).toEqual([
      { to: 'n3', message: { type: 'ack', epoch: 1, matchIndex: 2, positions: {} } },
    ]);
  });
});

describe('session tokens on a follower', () => {
  it('holds a read-your-writes read until the follower has the client’s write, then answers with the value', () => {
    const { ctx, state } = setup('n2', { readFrom: 'any', session: 'read-your-writes' });
    handleClientRequest(ctx, state, {
      id: 4,
      client: 'c1',
      op: 'read',
      key: 'x',
      session: { written: 2, read: 0 },
    });
    expect(ctx.replies()).toEqual([]);
    handleReplicationMessage(ctx, state, 'n1', {
      type: 'append',
      epoch: 1,
      leader: 'n1',
      epochStart: 1,
      prevIndex: 0,
      prevEpoch: 0,
      entries: entries([1, 1]),
    });
    expect(ctx.replies()).toEqual([
      { requestId: 4, reply: { ok: true, value: 21, session: { written: 2, read: 2 } } },
    ]);
  });
});
