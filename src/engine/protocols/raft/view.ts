/** What the visualizations see of a Raft node and its messages. */
import { logEntriesInView, type LogEntryView, type NodeView, type StoredState } from '../../core/types';
import { commandText } from './log';
import type { RaftDurable, RaftMessage, RaftVolatile } from './types';

export function describeRaftMessage(message: RaftMessage): string {
  switch (message.type) {
    case 'RequestVote':
      return `RequestVote t${message.term}`;
    case 'RequestVoteReply':
      return message.voteGranted ? `vote granted t${message.term}` : `vote denied t${message.term}`;
    case 'AppendEntries':
      return message.entries.length === 0
        ? `heartbeat t${message.term}`
        : `AppendEntries t${message.term} ×${message.entries.length}`;
    case 'AppendEntriesReply':
      return message.outcome === 'appended' ? `appended ≤${message.matchIndex}` : message.outcome;
  }
}

/** A crashed node shows only its disk; a paused one (up = false, memory intact) shows what it last believed. */
export function describeRaftNode(state: StoredState<RaftDurable, RaftVolatile>, _up: boolean): NodeView {
  const { durable, volatile } = state;
  const firstShown = Math.max(0, durable.log.length - logEntriesInView);
  const log: LogEntryView[] = durable.log
    .slice(firstShown)
    .map((entry, i) => ({ index: firstShown + i + 1, term: entry.term, text: commandText(entry.command) }));
  const details: Record<string, string | number | boolean> = { votedFor: durable.votedFor ?? '—' };
  if (!volatile) return { role: 'down', term: durable.currentTerm, leader: null, log, details };
  details.lastApplied = volatile.machine.lastApplied;
  if (volatile.role === 'candidate') details.votes = volatile.votes.join(', ');
  if (volatile.leader) {
    for (const [peer, match] of Object.entries(volatile.leader.matchIndex))
      details[`matchIndex.${peer}`] = match;
    for (const [peer, next] of Object.entries(volatile.leader.nextIndex)) details[`nextIndex.${peer}`] = next;
  }
  return {
    role: volatile.role,
    term: durable.currentTerm,
    leader: volatile.leaderId,
    kv: { ...volatile.machine.kv },
    log,
    commitIndex: volatile.commitIndex,
    position: volatile.machine.lastApplied,
    details,
  };
}
