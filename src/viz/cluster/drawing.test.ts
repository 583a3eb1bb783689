import { describe, expect, it } from 'vitest';
import type { FrameMessage, FrameNode } from '../../engine/core/frame';
import type { HistoryOperation } from '../../engine/core/types';
import { boxesOverlap, type Box } from '../shared/labels';
import { clientRequests } from './clients';
import { circleLayout } from './layout';
import { burstMin, messagePoints, messageStreams, placeMessageLabels } from './messageDrawing';
import { timerLeft } from './NodeGlyph';
import { hasStrip, labelLevels, nodeBox, placeNodeLabels } from './nodeLabels';
import { describeNode } from './nodeText';

function node(id: string, view: FrameNode['view'] = {}, clock = 1000): FrameNode {
  return { id, region: null, status: 'up', clock, view, timers: [] };
}

function noOverlaps(boxes: readonly Box[]): boolean {
  return boxes.every((a, i) => boxes.slice(i + 1).every((b) => !boxesOverlap(a, b)));
}

describe('node labels', () => {
  it('offer less detail level by level, down to the node id', () => {
    const server = node('s1', {
      role: 'server',
      queue: { waiting: 7, capacity: 20, served: 312, turnedAway: 4 },
    });
    const levels = labelLevels(server, 1000, true);
    expect(levels[0]!.map((line) => `${line.strong ?? ''}${line.text}`)).toEqual([
      's1 server',
      '7 of 20 waiting',
      '312 served · 4 turned away',
    ]);
    expect(levels.at(-1)).toEqual([{ strong: 's1', text: '' }]);
  });

  it('show the term when the circle is too small for it, and the clock only when it drifts', () => {
    const follower = node('n2', { role: 'follower', term: 3 }, 1040);
    expect(labelLevels(follower, 1000, false)[0]![1]!.text).toBe('term 3 · clock 1040');
    expect(labelLevels(node('n2', { role: 'follower', term: 3 }), 1000, true)[0]).toHaveLength(1);
  });

  it('never overlap a node or each other, at desktop and phone widths', () => {
    for (const [count, width, height] of [
      [3, 700, 420],
      [5, 700, 420],
      [5, 343, 300],
      [9, 343, 300],
      [16, 343, 300],
    ] as const) {
      const nodes = Array.from({ length: count }, (_, i) =>
        node(`n${i + 1}`, { role: 'follower', term: 2, kv: { x: 1, y: 2 }, log: [], commitIndex: 0 }),
      );
      const layout = circleLayout(
        nodes.map((each) => each.id),
        width,
        height,
      );
      const labels = placeNodeLabels(nodes, layout.positions, layout.nodeRadius, 1000, { width, height });
      const bodies = nodes.map((each) => nodeBox(layout.positions.get(each.id)!, layout.nodeRadius, true));
      const boxes = labels.map((label) => label.box);
      expect(noOverlaps(boxes), `${count} nodes at ${width} px`).toBe(true);
      for (const box of boxes) for (const body of bodies) expect(boxesOverlap(box, body)).toBe(false);
      // With room to spare every node keeps at least its id.
      if (width >= 700) expect(labels).toHaveLength(count);
    }
  });
});

describe('message streams', () => {
  const positions = new Map([
    ['a', { x: 0, y: 0 }],
    ['b', { x: 200, y: 0 }],
  ]);
  const message = (id: number, sentAt: number, label = 'work'): FrameMessage => ({
    id,
    from: 'a',
    to: 'b',
    label,
    sentAt,
    deliverAt: sentAt + 100,
  });

  it(`draw ${burstMin} or more messages on one link as one stream with their count`, () => {
    const burst = Array.from({ length: 12 }, (_, i) => message(i, i * 5));
    const points = messagePoints(burst, positions, 80, 10);
    const { streams, single } = messageStreams(burst, points);
    expect(single).toEqual([]);
    expect(streams).toHaveLength(1);
    expect(streams[0]).toMatchObject({ from: 'a', to: 'b', count: 12, label: 'work' });
    // The front is the message that will arrive first, further along than the rear.
    expect(streams[0]!.front.x).toBeGreaterThan(streams[0]!.rear.x);
  });

  it('keep a few messages as separate dots, and name a mixed stream "messages"', () => {
    const few = [message(1, 0), message(2, 10)];
    expect(messageStreams(few, messagePoints(few, positions, 50, 10)).single).toEqual([0, 1]);
    const mixed = [0, 1, 2, 3].map((i) => message(i, i, i % 2 ? 'ping t1' : 'pong t1'));
    expect(messageStreams(mixed, messagePoints(mixed, positions, 50, 10)).streams[0]!.label).toBe('messages');
  });

  it('place their labels clear of the nodes, node labels and each other', () => {
    const obstacles: Box[] = [
      { x: 90, y: 40, width: 40, height: 40 },
      { x: 140, y: 40, width: 60, height: 15 },
    ];
    const items = [0, 1, 2, 3].map((i) => ({
      at: { x: 60, y: 60 + i * 3 },
      texts: [
        { text: `×${i} messages`, width: 70 },
        { text: `×${i}`, width: 16 },
      ],
    }));
    const labels = placeMessageLabels(items, obstacles, { width: 300, height: 200 });
    expect(labels.length).toBeGreaterThan(1);
    expect(noOverlaps([...obstacles, ...labels.map((label) => label.box)])).toBe(true);
  });
});

it('shorten a stream label to its count when only that fits between two nodes', () => {
  const nodes: Box[] = [
    { x: 0, y: 0, width: 50, height: 100 },
    { x: 80, y: 0, width: 50, height: 100 },
  ];
  const [label] = placeMessageLabels(
    [
      {
        at: { x: 65, y: 50 },
        texts: [
          { text: '×6 append', width: 70 },
          { text: '×6', width: 16 },
        ],
      },
    ],
    nodes,
    { width: 130, height: 100 },
  );
  expect(label!.text).toBe('×6');
  expect(noOverlaps([...nodes, label!.box])).toBe(true);
});

describe('clients and timers', () => {
  const operation = (id: number, invoke: number, extra: Partial<HistoryOperation>): HistoryOperation => ({
    id,
    process: `c${id % 3}`,
    type: 'read',
    key: 'k',
    value: null,
    node: 'lb',
    invoke,
    complete: null,
    ok: null,
    ...extra,
  });

  it('count the requests still waiting for a reply, not answered or abandoned ones', () => {
    const history = [
      operation(1, 100, {}),
      operation(2, 100, { complete: 150, ok: true }),
      operation(3, 100, { error: 'timed out' }),
      operation(4, 120, {}),
      operation(5, 900, {}),
    ];
    expect(clientRequests(history, 500, 'lb')).toEqual({ clients: 3, byNode: [{ node: 'lb', count: 2 }] });
  });

  it('drain a timer ring from full when set to empty at its deadline', () => {
    const timer = { name: 'election', setAt: 100, deadline: 300 };
    expect(timerLeft(timer, 100)).toBe(1);
    expect(timerLeft(timer, 250)).toBeCloseTo(0.25);
    expect(timerLeft(timer, 400)).toBe(0);
  });
});

describe('a crashed node', () => {
  it('keeps its log (persistent) without a commit index (volatile): drawn and named, as Raft keeps it on disk', () => {
    const log = [
      { index: 1, term: 1, text: 'x=1' },
      { index: 2, term: 1, text: 'x=2' },
    ];
    const crashed: FrameNode = { ...node('n1', { role: 'down', term: 1, log }), status: 'crashed' };
    expect(hasStrip(crashed)).toBe(true);
    expect(describeNode(crashed)).toContain('log up to 2 kept on disk');
    expect(hasStrip(node('n2', { role: 'follower', log }))).toBe(false);
  });
});
