/**
 * The clients a leader keeps waiting (§8): writes until their entry is applied, ReadIndex reads until a
 * heartbeat round confirms leadership. Answering them, and failing them honestly when leadership is lost.
 */
import { majority } from '../shared/majority';
import type { Outcome, RaftContext, RaftState } from './types';

/** Called by the leader as it applies each entry: answers the client waiting for it, if any. */
export function answerAppliedEntry(
  ctx: RaftContext,
  state: RaftState,
  index: number,
  outcome: Outcome,
): void {
  const leader = state.volatile.leader!;
  const pending = leader.pendingEntries[index];
  if (!pending) return;
  delete leader.pendingEntries[index];
  ctx.reply(pending.requestId, outcome);
}

export function serveReadyReads(ctx: RaftContext, state: RaftState): void {
  const { volatile } = state;
  const leader = volatile.leader;
  if (!leader || leader.pendingReads.length === 0) return;
  const acked = Object.values(leader.ackedRound);
  const needed = majority(ctx.nodes.length);
  leader.pendingReads = leader.pendingReads.filter((read) => {
    const confirmed = 1 + acked.filter((round) => round >= read.round).length >= needed;
    if (!confirmed || volatile.machine.lastApplied < read.readIndex) return true;
    ctx.reply(read.requestId, { ok: true, value: volatile.machine.kv[read.key] ?? null });
    return false;
  });
}

/**
 * A leader that loses office cannot know whether its uncommitted entries will commit under the next
 * leader, so writes get "indeterminate", never a false success or failure. A read has no effect, so
 * failing it is the truth.
 */
export function abandonClientRequests(ctx: RaftContext, state: RaftState): void {
  const leader = state.volatile.leader;
  if (!leader) return;
  for (const [index, pending] of Object.entries(leader.pendingEntries)) {
    if (pending.op === 'read') {
      ctx.reply(pending.requestId, {
        ok: false,
        error: `${ctx.self} lost leadership before the read was applied`,
      });
    } else {
      ctx.reply(pending.requestId, {
        ok: false,
        indeterminate: true,
        error: `${ctx.self} lost leadership before entry ${index} committed; it may still commit`,
      });
    }
  }
  for (const read of leader.pendingReads) {
    ctx.reply(read.requestId, {
      ok: false,
      error: `${ctx.self} lost leadership before it could confirm the read`,
    });
  }
  leader.pendingEntries = {};
  leader.pendingReads = [];
}
