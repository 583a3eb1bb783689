/**
 * The data form of a moment: a point in a run named the way a lesson talks about it. It sits in frames and
 * MDX props, so it lives in core; analysis/moments.ts parses the text form and detects moments in a run.
 */
import type { NodeId } from './types';

/** Only occurrences at or after `afterMs` (simulated ms) count. */
interface After {
  afterMs?: number;
}

/**
 * A moment in a run: a simulated time, or the first occurrence of an event.
 *
 * - `{ atMs }`: the simulated time, in ms.
 * - `{ event: 'crash' | 'restart', node? }`: that node (any node without `node`) crashes or restarts.
 * - `{ event: 'leader', node? }`: a node that was not leader takes the role `leader` in the protocol's
 *   own node view (a Raft election won, a failover promotion).
 * - `{ event: 'send', message, from?, to? }`: a node sends a message whose label starts with `message`
 *   (labels as the cluster view draws them: "PREPARE t1", "RequestVote t2").
 * - `{ event: 'operation', outcome }`: a client operation finishes with that outcome.
 * - `{ event: 'note', text }`: the run notes a line containing `text` (case-insensitive).
 *
 * Event moments may carry `afterMs`: occurrences before it do not count.
 */
export type Moment =
  | { atMs: number }
  | ({ event: 'crash' | 'restart' | 'leader'; node?: NodeId } & After)
  | ({ event: 'send'; message: string; from?: NodeId; to?: NodeId } & After)
  | ({ event: 'operation'; outcome: 'ok' | 'failed' | 'indeterminate' } & After)
  | ({ event: 'note'; text: string } & After);
