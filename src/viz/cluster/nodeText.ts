/** A node's state in words: for labels on the drawing, its accessible name and the detail panel. */
import type { FrameNode } from '../../engine/core/frame';
import type { Value } from '../../engine/core/types';

const maxKeysShown = 3;

export function formatValue(value: Value | Value[] | undefined): string {
  if (value === undefined) return '—';
  if (Array.isArray(value)) return `{${value.map((item) => String(item)).join(', ')}}`;
  return value === null ? '∅' : String(value);
}

/** "x=5 y=7 +2": the node's first few keys, for the label beside it. */
export function kvSummary(kv: FrameNode['view']['kv']): string {
  if (!kv) return '';
  const entries = Object.entries(kv);
  const shown = entries.slice(0, maxKeysShown).map(([key, value]) => `${key}=${formatValue(value)}`);
  const more = entries.length - shown.length;
  return `${shown.join(' ')}${more > 0 ? ` +${more}` : ''}`;
}

/** "term 3" or "epoch 2", whichever the protocol reports. */
export function generationLabel(view: FrameNode['view']): string {
  if (view.term !== undefined) return `term ${view.term}`;
  if (view.epoch !== undefined) return `epoch ${view.epoch}`;
  return '';
}

/** "t3" or "e2": the generation in the few characters that fit inside a node. */
export function generationShort(view: FrameNode['view']): string {
  if (view.term !== undefined) return `t${view.term}`;
  if (view.epoch !== undefined) return `e${view.epoch}`;
  return '';
}

/** The node in words, for its accessible name. */
export function describeNode(node: FrameNode): string {
  const { view } = node;
  const parts = [
    node.id,
    view.role,
    node.status,
    generationLabel(view),
    `clock ${node.clock} ms`,
    view.queue
      ? `${view.queue.waiting} of ${view.queue.capacity} requests waiting, ${view.queue.served} served, ${view.queue.turnedAway} turned away`
      : '',
    view.log && view.commitIndex !== undefined
      ? `log up to ${view.log.at(-1)?.index ?? 0}, committed up to ${view.commitIndex}`
      : view.log && node.status === 'crashed'
        ? `log up to ${view.log.at(-1)?.index ?? 0} kept on disk`
        : '',
    kvSummary(view.kv),
  ];
  return parts.filter(Boolean).join(', ');
}
