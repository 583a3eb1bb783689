/**
 * Builds histories by hand, for tests and examples: `new HistoryBuilder().write('c1', 'x', 1, 0, 10)`.
 * Times are simulated ms. `ok` defaults to true, or to null (indeterminate) when `complete` is null
 * (no reply ever came). Each method returns the new operation's id.
 */
import type { HistoryOperation, Value } from '../core/types';

function outcome(complete: number | null, ok: boolean | null | undefined): boolean | null {
  if (ok !== undefined) return ok;
  return complete === null ? null : true;
}

export class HistoryBuilder {
  readonly history: HistoryOperation[] = [];

  private add(op: Omit<HistoryOperation, 'id' | 'node'>): number {
    const id = this.history.length + 1;
    this.history.push({ ...op, id, node: 'n1' });
    return id;
  }

  write(
    process: string,
    key: string,
    value: Value,
    invoke: number,
    complete: number | null,
    ok?: boolean | null,
  ): number {
    return this.add({ process, type: 'write', key, value, invoke, complete, ok: outcome(complete, ok) });
  }

  /** A read that returned `value`; a read that did not succeed records null, as the engine does. */
  read(
    process: string,
    key: string,
    value: Value,
    invoke: number,
    complete: number | null,
    ok?: boolean | null,
  ): number {
    const status = outcome(complete, ok);
    return this.add({
      process,
      type: 'read',
      key,
      value: status === true ? value : null,
      invoke,
      complete,
      ok: status,
    });
  }

  cas(
    process: string,
    key: string,
    expected: Value,
    value: Value,
    invoke: number,
    complete: number | null,
    ok?: boolean | null,
  ): number {
    return this.add({
      process,
      type: 'cas',
      key,
      value,
      expected,
      invoke,
      complete,
      ok: outcome(complete, ok),
    });
  }
}
