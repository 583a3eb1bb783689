/** A node as its protocol describes it (the detail panel's source), which several measures read. */
import type { NodeView } from '../../core/types';
import type { MeasureContext, MeasureValue } from './types';

export function viewOf({ sim }: MeasureContext, node: string): NodeView | null {
  if (!sim.nodeIds.includes(node)) return null;
  return sim.describeNode(node);
}

export const asNumberOrText = (value: unknown): MeasureValue =>
  typeof value === 'number' || typeof value === 'string'
    ? value
    : typeof value === 'boolean'
      ? String(value)
      : null;
