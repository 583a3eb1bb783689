/**
 * A run's key-value history as Porcupine reads it: a JSON list shaped like porcupine.Operation
 * (github.com/anishathalye/porcupine, model.go): { ClientId, Input, Call, Output, Return, Metadata }.
 *
 * - Call and Return are simulated time in nanoseconds. Porcupine reads [Call, Return] as a closed interval,
 *   so two operations that meet at one instant are concurrent, as our own checker treats them.
 * - Input is { Op: "read" | "write" | "cas", Key, Value, Expected }: a write's value, a cas's expected and
 *   new value (Value is null for a read).
 * - Output is { Value } for an acknowledged read (what it returned), {} for an acknowledged write or cas,
 *   and { Unknown: true } for an operation whose outcome is unknown (timed out, no reply). Such an
 *   operation returns after every other one, so Porcupine may place it anywhere after its call or, in
 *   effect, never: the way Porcupine's own etcd tests encode timed-out operations.
 * - Operations that definitely did not take effect (refused, failed cas) are left out: they change nothing.
 *   So are operations that are not reads, writes or compare-and-sets.
 * - ClientId numbers the clients from 0 in order of their first operation in the file; Metadata keeps the client's
 *   name, the operation's id in the run and the node it went to.
 */
import type { HistoryOperation, Value } from '../../core/types';
import { isKvOperation, type KvOperation } from '../history';

export interface PorcupineInput {
  Op: KvOperation['type'];
  Key: string;
  Value: Value;
  Expected?: Value;
}

/** { Value } for an acknowledged read, {} for an acknowledged write or cas, { Unknown: true } otherwise. */
export interface PorcupineOutput {
  Value?: Value;
  Unknown?: true;
}

export interface PorcupineOperation {
  ClientId: number;
  Input: PorcupineInput;
  Call: number;
  Output: PorcupineOutput;
  Return: number;
  Metadata: { Process: string; Id: number; Node: string };
}

export const nsPerMs = 1_000_000;

/** The last instant the history mentions, in ms: outcomes still unknown return just after it. */
export function historyEndMs(history: readonly HistoryOperation[]): number {
  let end = 0;
  for (const op of history) end = Math.max(end, op.invoke, op.complete ?? 0);
  return end;
}

/** Client names numbered from 0 in the order of their first operation in the history. */
export function processNumbers(history: readonly HistoryOperation[]): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const op of [...history].sort(byInvoke)) {
    if (!numbers.has(op.process)) numbers.set(op.process, numbers.size);
  }
  return numbers;
}

export function byInvoke(a: HistoryOperation, b: HistoryOperation): number {
  return a.invoke - b.invoke || a.id - b.id;
}

export function toPorcupine(history: readonly HistoryOperation[]): PorcupineOperation[] {
  const unknownReturn = (historyEndMs(history) + 1) * nsPerMs;
  const exported = history.filter((op) => isKvOperation(op) && op.ok !== false) as KvOperation[];
  const clients = processNumbers(exported);
  return exported.sort(byInvoke).map((op): PorcupineOperation => {
    const known = op.ok === true;
    const input: PorcupineInput = { Op: op.type, Key: op.key, Value: op.type === 'read' ? null : op.value };
    if (op.type === 'cas') input.Expected = op.expected ?? null;
    return {
      ClientId: clients.get(op.process)!,
      Input: input,
      Call: op.invoke * nsPerMs,
      Output: !known ? { Unknown: true } : op.type === 'read' ? { Value: op.value } : {},
      Return: known && op.complete !== null ? op.complete * nsPerMs : unknownReturn,
      Metadata: { Process: op.process, Id: op.id, Node: op.node },
    };
  });
}

/** One operation per line inside a JSON list, so a long history still reads (and diffs) line by line. */
export function porcupineJson(history: readonly HistoryOperation[]): string {
  const lines = toPorcupine(history).map((op) => JSON.stringify(op));
  return lines.length === 0 ? '[]\n' : `[\n${lines.join(',\n')}\n]\n`;
}
