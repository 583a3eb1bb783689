/**
 * What each scenario shows, asserted by running it, and the same requests under the other isolation
 * levels: the anomaly appears exactly where the level allows it.
 */
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../checkers';
import type { NodeState } from '../../core/types';
import { createSimulation } from '../../catalog/resolve';
import type { IsolationDurable, IsolationLevel } from './protocol';

function run(id: string, isolation?: IsolationLevel) {
  const sim = createSimulation(id, isolation ? { params: { isolation } } : {}, {
    checkInvariants: true,
  }).run();
  const value = (node: string, key: string) => {
    const { durable } = sim.node(node).state as NodeState<IsolationDurable, unknown>;
    const versions = durable.versions[key]!;
    return versions[versions.length - 1]!.value;
  };
  const failing = runChecks(sim)
    .filter((check) => !check.ok)
    .map((check) => check.name);
  const replies = sim.world.history.map((op) => ({
    type: op.type,
    ok: op.ok,
    value: op.value,
    error: op.error,
  }));
  return { sim, value, failing, replies };
}

describe('isolation scenarios', () => {
  it('write skew: under snapshot isolation both doctors go off call, and the checker names the G2 cycle', () => {
    const { value, failing, replies, sim } = run('isolation/write-skew');
    expect([value('n2', 'alice'), value('n3', 'bob')]).toEqual(['off', 'off']);
    expect(replies.every((reply) => reply.ok)).toBe(true);
    expect(failing).toEqual(['serializable']);
    const detail = runChecks(sim).find((check) => check.name === 'serializable')!;
    expect(detail.detail).toMatch(
      /^write skew \(G2\): T\d read bob = on \(its initial value\) before T\d overwrote it with off \(rw\)/,
    );
    expect(detail.operations).toHaveLength(2);
  });

  it('write skew: under serializable (2PL) one doctor stays on call and nothing is flagged', () => {
    const { value, failing, replies } = run('isolation/write-skew-serializable');
    expect([value('n2', 'alice'), value('n3', 'bob')].filter((state) => state === 'on')).toHaveLength(1);
    expect(replies.filter((reply) => reply.ok)).toHaveLength(1);
    expect(replies.find((reply) => !reply.ok)!.error).toMatch(/refused: only 1 doctor is on call/);
    expect(failing).toEqual([]);
  });

  it('lost update: read committed loses an acknowledged deposit; snapshot isolation and serializable lose none', () => {
    const readCommitted = run('isolation/lost-update');
    expect(readCommitted.value('n2', 'alice')).toBe(130);
    expect(readCommitted.replies.every((reply) => reply.ok)).toBe(true);
    expect(readCommitted.failing).toEqual(['snapshot-isolation', 'serializable']);
    const snapshot = run('isolation/lost-update', 'snapshot-isolation');
    expect(snapshot.value('n2', 'alice')).toBe(180);
    expect(snapshot.replies.every((reply) => reply.ok)).toBe(true);
    expect(snapshot.failing).toEqual([]);
    // No-wait locking: the slow deposit's read lock keeps aborting the fast one, which gives up and says so.
    const serializable = run('isolation/lost-update', 'serializable');
    expect(serializable.replies.map((reply) => reply.ok)).toEqual([false, true]);
    expect(serializable.replies[0]!.error).toMatch(
      /^deposit 50 to alice aborted 5 times; last: alice is (read-locked|locked for writing) by #2$/,
    );
    expect(serializable.value('n2', 'alice')).toBe(130);
    expect(serializable.failing).toEqual([]);
  });

  it('read skew: under read committed the audit reports 230 from 200; under snapshot isolation it reports 200', () => {
    const readCommitted = run('isolation/read-skew');
    expect(readCommitted.replies.find((reply) => reply.type === 'audit')!.value).toBe(230);
    expect(readCommitted.failing).toEqual(['snapshot-isolation', 'serializable']);
    const snapshot = run('isolation/read-skew', 'snapshot-isolation');
    expect(snapshot.replies.find((reply) => reply.type === 'audit')!.value).toBe(200);
    expect(snapshot.failing).toEqual([]);
  });

  it('refuses a request it cannot run, saying what is missing', () => {
    const sim = createSimulation(
      {
        id: 'test/bad-request',
        title: 'Bad request',
        description: 'A transfer without an amount, and a read of a key no shard holds.',
        protocol: 'isolation',
        nodes: 3,
        script: [
          {
            at: 10,
            client: 'c1',
            node: 'n1',
            op: 'transfer',
            key: 'alice',
            options: { from: 'alice', to: 'bob' },
          },
          { at: 10, client: 'c2', node: 'n1', op: 'read', key: 'carol' },
        ],
        durationMs: 500,
      },
      {},
    ).run();
    expect(sim.world.history.map((op) => op.error)).toEqual([
      expect.stringMatching(/a transfer needs options \{ from, to, amount \}/),
      'no shard holds carol; add it to params.placement',
    ]);
  });
});
