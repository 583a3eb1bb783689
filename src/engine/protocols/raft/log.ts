/** Pure helpers over a 1-based Raft log stored in a 0-based array. */
import type { Command, LogEntry } from './types';

export function lastIndex(log: readonly LogEntry[]): number {
  return log.length;
}

/** The term of the entry at `index`, 0 for index 0 ("before the log"), undefined past the end. */
export function termAt(log: readonly LogEntry[], index: number): number | undefined {
  if (index === 0) return 0;
  return log[index - 1]?.term;
}

export function lastTerm(log: readonly LogEntry[]): number {
  return log[log.length - 1]?.term ?? 0;
}

/**
 * §5.4.1: a candidate's log is at least as up-to-date as ours if its last term is higher, or the last
 * terms are equal and its log is at least as long.
 */
export function isAtLeastAsUpToDate(
  candidateLastTerm: number,
  candidateLastIndex: number,
  log: readonly LogEntry[],
): boolean {
  const ownLastTerm = lastTerm(log);
  return candidateLastTerm !== ownLastTerm
    ? candidateLastTerm > ownLastTerm
    : candidateLastIndex >= lastIndex(log);
}

/** The first index holding an entry of `term`, scanning back from `from` (used for the conflict hint). */
export function firstIndexOfTerm(log: readonly LogEntry[], term: number, from: number): number {
  let index = from;
  while (index > 1 && termAt(log, index - 1) === term) index--;
  return index;
}

/** The last index holding an entry of `term`, or 0 when the log has none. */
export function lastIndexOfTerm(log: readonly LogEntry[], term: number): number {
  for (let index = log.length; index > 0; index--) {
    const entryTerm = log[index - 1]!.term;
    if (entryTerm === term) return index;
    if (entryTerm < term) return 0;
  }
  return 0;
}

/** A command in the few characters a log cell has room for: "x=5", "x=5 if 3", "read x", "no-op". */
export function commandText(command: Command): string {
  switch (command.op) {
    case 'noop':
      return 'no-op';
    case 'write':
      return `${command.key}=${String(command.value)}`;
    case 'cas':
      return `${command.key}=${String(command.value)} if ${String(command.expected)}`;
    case 'read':
      return `read ${command.key}`;
  }
}

/** A command's identity for comparing entries across nodes: its text plus who asked for it. */
export function commandIdentity(command: Command): string {
  return command.op === 'noop' ? 'no-op' : `${commandText(command)} (${command.client}#${command.requestId})`;
}
