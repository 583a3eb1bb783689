/**
 * The replicated key-value store: a pure function from (state, command) to (state, outcome). Every node
 * applies the same committed commands in the same order, so every node reaches the same state.
 */
import type { Value } from '../../core/types';
import type { ClientCommand, Command, Outcome, StateMachine } from './types';

/** The outcome for a request older than the client's latest: whether that old request took effect is not recorded. */
export const staleRequestOutcome: Outcome = {
  ok: false,
  indeterminate: true,
  error: 'a stale copy of a request the client has moved on from',
};

export function emptyStateMachine(): StateMachine {
  return { kv: {}, lastApplied: 0, sessions: {} };
}

/**
 * Applies one command as the next entry. A client request already applied (same client, same or older
 * request id) is not applied again: it gets the outcome recorded the first time (§8, at-most-once).
 * This relies on each client numbering its requests in increasing order, as the engine's clients do.
 */
export function applyCommand(machine: StateMachine, command: Command): Outcome | null {
  machine.lastApplied++;
  if (command.op === 'noop') return null;
  const session = machine.sessions[command.client];
  if (session && command.requestId <= session.requestId) {
    return command.requestId === session.requestId ? session.outcome : staleRequestOutcome;
  }
  const outcome = execute(machine.kv, command);
  machine.sessions[command.client] = { requestId: command.requestId, outcome };
  return outcome;
}

function execute(kv: Record<string, Value>, command: ClientCommand): Outcome {
  const current = kv[command.key] ?? null;
  switch (command.op) {
    case 'read':
      return { ok: true, value: current };
    case 'write':
      kv[command.key] = command.value;
      return { ok: true };
    case 'cas':
      if (current !== command.expected) {
        return {
          ok: false,
          error: `cas failed: ${command.key} is ${String(current)}, not ${String(command.expected)}`,
        };
      }
      kv[command.key] = command.value;
      return { ok: true };
  }
}
