/**
 * The student as a client: send a read or a write for a key to a chosen node, and see the reply. The
 * request is a `client` command (so it is logged and replayed). The engine places a client next to the
 * first node it talks to, so the student is a separate client per node ("you@n2"): a request to n2 is
 * never blocked by a partition between n2 and some other node the student used before.
 */
import { useId, useState } from 'react';
import type { HistoryOperation, Value } from '../../engine/core/types';
import { describeOperation, outcomeOf } from '../../viz/history/historyLayout';
import { outcomeStyles } from '../../viz/shared/palette';
import { studentClient, studentPrefix } from '../../predict/studentActions';
import { none, useControls, useSimulation } from '../context';

/** Text typed into the value field: numbers stay numbers, empty lets the engine pick a unique value. */
export function parseValue(text: string): Value | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

export function latestStudentOperation(history: readonly HistoryOperation[]): HistoryOperation | null {
  for (let index = history.length - 1; index >= 0; index--)
    if (history[index]!.process.startsWith(studentPrefix)) return history[index]!;
  return null;
}

export function replyText(operation: HistoryOperation): string {
  const outcome = outcomeOf(operation);
  if (outcome === 'pending') return `${describeOperation(operation)}: waiting for a reply…`;
  if (outcome === 'ok') {
    const took = operation.complete !== null ? ` in ${operation.complete - operation.invoke} ms` : '';
    return operation.type === 'read'
      ? `read ${operation.key} → ${String(operation.value)} (ok${took})`
      : `${operation.type} ${operation.key}=${String(operation.value)} ok${took}`;
  }
  return `${describeOperation(operation)}: ${outcomeStyles[outcome].label}`;
}

export function ClientPanel({ defaultKey }: { defaultKey: string }) {
  const id = useId();
  const nodes = useSimulation((state) => state.frame?.nodes ?? none);
  const selectedNode = useSimulation((state) => state.selectedNode);
  const history = useSimulation((state) => state.frame?.history ?? none);
  const ready = useSimulation((state) => state.status === 'ready');
  const { command } = useControls();
  const [node, setNode] = useState<string | null>(null);
  const [op, setOp] = useState<'read' | 'write'>('write');
  const [key, setKey] = useState(defaultKey);
  const [value, setValue] = useState('');
  const target = node ?? selectedNode ?? nodes[0]?.id ?? '';
  const latest = latestStudentOperation(history);
  const send = () => {
    const parsed = op === 'write' ? parseValue(value) : undefined;
    command({
      at: 0,
      client: {
        client: studentClient(target),
        node: target,
        op,
        key: key.trim() || defaultKey,
        ...(parsed !== undefined ? { value: parsed } : {}),
      },
    });
  };
  return (
    <form
      className="sim-panel sim-client"
      aria-label="Send a request"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <div className="sim-field">
        <label htmlFor={`${id}-node`}>To node</label>
        <select id={`${id}-node`} value={target} onChange={(event) => setNode(event.target.value)}>
          {nodes.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.id}
              {candidate.view.role ? ` (${candidate.view.role})` : ''}
              {candidate.status !== 'up' ? ` — ${candidate.status}` : ''}
            </option>
          ))}
        </select>
      </div>
      <div className="sim-field">
        <label htmlFor={`${id}-op`}>Operation</label>
        <select
          id={`${id}-op`}
          value={op}
          onChange={(event) => setOp(event.target.value as 'read' | 'write')}
        >
          <option value="write">write</option>
          <option value="read">read</option>
        </select>
      </div>
      <div className="sim-field">
        <label htmlFor={`${id}-key`}>Key</label>
        <input
          id={`${id}-key`}
          type="text"
          size={6}
          value={key}
          onChange={(event) => setKey(event.target.value)}
        />
      </div>
      {op === 'write' && (
        <div className="sim-field">
          <label htmlFor={`${id}-value`}>Value</label>
          <input
            id={`${id}-value`}
            type="text"
            size={6}
            value={value}
            placeholder="auto"
            onChange={(event) => setValue(event.target.value)}
          />
        </div>
      )}
      <button type="submit" className="sim-button sim-button--primary" disabled={!ready || !target}>
        Send
      </button>
      <p className="sim-client__reply" role="status">
        {latest ? replyText(latest) : 'Your requests and their replies show here.'}
      </p>
    </form>
  );
}
