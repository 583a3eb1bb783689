/** Figure 2, rule by rule, on one node's handlers (no engine): each test feeds a message and reads the effects. */
import { describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing/context';
import type { ClientRequest } from '../../core/types';
import { raftProtocol } from './protocol';
import {
  raftParamsSchema,
  type Command,
  type LogEntry,
  type RaftMessage,
  type RaftParams,
  type RaftState,
} from './types';

const nodes = ['n1', 'n2', 'n3', 'n4', 'n5'];

function context(
  self = 'n1',
  params: Partial<RaftParams> = {},
  clusterNodes = nodes,
): TestContext<RaftParams, RaftMessage> {
  return createTestContext<RaftParams, RaftMessage>({
    self,
    nodes: clusterNodes,
    params: raftParamsSchema.parse(params),
  });
}

function node(self = 'n1', durable: Partial<RaftState['durable']> = {}, clusterNodes = nodes): RaftState {
  const params = raftParamsSchema.parse({});
  const base = raftProtocol.initDurable({ self, nodes: clusterNodes, params });
  const full = { ...base, ...durable };
  return { durable: full, volatile: raftProtocol.initVolatile({ self, nodes: clusterNodes, params }, full) };
}

const noop: Command = { op: 'noop' };
const write = (key: string, value: number, requestId = value): Command => ({
  op: 'write',
  key,
  value,
  client: 'c1',
  requestId,
});
const entries = (...terms: number[]): LogEntry[] => terms.map((term) => ({ term, command: noop }));

function appendEntries(fields: Partial<Extract<RaftMessage, { type: 'AppendEntries' }>>): RaftMessage {
  return {
    type: 'AppendEntries',
    term: 1,
    leaderId: 'n2',
    prevLogIndex: 0,
    prevLogTerm: 0,
    entries: [],
    leaderCommit: 0,
    round: 1,
    ...fields,
  };
}

function onlyReply(ctx: TestContext<RaftParams, RaftMessage>) {
  const sent = ctx.sent();
  expect(sent).toHaveLength(1);
  return sent[0]!.message;
}

/** Makes `self` leader of `term` by granting it votes from a majority. */
function electLeader(self: string, state: RaftState, ctx = context(self)) {
  raftProtocol.onTimer(ctx, state, { kind: 'election' });
  const term = state.durable.currentTerm;
  for (const voter of nodes.filter((id) => id !== self).slice(0, 2)) {
    raftProtocol.onMessage(ctx, state, voter, { type: 'RequestVoteReply', term, voteGranted: true });
  }
  expect(state.volatile.role).toBe('leader');
  return ctx;
}

describe('elections', () => {
  it('a follower whose election timer fires becomes a candidate for the next term, votes for itself and asks everyone', () => {
    const state = node('n1', { currentTerm: 4, log: entries(1, 4) });
    const ctx = context();
    raftProtocol.onTimer(ctx, state, { kind: 'election' });
    expect(state.durable).toMatchObject({ currentTerm: 5, votedFor: 'n1' });
    expect(state.volatile.role).toBe('candidate');
    expect(ctx.sent().map((s) => s.to)).toEqual(['n2', 'n3', 'n4', 'n5']);
    expect(ctx.sent()[0]!.message).toEqual({
      type: 'RequestVote',
      term: 5,
      candidateId: 'n1',
      lastLogIndex: 2,
      lastLogTerm: 4,
    });
    expect(ctx.effects).toContainEqual({ kind: 'note', text: 'n1 started an election for term 5' });
  });

  it('election timeouts are drawn at random between the min and max', () => {
    const drawn = new Set<number>();
    for (let seed = 1; seed <= 30; seed++) {
      const ctx = createTestContext<RaftParams, RaftMessage>({
        self: 'n1',
        nodes,
        params: raftParamsSchema.parse({}),
        seed,
      });
      raftProtocol.onStart(ctx, node());
      const timer = ctx.effects.find((effect) => effect.kind === 'setTimer');
      expect(timer).toMatchObject({ timer: { kind: 'election' } });
      const afterMs = (timer as { afterMs: number }).afterMs;
      expect(afterMs).toBeGreaterThanOrEqual(150);
      expect(afterMs).toBeLessThanOrEqual(300);
      drawn.add(afterMs);
    }
    expect(drawn.size).toBeGreaterThan(20);
  });

  it('grants one vote per term and remembers it on disk', () => {
    const state = node('n3', { currentTerm: 1 });
    const ask = (candidateId: string): RaftMessage => ({
      type: 'RequestVote',
      term: 2,
      candidateId,
      lastLogIndex: 0,
      lastLogTerm: 0,
    });
    let ctx = context('n3');
    raftProtocol.onMessage(ctx, state, 'n1', ask('n1'));
    expect(onlyReply(ctx)).toEqual({ type: 'RequestVoteReply', term: 2, voteGranted: true });
    expect(state.durable.votedFor).toBe('n1');

    // After a crash, the durable vote still binds the node for term 2.
    const restarted: RaftState = {
      durable: state.durable,
      volatile: raftProtocol.initVolatile(
        { self: 'n3', nodes, params: raftParamsSchema.parse({}) },
        state.durable,
      ),
    };
    ctx = context('n3');
    raftProtocol.onMessage(ctx, restarted, 'n2', ask('n2'));
    expect(onlyReply(ctx)).toEqual({ type: 'RequestVoteReply', term: 2, voteGranted: false });
    ctx = context('n3');
    raftProtocol.onMessage(ctx, restarted, 'n1', ask('n1'));
    expect(onlyReply(ctx)).toMatchObject({ voteGranted: true }); // the same candidate asking again (a retry) gets it again
  });

  it('refuses a candidate whose log is less up-to-date: a lower last term, or the same last term and a shorter log', () => {
    const voter = () => node('n3', { currentTerm: 3, log: entries(1, 2, 3) });
    const cases = [
      { lastLogTerm: 2, lastLogIndex: 9, granted: false }, // longer log but older last term
      { lastLogTerm: 3, lastLogIndex: 2, granted: false }, // same last term, shorter
      { lastLogTerm: 3, lastLogIndex: 3, granted: true }, // identical
      { lastLogTerm: 4, lastLogIndex: 1, granted: true }, // newer last term wins even if shorter
    ];
    for (const { lastLogTerm, lastLogIndex, granted } of cases) {
      const ctx = context('n3');
      raftProtocol.onMessage(ctx, voter(), 'n1', {
        type: 'RequestVote',
        term: 4,
        candidateId: 'n1',
        lastLogIndex,
        lastLogTerm,
      });
      expect(onlyReply(ctx), `last term ${lastLogTerm}, last index ${lastLogIndex}`).toMatchObject({
        voteGranted: granted,
        term: 4,
      });
    }
  });

  it('refuses a candidate from an older term and tells it the newer term', () => {
    const state = node('n3', { currentTerm: 5 });
    const ctx = context('n3');
    raftProtocol.onMessage(ctx, state, 'n1', {
      type: 'RequestVote',
      term: 4,
      candidateId: 'n1',
      lastLogIndex: 0,
      lastLogTerm: 0,
    });
    expect(onlyReply(ctx)).toEqual({ type: 'RequestVoteReply', term: 5, voteGranted: false });
    expect(state.durable.votedFor).toBeNull();
  });

  it('a candidate with votes from a majority becomes leader, appends a no-op of its term and announces itself', () => {
    const state = node('n1', { currentTerm: 2, log: entries(1, 2) });
    const ctx = context();
    raftProtocol.onTimer(ctx, state, { kind: 'election' });
    raftProtocol.onMessage(ctx, state, 'n2', { type: 'RequestVoteReply', term: 3, voteGranted: true });
    raftProtocol.onMessage(ctx, state, 'n2', { type: 'RequestVoteReply', term: 3, voteGranted: true }); // a duplicate is one vote
    expect(state.volatile.role).toBe('candidate');
    raftProtocol.onMessage(ctx, state, 'n4', { type: 'RequestVoteReply', term: 3, voteGranted: true });
    expect(state.volatile.role).toBe('leader');
    expect(state.durable.log.at(-1)).toEqual({ term: 3, command: noop });
    expect(ctx.effects).toContainEqual({ kind: 'note', text: 'n1 became leader in term 3' });
    const appends = ctx.sent().filter((s) => s.message.type === 'AppendEntries');
    expect(appends.map((s) => s.to)).toEqual(['n2', 'n3', 'n4', 'n5']);
    expect(appends[0]!.message).toMatchObject({
      term: 3,
      prevLogIndex: 2,
      prevLogTerm: 2,
      entries: [{ term: 3, command: noop }],
    });
  });

  it('any message with a higher term makes a leader step down to follower', () => {
    const state = node('n1');
    const ctx = electLeader('n1', state);
    raftProtocol.onMessage(ctx, state, 'n3', { type: 'AppendEntriesReply', term: 7, outcome: 'stale-term' });
    expect(state.volatile.role).toBe('follower');
    expect(state.durable).toMatchObject({ currentTerm: 7, votedFor: null });
    expect(ctx.effects).toContainEqual({ kind: 'note', text: 'n1 stepped down: saw term 7' });
    expect(ctx.effects).toContainEqual({ kind: 'cancelTimer', timer: { kind: 'heartbeat' } });
  });

  it('a candidate that hears from a leader of its own term becomes its follower', () => {
    const state = node('n1');
    const ctx = context();
    raftProtocol.onTimer(ctx, state, { kind: 'election' });
    raftProtocol.onMessage(ctx, state, 'n2', appendEntries({ term: 1, leaderId: 'n2' }));
    expect(state.volatile).toMatchObject({ role: 'follower', leaderId: 'n2' });
    expect(state.durable.votedFor).toBe('n1'); // the vote it cast in term 1 stands
  });
});

describe('AppendEntries receiver', () => {
  it('rejects a request from an older term', () => {
    const state = node('n3', { currentTerm: 3 });
    const ctx = context('n3');
    raftProtocol.onMessage(ctx, state, 'n2', appendEntries({ term: 2 }));
    expect(onlyReply(ctx)).toEqual({ type: 'AppendEntriesReply', term: 3, outcome: 'stale-term' });
  });

  it('rejects when its log is too short for prevLogIndex, pointing the leader just past its end', () => {
    const state = node('n3', { currentTerm: 2, log: entries(1, 1) });
    const ctx = context('n3');
    raftProtocol.onMessage(ctx, state, 'n2', appendEntries({ term: 2, prevLogIndex: 5, prevLogTerm: 2 }));
    expect(onlyReply(ctx)).toMatchObject({ outcome: 'log-mismatch', conflictIndex: 3, conflictTerm: null });
    expect(state.durable.log).toHaveLength(2);
  });

  it('rejects when the term at prevLogIndex differs, naming that term and its first index (fast backtracking)', () => {
    const state = node('n3', { currentTerm: 4, log: entries(1, 2, 2, 2) });
    const ctx = context('n3');
    raftProtocol.onMessage(ctx, state, 'n2', appendEntries({ term: 4, prevLogIndex: 4, prevLogTerm: 3 }));
    expect(onlyReply(ctx)).toMatchObject({ outcome: 'log-mismatch', conflictTerm: 2, conflictIndex: 2 });
  });

  it('deletes a conflicting entry and everything after it, then appends the new entries', () => {
    const state = node('n3', { currentTerm: 2, log: entries(1, 2, 2, 2) });
    const ctx = context('n3');
    const fresh = [{ term: 3, command: write('x', 9) }];
    raftProtocol.onMessage(
      ctx,
      state,
      'n2',
      appendEntries({ term: 3, prevLogIndex: 2, prevLogTerm: 2, entries: fresh }),
    );
    expect(state.durable.log.map((entry) => entry.term)).toEqual([1, 2, 3]);
    expect(onlyReply(ctx)).toMatchObject({ outcome: 'appended', matchIndex: 3 });
  });

  it('keeps matching entries a late, shorter request does not mention', () => {
    const log = entries(1, 1, 1, 1);
    const state = node('n3', { currentTerm: 1, log: [...log] });
    const ctx = context('n3');
    raftProtocol.onMessage(
      ctx,
      state,
      'n2',
      appendEntries({ term: 1, prevLogIndex: 0, entries: log.slice(0, 2) }),
    );
    expect(state.durable.log).toHaveLength(4);
    expect(onlyReply(ctx)).toMatchObject({ outcome: 'appended', matchIndex: 2 });
  });

  it('commits up to min(leaderCommit, last new entry) and applies in order', () => {
    const state = node('n3', { currentTerm: 1 });
    const ctx = context('n3');
    const log: LogEntry[] = [
      { term: 1, command: noop },
      { term: 1, command: write('x', 1) },
      { term: 1, command: write('x', 2) },
    ];
    raftProtocol.onMessage(
      ctx,
      state,
      'n2',
      appendEntries({ prevLogIndex: 0, entries: log.slice(0, 2), leaderCommit: 3 }),
    );
    expect(state.volatile.commitIndex).toBe(2);
    expect(state.volatile.machine).toMatchObject({ lastApplied: 2, kv: { x: 1 } });
    raftProtocol.onMessage(
      ctx,
      state,
      'n2',
      appendEntries({ prevLogIndex: 2, prevLogTerm: 1, entries: log.slice(2), leaderCommit: 3 }),
    );
    expect(state.volatile.machine).toMatchObject({ lastApplied: 3, kv: { x: 2 } });
  });
});

describe('leader', () => {
  it("on a log mismatch jumps nextIndex past the follower's conflicting term, or to its hint", () => {
    const state = node('n1', { currentTerm: 5, log: entries(1, 1, 4, 4, 5) });
    const ctx = electLeader('n1', state); // term 6, no-op at 6
    const leader = state.volatile.leader!;
    raftProtocol.onMessage(ctx, state, 'n2', {
      type: 'AppendEntriesReply',
      term: 6,
      outcome: 'log-mismatch',
      conflictIndex: 3,
      conflictTerm: 4,
      round: 1,
    });
    expect(leader.nextIndex.n2).toBe(5); // the leader has term 4 up to index 4
    raftProtocol.onMessage(ctx, state, 'n3', {
      type: 'AppendEntriesReply',
      term: 6,
      outcome: 'log-mismatch',
      conflictIndex: 3,
      conflictTerm: 3,
      round: 1,
    });
    expect(leader.nextIndex.n3).toBe(3); // the leader has no term 3: start where the follower's term 3 starts
    raftProtocol.onMessage(ctx, state, 'n4', {
      type: 'AppendEntriesReply',
      term: 6,
      outcome: 'log-mismatch',
      conflictIndex: 2,
      conflictTerm: null,
      round: 1,
    });
    expect(leader.nextIndex.n4).toBe(2);
    const resent = ctx
      .sent()
      .filter((s) => s.to === 'n4')
      .at(-1)!.message;
    expect(resent).toMatchObject({ type: 'AppendEntries', prevLogIndex: 1, prevLogTerm: 1 });
  });

  it('commits an entry of its own term once a majority stores it', () => {
    const state = node('n1');
    const ctx = electLeader('n1', state); // term 1, no-op at index 1
    raftProtocol.onMessage(ctx, state, 'n2', {
      type: 'AppendEntriesReply',
      term: 1,
      outcome: 'appended',
      matchIndex: 1,
      round: 1,
    });
    expect(state.volatile.commitIndex).toBe(0);
    raftProtocol.onMessage(ctx, state, 'n3', {
      type: 'AppendEntriesReply',
      term: 1,
      outcome: 'appended',
      matchIndex: 1,
      round: 1,
    });
    expect(state.volatile.commitIndex).toBe(1);
  });

  it("does not commit an older term's entry by counting replicas, but commits it with an entry of its own term (Figure 8)", () => {
    const state = node('n1', { currentTerm: 2, log: entries(1, 2) });
    const ctx = electLeader('n1', state); // term 3, no-op at index 3
    for (const peer of ['n2', 'n3']) {
      raftProtocol.onMessage(ctx, state, peer, {
        type: 'AppendEntriesReply',
        term: 3,
        outcome: 'appended',
        matchIndex: 2,
        round: 1,
      });
    }
    expect(state.volatile.commitIndex).toBe(0); // index 2 (term 2) is on 3 of 5 nodes, yet not committed
    raftProtocol.onMessage(ctx, state, 'n2', {
      type: 'AppendEntriesReply',
      term: 3,
      outcome: 'appended',
      matchIndex: 3,
      round: 1,
    });
    raftProtocol.onMessage(ctx, state, 'n3', {
      type: 'AppendEntriesReply',
      term: 3,
      outcome: 'appended',
      matchIndex: 3,
      round: 1,
    });
    expect(state.volatile.commitIndex).toBe(3); // the no-op commits, and index 2 with it

    const unsafe = node('n1', { currentTerm: 2, log: entries(1, 2) });
    const unsafeCtx = electLeader('n1', unsafe, context('n1', { unsafeCommitOldTerms: true }));
    for (const peer of ['n2', 'n3']) {
      raftProtocol.onMessage(unsafeCtx, unsafe, peer, {
        type: 'AppendEntriesReply',
        term: 3,
        outcome: 'appended',
        matchIndex: 2,
        round: 1,
      });
    }
    expect(unsafe.volatile.commitIndex).toBe(2); // the bug
  });

  it('ignores a reply from an older term and a stale-term rejection of an old request', () => {
    const state = node('n1', { currentTerm: 3 });
    const ctx = electLeader('n1', state); // term 4
    raftProtocol.onMessage(ctx, state, 'n2', {
      type: 'AppendEntriesReply',
      term: 3,
      outcome: 'appended',
      matchIndex: 1,
      round: 99,
    });
    raftProtocol.onMessage(ctx, state, 'n3', { type: 'AppendEntriesReply', term: 4, outcome: 'stale-term' });
    expect(state.volatile.leader!.matchIndex).toMatchObject({ n2: 0, n3: 0 });
    expect(state.volatile.leader!.ackedRound).toMatchObject({ n2: 0, n3: 0 });
    expect(state.volatile.role).toBe('leader');
  });

  it('sends heartbeats on its heartbeat timer', () => {
    const state = node('n1');
    electLeader('n1', state);
    const ctx = context();
    raftProtocol.onTimer(ctx, state, { kind: 'heartbeat' });
    expect(ctx.sent()).toHaveLength(4);
    expect(ctx.effects).toContainEqual({ kind: 'setTimer', timer: { kind: 'heartbeat' }, afterMs: 50 });
  });
});

describe('clients', () => {
  const request = (fields: Partial<ClientRequest>): ClientRequest => ({
    id: 1,
    client: 'c1',
    op: 'write',
    key: 'x',
    value: 7,
    ...fields,
  });

  it('a follower redirects to the leader it knows, and plainly fails when it knows none', () => {
    const state = node('n3', { currentTerm: 1 });
    let ctx = context('n3');
    raftProtocol.onClientRequest(ctx, state, request({}));
    expect(ctx.replies()[0]!.reply).toEqual({
      ok: false,
      error: 'n3 is not the leader and knows of none yet',
    });
    raftProtocol.onMessage(context('n3'), state, 'n2', appendEntries({ term: 1, leaderId: 'n2' }));
    ctx = context('n3');
    raftProtocol.onClientRequest(ctx, state, request({}));
    expect(ctx.replies()[0]!.reply).toMatchObject({ ok: false, redirectTo: 'n2' });
  });

  it('the leader answers a write only after its entry is committed and applied', () => {
    const state = node('n1');
    const ctx = electLeader('n1', state);
    raftProtocol.onClientRequest(ctx, state, request({ id: 9 }));
    expect(state.durable.log.at(-1)).toMatchObject({
      term: 1,
      command: { op: 'write', key: 'x', value: 7, client: 'c1', requestId: 9 },
    });
    expect(ctx.replies()).toEqual([]);
    for (const peer of ['n2', 'n3']) {
      raftProtocol.onMessage(ctx, state, peer, {
        type: 'AppendEntriesReply',
        term: 1,
        outcome: 'appended',
        matchIndex: 2,
        round: 2,
      });
    }
    expect(ctx.replies()).toEqual([{ requestId: 9, reply: { ok: true } }]);
    expect(state.volatile.machine.kv).toEqual({ x: 7 });
  });

  it('applies a request at most once: a retry that was already applied gets the first outcome, and a duplicate entry is skipped', () => {
    const state = node('n1');
    const ctx = electLeader('n1', state);
    raftProtocol.onClientRequest(ctx, state, request({ id: 4, op: 'cas', expected: null, value: 1 }));
    for (const peer of ['n2', 'n3']) {
      raftProtocol.onMessage(ctx, state, peer, {
        type: 'AppendEntriesReply',
        term: 1,
        outcome: 'appended',
        matchIndex: 2,
        round: 2,
      });
    }
    const retry = context();
    raftProtocol.onClientRequest(retry, state, request({ id: 4, op: 'cas', expected: null, value: 1 }));
    expect(retry.replies()).toEqual([{ requestId: 4, reply: { ok: true } }]);
    expect(state.durable.log).toHaveLength(2); // not appended again

    // The same request in the log twice (e.g. re-proposed by a later leader) changes the store once.
    const follower = node('n2', { currentTerm: 1 });
    const cas: LogEntry = {
      term: 1,
      command: { op: 'cas', key: 'x', expected: null, value: 1, client: 'c1', requestId: 4 },
    };
    raftProtocol.onMessage(
      context('n2'),
      follower,
      'n1',
      appendEntries({ term: 1, leaderId: 'n1', entries: [cas, cas], leaderCommit: 2 }),
    );
    expect(follower.volatile.machine).toMatchObject({ lastApplied: 2, kv: { x: 1 } });
  });

  it('a leader that loses office answers pending writes "indeterminate", never success or failure', () => {
    const state = node('n1');
    const ctx = electLeader('n1', state);
    raftProtocol.onClientRequest(ctx, state, request({ id: 5 }));
    raftProtocol.onMessage(ctx, state, 'n2', appendEntries({ term: 2, leaderId: 'n2', prevLogIndex: 0 }));
    expect(ctx.replies()).toEqual([
      {
        requestId: 5,
        reply: {
          ok: false,
          indeterminate: true,
          error: 'n1 lost leadership before entry 2 committed; it may still commit',
        },
      },
    ]);
  });

  it('ReadIndex: a read waits for a heartbeat round acknowledged by a majority and for the no-op to be applied', () => {
    const state = node('n1');
    const ctx = electLeader('n1', state, context('n1', { reads: 'readIndex' }));
    const ack = (peer: string, round: number) =>
      raftProtocol.onMessage(ctx, state, peer, {
        type: 'AppendEntriesReply',
        term: 1,
        outcome: 'appended',
        matchIndex: 1,
        round,
      });
    raftProtocol.onClientRequest(ctx, state, request({ id: 3, op: 'read' }));
    expect(state.durable.log).toHaveLength(1); // the read is not in the log
    const round = state.volatile.leader!.round;
    ack('n2', round - 1); // acks of earlier rounds do not confirm leadership for this read
    ack('n3', round - 1);
    expect(state.volatile.commitIndex).toBe(1);
    expect(ctx.replies()).toEqual([]);
    ack('n2', round);
    expect(ctx.replies()).toEqual([]);
    ack('n3', round);
    expect(ctx.replies()).toEqual([{ requestId: 3, reply: { ok: true, value: null } }]);
  });

  it('a one-node cluster elects itself and commits on its own', () => {
    const solo = ['n1'];
    const state = node('n1', {}, solo);
    const ctx = context('n1', {}, solo);
    raftProtocol.onTimer(ctx, state, { kind: 'election' });
    expect(state.volatile.role).toBe('leader');
    raftProtocol.onClientRequest(ctx, state, request({ id: 2 }));
    expect(ctx.replies()).toEqual([{ requestId: 2, reply: { ok: true } }]);
    expect(state.volatile.commitIndex).toBe(2);
  });
});
