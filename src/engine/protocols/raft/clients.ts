/**
 * Client interaction (§8): followers redirect to the leader; the leader puts writes, CAS and (in "log"
 * mode) reads through the log and answers once the entry is applied; in "readIndex" mode it answers reads
 * after confirming its leadership with a heartbeat round. Retries are deduplicated by (client, request id).
 */
import type { ClientRequest } from '../../core/types';
import type { RaftContext } from './election';
import { majority } from './log';
import { appendEntry, broadcastAppendEntries } from './replication';
import { staleRequestOutcome } from './stateMachine';
import type { ClientCommand, Outcome, RaftState } from './types';

export function handleClientRequest(ctx: RaftContext, state: RaftState, request: ClientRequest): void {
  const { volatile } = state;
  if (volatile.role !== 'leader') {
    const leaderId = volatile.leaderId;
    if (leaderId) ctx.reply(request.id, { ok: false, error: `${ctx.self} is not the leader; ${leaderId} is`, redirectTo: leaderId });
    else ctx.reply(request.id, { ok: false, error: `${ctx.self} is not the leader and knows of none yet` });
    return;
  }
  const command = toCommand(request);
  if (!command) {
    ctx.reply(request.id, { ok: false, error: `Raft's key-value store supports read, write and cas, not "${request.op}"` });
    return;
  }
  if (command.op === 'read' && ctx.params.reads === 'readIndex') {
    startReadIndexRead(ctx, state, request);
    return;
  }

  const leader = volatile.leader!;
  const session = volatile.machine.sessions[request.client];
  if (session && request.id <= session.requestId) {
    ctx.reply(request.id, request.id === session.requestId ? session.outcome : staleRequestOutcome);
    return;
  }
  const alreadyInLog = Object.values(leader.pendingEntries).some((pending) => pending.requestId === request.id);
  if (alreadyInLog) return; // the reply comes when that entry is applied
  // Registered before appending: in a one-node cluster the entry commits and is applied inside appendEntry.
  leader.pendingEntries[state.durable.log.length + 1] = { requestId: request.id, op: command.op };
  appendEntry(ctx, state, command);
  broadcastAppendEntries(ctx, state);
}

function toCommand(request: ClientRequest): ClientCommand | null {
  const { client, key, id: requestId } = request;
  switch (request.op) {
    case 'read':
      return { op: 'read', key, client, requestId };
    case 'write':
      return { op: 'write', key, value: request.value ?? null, client, requestId };
    case 'cas':
      return { op: 'cas', key, expected: request.expected ?? null, value: request.value ?? null, client, requestId };
    default:
      return null;
  }
}

/** Called by the leader as it applies each entry: answers the client waiting for it, if any. */
export function answerAppliedEntry(ctx: RaftContext, state: RaftState, index: number, outcome: Outcome): void {
  const leader = state.volatile.leader!;
  const pending = leader.pendingEntries[index];
  if (!pending) return;
  delete leader.pendingEntries[index];
  ctx.reply(pending.requestId, outcome);
}

/**
 * ReadIndex (§8): the read may return the state as of max(commitIndex, this term's no-op) once a majority
 * has acknowledged a heartbeat sent after the read arrived, proving no newer leader had taken over.
 */
function startReadIndexRead(ctx: RaftContext, state: RaftState, request: ClientRequest): void {
  const { volatile } = state;
  const leader = volatile.leader!;
  const readIndex = Math.max(volatile.commitIndex, leader.termStartIndex);
  const round = broadcastAppendEntries(ctx, state);
  leader.pendingReads.push({ requestId: request.id, key: request.key, readIndex, round });
  serveReadyReads(ctx, state);
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
      ctx.reply(pending.requestId, { ok: false, error: `${ctx.self} lost leadership before the read was applied` });
    } else {
      ctx.reply(pending.requestId, {
        ok: false,
        indeterminate: true,
        error: `${ctx.self} lost leadership before entry ${index} committed; it may still commit`,
      });
    }
  }
  for (const read of leader.pendingReads) {
    ctx.reply(read.requestId, { ok: false, error: `${ctx.self} lost leadership before it could confirm the read` });
  }
  leader.pendingEntries = {};
  leader.pendingReads = [];
}
