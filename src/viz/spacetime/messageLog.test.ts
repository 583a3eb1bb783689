import { describe, expect, it } from 'vitest';
import type { FrameMessage } from '../../engine/core/frame';
import {
  createMessageLog,
  messagesInWindow,
  missedEventsInWindow,
  recordFrame,
  type FrameSlice,
} from './messageLog';

type TraceLine = NonNullable<FrameSlice['trace']>[number];
let traceIndex = 0;
/** A trace line; deliveries say who sent what to whom and when, like the engine's. */
const traced = (line: Partial<TraceLine> & Pick<TraceLine, 'kind' | 'at'>): TraceLine => ({
  index: ++traceIndex,
  node: line.kind === 'deliver' ? 'n2' : null,
  from: line.kind === 'deliver' ? 'n1' : null,
  label: 'ping',
  messageId: null,
  sentAt: null,
  handled: true,
  ...line,
});

const nodes = [
  { id: 'n1', status: 'up' as const },
  { id: 'n2', status: 'up' as const },
  { id: 'n3', status: 'up' as const },
];
const message = (id: number, sentAt: number, deliverAt: number, to = 'n2'): FrameMessage => ({
  id,
  from: 'n1',
  to,
  label: 'ping',
  sentAt,
  deliverAt,
});
const frame = (now: number, messages: FrameMessage[], extra: Partial<FrameSlice> = {}): FrameSlice => ({
  now,
  messages,
  nodes,
  cuts: [],
  ...extra,
});

describe('message log', () => {
  it('records a message when first seen and marks it delivered once it has left after its delivery time', () => {
    const log = createMessageLog();
    recordFrame(log, frame(10, [message(1, 5, 20)]));
    expect(log.byId.get(1)).toMatchObject({
      from: 'n1',
      to: 'n2',
      sentAt: 5,
      deliverAt: 20,
      fate: 'in-flight',
    });
    recordFrame(log, frame(25, []));
    expect(log.byId.get(1)!.fate).toBe('delivered');
  });

  it('calls a message dropped when it vanishes before its delivery time (a student dropped it)', () => {
    const log = createMessageLog();
    recordFrame(log, frame(10, [message(1, 5, 20)]));
    recordFrame(log, frame(12, []));
    expect(log.byId.get(1)).toMatchObject({ fate: 'dropped', droppedAt: 12 });
  });

  it('calls a message dropped when it reached a crashed node or a cut link', () => {
    const log = createMessageLog();
    recordFrame(log, frame(10, [message(1, 5, 20, 'n2'), message(2, 6, 21, 'n3')]));
    recordFrame(
      log,
      frame(30, [], { nodes: [nodes[0]!, { id: 'n2', status: 'crashed' }, nodes[2]!], cuts: [['n1', 'n3']] }),
    );
    expect(log.byId.get(1)).toMatchObject({ fate: 'dropped', droppedAt: 20 });
    expect(log.byId.get(2)).toMatchObject({ fate: 'dropped', droppedAt: 21 });
  });

  it('takes the fate from the engine’s trace when the delivery is in it', () => {
    const log = createMessageLog();
    recordFrame(log, frame(10, [message(1, 5, 20), message(2, 6, 22)]));
    recordFrame(
      log,
      frame(30, [], {
        trace: [
          traced({ kind: 'deliver', at: 20, messageId: 1, sentAt: 5, handled: false }),
          traced({ kind: 'deliver', at: 22, messageId: 2, sentAt: 6 }),
        ],
      }),
    );
    expect(log.byId.get(1)).toMatchObject({ fate: 'dropped', droppedAt: 20 });
    expect(log.byId.get(2)).toMatchObject({ fate: 'delivered', droppedAt: null });
  });

  it('draws messages sent and delivered between two frames from the trace, and forgets them when scrubbed back', () => {
    const log = createMessageLog();
    recordFrame(log, frame(10, [message(1, 5, 20)]));
    recordFrame(
      log,
      frame(30, [], {
        trace: [
          traced({ kind: 'deliver', at: 20, messageId: 1, sentAt: 5 }),
          traced({ kind: 'deliver', at: 25, messageId: 7, sentAt: 12, node: 'n3', label: 'ack' }),
          traced({ kind: 'timer', at: 26 }),
        ],
      }),
    );
    expect(log.byId.get(7)).toMatchObject({
      from: 'n1',
      to: 'n3',
      label: 'ack',
      sentAt: 12,
      deliverAt: 25,
      fate: 'delivered',
    });
    expect(messagesInWindow(log, 0, 30).map((m) => m.id)).toEqual([1, 7]);
    recordFrame(log, frame(11, []));
    expect(log.byId.has(7)).toBe(false);
  });

  it('counts the events that passed between two frames beyond the trace', () => {
    const log = createMessageLog();
    recordFrame(log, frame(10, [], { trace: [{ ...traced({ kind: 'timer', at: 9 }), index: 100 }] }));
    recordFrame(log, frame(40, [], { trace: [{ ...traced({ kind: 'timer', at: 39 }), index: 130 }] }));
    expect(missedEventsInWindow(log, 0, 40)).toBe(29);
    expect(missedEventsInWindow(log, 0, 30)).toBe(0);
    recordFrame(log, frame(20, []));
    expect(missedEventsInWindow(log, 0, 40)).toBe(0);
  });

  it('follows a delivery the engine postponed (the receiver was paused)', () => {
    const log = createMessageLog();
    recordFrame(log, frame(10, [message(1, 5, 20)]));
    recordFrame(log, frame(25, [message(1, 5, 300)]));
    expect(log.byId.get(1)).toMatchObject({ deliverAt: 300, fate: 'in-flight' });
  });

  it('forgets the future when scrubbed back, and reopens messages still in flight then', () => {
    const log = createMessageLog();
    recordFrame(log, frame(10, [message(1, 5, 20)]));
    recordFrame(log, frame(40, [message(2, 35, 50)]));
    recordFrame(log, frame(15, [message(1, 5, 20)]));
    expect(log.byId.has(2)).toBe(false);
    expect(log.byId.get(1)!.fate).toBe('in-flight');
  });

  it('stays within its capacity, evicting the oldest settled messages first', () => {
    const log = createMessageLog(3);
    for (let i = 1; i <= 5; i++) {
      recordFrame(log, frame(i * 10, [message(i, i * 10 - 2, i * 10 + 2)]));
    }
    expect(log.byId.size).toBe(3);
    expect([...log.byId.keys()].sort()).toEqual([3, 4, 5]);
  });

  it('lists the messages overlapping a time window', () => {
    const log = createMessageLog();
    recordFrame(log, frame(10, [message(1, 0, 12), message(2, 8, 30)]));
    recordFrame(log, frame(20, []));
    expect(messagesInWindow(log, 13, 40).map((m) => m.id)).toEqual([2]);
    expect(messagesInWindow(log, 0, 40).map((m) => m.id)).toEqual([1, 2]);
  });
});
