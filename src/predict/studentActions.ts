/**
 * What the student must do in a run before a question about it can be answered: a lesson writes it as data
 * (`actions={[{ send: "write", to: "ap-northeast" }]}` on a run-bound <Question>), the quiz tells the student
 * to do it, and tests replay it as the engine commands the client panel sends. Pure: no React.
 */
import type { Action } from '../engine/core/schema';

/** One request the student sends with the simulation's "Send a request" panel. */
export interface StudentAction {
  send: 'read' | 'write';
  /** The node it goes to. */
  to: string;
  /** The key; the panel's default key (the scenario's first) when not given. */
  key?: string;
}

/** The client panel's requests come from one client per node, "you@n2" (see src/sim/controls/ClientPanel.tsx). */
export const studentPrefix = 'you@';
export const studentClient = (node: string) => `${studentPrefix}${node}`.slice(0, 24);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads an `actions={…}` prop; the problems say what is wrong with it and how to write it. */
export function readStudentActions(
  value: unknown,
  what: string,
): { ok: true; actions: StudentAction[] } | { ok: false; problems: string[] } {
  const example = 'actions={[{ send: "write", to: "n2" }]}';
  if (!Array.isArray(value) || value.length === 0)
    return { ok: false, problems: [`${what}: actions must be a list of requests, e.g. ${example}`] };
  const problems: string[] = [];
  const actions = value.flatMap((action, index): StudentAction[] => {
    if (
      !isRecord(action) ||
      (action.send !== 'read' && action.send !== 'write') ||
      typeof action.to !== 'string' ||
      action.to === '' ||
      (action.key !== undefined && typeof action.key !== 'string')
    ) {
      problems.push(
        `${what}: actions[${index}] must say what to send and to which node, e.g. ${example} (send is "read" or "write"; key is optional)`,
      );
      return [];
    }
    return [
      { send: action.send, to: action.to, ...(typeof action.key === 'string' ? { key: action.key } : {}) },
    ];
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, actions };
}

/** "send a write to ap-northeast, then a read to us-east", for the notice that asks the student to act. */
export function describeActions(actions: readonly StudentAction[]): string {
  return actions
    .map((action, index) => `${index === 0 ? 'send ' : ''}a ${action.send} to ${action.to}`)
    .join(', then ');
}

/**
 * The commands the client panel logs for these requests, sent at `sendAtMs[i]` (ms of simulated time),
 * with the panel's default key and an engine-chosen value: what a replay in Node needs to give the run
 * the student had.
 */
export function studentCommands(
  actions: readonly StudentAction[],
  sendAtMs: readonly number[],
  defaultKey: string,
): Action[] {
  return actions.map((action, index) => ({
    at: sendAtMs[index] ?? sendAtMs.at(-1) ?? 0,
    client: {
      client: studentClient(action.to),
      node: action.to,
      op: action.send,
      key: action.key ?? defaultKey,
    },
  }));
}
