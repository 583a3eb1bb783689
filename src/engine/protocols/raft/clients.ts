/**
 * Client interaction (§8): followers redirect to the leader; the leader puts writes, CAS and (in "log"
 * mode) reads through the log and answers once the entry is applied; in "readIndex" mode it answers reads
 * after confirming its leadership with a heartbeat round. Retries are deduplicated by (client, request id).
 */
import type { ClientRequest } from '../../core/types';
import { appendEntry, broadcastAppendEntries } from './replication';
import { staleRequestOutcome } from './stateMachine';
import type { ClientCommand, RaftContext, RaftState } from './types';
import { serveReadyReads } from './waiting';

export function handleClientRequest(ctx: RaftContext, state: RaftState, request: ClientRequest): void {
  const { volatile } = state;
  if (volatile.role !== 'leader') {
    const leaderId = volatile.leaderId;
    if (leaderId)
      ctx.reply(request.id, {
        ok: false,
        error: `${ctx.self} is not the leader; ${leaderId} is`,
        redirectTo: leaderId,
      });
    else ctx.reply(request.id, { ok: false, error: `${ctx.self} is not the leader and knows of none yet` });
    return;
  }
  const command = toCommand(request);
  if (!command) {
    ctx.reply(request.id, {
      ok: false,
      error: `Raft's key-value store supports read, write and cas, not "${request.op}"`,
    });
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
  const alreadyInLog = Object.values(leader.pendingEntries).some(
    (pending) => pending.requestId === request.id,
  );
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
      return {
        op: 'cas',
        key,
        expected: request.expected ?? null,
        value: request.value ?? null,
        client,
        requestId,
      };
    default:
      return null;
  }
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
