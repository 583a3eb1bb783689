import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../testing/context';
import type { NodeState } from '../../core/types';
import {
  multiLeaderParamsSchema,
  multiLeaderProtocol as protocol,
  type MultiLeaderDurable,
  type MultiLeaderMessage,
  type MultiLeaderParams,
  type MultiLeaderVolatile,
} from './protocol';

const nodes = ['us-east', 'eu-west', 'ap-northeast'];

function setup(resolution: MultiLeaderParams['resolution'], self = 'us-east', now = 1000) {
  const params = multiLeaderParamsSchema.parse({ resolution });
  const durable = protocol.initDurable({ self, nodes, params });
  const state: NodeState<MultiLeaderDurable, MultiLeaderVolatile> = {
    durable,
    volatile: protocol.initVolatile({ self, nodes, params }, durable),
  };
  const context = () =>
    createTestContext<MultiLeaderParams, MultiLeaderMessage>({
      self,
      nodes,
      params,
      clock: { now, earliest: now, latest: now },
    });
  return { state, context };
}

describe('multi-leader handlers', () => {
  it('acknowledges a write at once and pushes the key to every other region', () => {
    const { state, context } = setup('lww');
    const ctx = context();
    protocol.onClientRequest(ctx, state, { id: 1, client: 'c1', op: 'write', key: 'x', value: 7 });
    expect(ctx.replies()).toEqual([{ requestId: 1, reply: { ok: true } }]);
    expect(ctx.sent().map(({ to, message }) => [to, message.type])).toEqual([
      ['eu-west', 'update'],
      ['ap-northeast', 'update'],
    ]);
    expect(protocol.describeNode(state, true).kv).toEqual({ x: 7 });
  });

  it('answers a digest with the keys the peer lacks and asks for the keys it lacks', () => {
    const { state, context } = setup('g-counter');
    protocol.onClientRequest(context(), state, { id: 1, client: 'c1', op: 'increment', key: 'mine' });
    const ctx = context();
    protocol.onMessage(ctx, state, 'eu-west', { type: 'digest', vectors: { theirs: { 'eu-west': 2 } } });
    const [reply] = ctx.sent();
    expect(reply?.to).toBe('eu-west');
    expect(reply?.message).toMatchObject({ type: 'entries', want: ['theirs'] });
    expect(Object.keys((reply?.message as Extract<MultiLeaderMessage, { type: 'entries' }>).entries)).toEqual(
      ['mine'],
    );
  });

  it('stays silent on a digest when both sides hold the same history', () => {
    const { state, context } = setup('g-counter');
    protocol.onClientRequest(context(), state, { id: 1, client: 'c1', op: 'increment', key: 'k' });
    const ctx = context();
    protocol.onMessage(ctx, state, 'eu-west', { type: 'digest', vectors: { k: { 'us-east': 1 } } });
    expect(ctx.sent()).toEqual([]);
    expect(protocol.describeNode(state, true).details?.['pending sync → eu-west']).toBe(0);
  });

  it('notes a last-writer-wins write that loses at once to a stored value with a later timestamp', () => {
    const ahead = setup('lww', 'eu-west', 1500);
    protocol.onClientRequest(ahead.context(), ahead.state, {
      id: 1,
      client: 'c1',
      op: 'write',
      key: 'x',
      value: 1,
    });
    const entry = ahead.state.durable.store.x!;
    const behind = setup('lww', 'us-east', 1200);
    protocol.onMessage(behind.context(), behind.state, 'eu-west', { type: 'update', key: 'x', entry });
    const ctx = behind.context();
    protocol.onClientRequest(ctx, behind.state, { id: 2, client: 'c2', op: 'write', key: 'x', value: 2 });
    expect(ctx.replies()[0]?.reply.ok).toBe(true);
    expect(protocol.describeNode(behind.state, true).kv).toEqual({ x: 1 });
    expect(behind.state.durable.discardedWrites).toBe(1);
    expect(ctx.effects.find((effect) => effect.kind === 'note')).toMatchObject({
      text: expect.stringMatching(/acknowledged write 2 to x/),
    });
  });

  it('rejects an operation the resolution does not support, naming the ones it does', () => {
    const { state, context } = setup('g-counter');
    const ctx = context();
    protocol.onClientRequest(ctx, state, { id: 1, client: 'c1', op: 'write', key: 'x', value: 3 });
    expect(ctx.replies()[0]?.reply).toEqual({
      ok: false,
      error: 'with g-counter resolution a key supports read, increment, not write',
    });
  });

  it('asks for at least two regions', () => {
    const params = multiLeaderParamsSchema.parse({});
    expect(protocol.checkParams?.(params, ['us-east'])).toEqual([
      'nodes: multi-leader replication needs at least two nodes (got 1)',
    ]);
  });
});
