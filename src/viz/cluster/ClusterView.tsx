/**
 * The cluster: nodes, the links the protocol sends messages over, messages in flight, clients and
 * network partitions. Three layers: an SVG background (map, partition areas, links with cut marks,
 * clients), a canvas with the messages, and an SVG foreground with the nodes and their labels. Labels
 * are placed so that none covers a node or another label. Nodes are one keyboard stop: arrow keys move
 * between them, Enter or Space activates one (the embed opens its menu, or puts it on a side while a
 * partition is being drawn).
 */
import { useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { FrameMessage, FrameNode } from '../../engine/core/frame';
import type { ClusterTopology, HistoryOperation } from '../../engine/core/types';
import { useCanvas, useThemeColours } from '../shared/hooks';
import { okabeIto } from '../shared/palette';
import { Patterns } from '../shared/Patterns';
import { lerp, type Point } from '../shared/geometry';
import { placeLabels, textWidth, type Box } from '../shared/labels';
import { clusterLayout, dividingLine, partitionGroups } from './layout';
import { drawMessages, inFlightBadges, messageAt } from './messageDrawing';
import { NodeGlyph } from './NodeGlyph';
import {
  labelFontPx,
  labelLineHeight,
  nodeBox,
  hasStrip,
  placeNodeLabels,
  type PlacedLabel,
} from './nodeLabels';
import { describeNode } from './nodeText';
import { topologyLinks } from './topology';
import { clientBox, clientRequests } from './clients';
import { ClientsGlyph } from './ClientsGlyph';

export interface ClusterViewProps {
  nodes: readonly FrameNode[];
  messages: readonly FrameMessage[];
  cuts: readonly (readonly [string, string])[];
  /** Who sends messages to whom: the links drawn, and where clients come in. */
  topology: ClusterTopology;
  /** The run's recent operations: the requests clients are waiting on are drawn coming in. */
  history: readonly HistoryOperation[];
  now: number;
  width: number;
  selectedNode: string | null;
  partitionSideB: readonly string[] | null;
  reducedMotion: boolean;
  /** A node was clicked or chosen with the keyboard; `anchor` is its centre in the view's pixels. */
  onNodeActivate(id: string, anchor: Point): void;
  /** A message in flight was clicked (to drop it). */
  onMessageActivate?(id: number): void;
  patternPrefix: string;
}

/** Above this many nodes the full mesh of links is left out: the messages show the traffic. */
const maxMeshNodes = 12;
/** Above this many nodes labels are left out: node detail and hover name them. */
const maxLabelledNodes = 30;

export function ClusterView(props: ClusterViewProps) {
  const {
    nodes,
    messages,
    cuts,
    topology,
    history,
    now,
    width,
    selectedNode,
    partitionSideB,
    reducedMotion,
    onNodeActivate,
    onMessageActivate,
    patternPrefix,
  } = props;
  // Layout depends only on which nodes exist, where they live and the topology's shape, not on their
  // changing state.
  const layoutKey = JSON.stringify([
    nodes.map((node) => [node.id, node.region]),
    topology.shape,
    topology.shape === 'chain' || topology.clients ? topology.order : [],
    Boolean(topology.clients),
  ]);
  const layout = useMemo(() => {
    const [layoutNodes, shape, order, clients] = JSON.parse(layoutKey) as [
      [string, string | null][],
      ClusterTopology['shape'],
      string[],
      boolean,
    ];
    return clusterLayout(
      layoutNodes.map(([id, region]) => ({ id, region })),
      width,
      { shape, order, clients },
    );
  }, [layoutKey, width]);
  const { positions, nodeRadius, height } = layout;
  const ids = nodes.map((node) => node.id);
  const groups = partitionGroupsOf(ids, cuts);
  const container = useRef<HTMLDivElement>(null);
  const colours = useThemeColours(container);

  const view = { width, height };
  const clients = layout.clients ? clientRequests(history, now, topology.order[0]) : null;
  const clientsBox = layout.clients ? clientBox(layout.clients) : null;
  const fixedBoxes: Box[] = [
    ...(clientsBox ? [clientsBox.icon, clientsBox.label] : []),
    ...(layout.map?.regions.map((region) => mapLabelBox(region)) ?? []),
  ];
  const nodeLabels: PlacedLabel[] =
    nodes.length > maxLabelledNodes
      ? []
      : placeNodeLabels(nodes, positions, nodeRadius, now, view, fixedBoxes);
  const streamLabels =
    clients && layout.clients
      ? placeClientStreamLabels(
          clients,
          layout.clients,
          positions,
          [
            ...fixedBoxes,
            ...nodes.map((node) => nodeBox(positions.get(node.id)!, nodeRadius, hasStrip(node))),
            ...nodeLabels.map((label) => label.box),
          ],
          view,
        )
      : [];
  const canvas = useCanvas(width, height, (context) => {
    if (reducedMotion) return;
    const obstacles = [
      ...fixedBoxes,
      ...nodes.map((node) => nodeBox(positions.get(node.id)!, nodeRadius, hasStrip(node))),
      ...nodeLabels.map((label) => label.box),
      ...streamLabels.map((label) => label.box),
    ];
    const theme = colours();
    const labels = drawMessages(
      context,
      messages,
      positions,
      now,
      nodeRadius,
      { text: theme.text, background: theme.surface },
      obstacles,
      view,
    );
    // Where the canvas put its text, for the browser test that checks no two labels overlap.
    context.canvas.dataset.labels = JSON.stringify(labels);
  });

  const [focusIndex, setFocusIndex] = useState(0);
  const nodeRefs = useRef<(SVGGElement | null)[]>([]);
  const moveFocus = (index: number) => {
    const next = (index + nodes.length) % nodes.length;
    setFocusIndex(next);
    nodeRefs.current[next]?.focus();
  };
  const onNodeKey = (event: KeyboardEvent, index: number) => {
    const node = nodes[index]!;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      event.stopPropagation();
      onNodeActivate(node.id, positions.get(node.id)!);
    } else if (event.key === 'ArrowRight' || event.key === 'ArrowDown') {
      event.preventDefault();
      event.stopPropagation();
      moveFocus(index + 1);
    } else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') {
      event.preventDefault();
      event.stopPropagation();
      moveFocus(index - 1);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      event.stopPropagation();
      moveFocus(event.key === 'Home' ? 0 : nodes.length - 1);
    }
  };

  const onCanvasPointer = (event: PointerEvent<HTMLCanvasElement>) => {
    if (!onMessageActivate || reducedMotion) return;
    const box = event.currentTarget.getBoundingClientRect();
    const id = messageAt(messages, positions, now, nodeRadius, {
      x: event.clientX - box.left,
      y: event.clientY - box.top,
    });
    if (id !== null) onMessageActivate(id);
  };

  const cutSet = new Set(cuts.map(([from, to]) => `${from}>${to}`));
  const links =
    topology.shape === 'all-to-all' && nodes.length > maxMeshNodes
      ? []
      : topologyLinks(topology).map(([a, b]) => ({
          a,
          b,
          cutAB: cutSet.has(`${a}>${b}`),
          cutBA: cutSet.has(`${b}>${a}`),
        }));
  const partitioned = groups.length > 1;
  const divider =
    groups.length === 2
      ? dividingLine(
          groups[0]!.map((id) => positions.get(id)!),
          groups[1]!.map((id) => positions.get(id)!),
          width,
          height,
        )
      : null;
  const badges = reducedMotion
    ? inFlightBadges(messages, positions, nodeRadius, nodes.length <= maxMeshNodes)
    : [];

  return (
    <div className="viz-cluster" ref={container} style={{ height }}>
      <svg className="viz-cluster__layer" width={width} height={height} aria-hidden="true">
        <Patterns prefix={patternPrefix} />
        {layout.map && (
          <g className="viz-map">
            <path d={layout.map.outline} className="viz-map__outline" />
            <path d={layout.map.graticule} className="viz-map__graticule" />
            {layout.map.regions.map((region) => (
              <g key={region.id}>
                <circle cx={region.x} cy={region.y} r={2.5} className="viz-map__city" />
                <text className="viz-map__label viz-label" x={region.x} y={region.labelY}>
                  {region.label}
                </text>
              </g>
            ))}
          </g>
        )}
        {partitioned &&
          groups.map((group, index) => (
            <path
              key={group.join(',')}
              d={groupOutline(group.map((id) => positions.get(id)!))}
              className={`viz-partition-area viz-partition-area--${index % 2 === 0 ? 'a' : 'b'}`}
              strokeWidth={nodeRadius * 2 + 22}
            />
          ))}
        {links.map(({ a, b, cutAB, cutBA }) => {
          const from = positions.get(a)!;
          const to = positions.get(b)!;
          const cut = cutAB || cutBA;
          return (
            <g key={`${a}-${b}`} className="viz-link-group" data-link={`${a}-${b}`}>
              <line
                x1={from.x}
                y1={from.y}
                x2={to.x}
                y2={to.y}
                className={cut ? 'viz-link viz-link--cut' : 'viz-link'}
              />
              {cut && (
                <CutMark
                  at={lerp(from, to, cutAB && cutBA ? 0.5 : cutAB ? 0.35 : 0.65)}
                  from={from}
                  to={to}
                />
              )}
            </g>
          );
        })}
        {layout.clients && clients && clientsBox && (
          <ClientsGlyph
            at={layout.clients}
            requests={clients}
            positions={positions}
            nodeRadius={nodeRadius}
          />
        )}
        {divider && (
          <line
            x1={divider[0].x}
            y1={divider[0].y}
            x2={divider[1].x}
            y2={divider[1].y}
            className="viz-partition-line"
          />
        )}
      </svg>
      <canvas
        ref={canvas}
        className="viz-cluster__layer viz-cluster__messages"
        style={{ width, height }}
        onPointerDown={onCanvasPointer}
        aria-hidden="true"
      />
      <svg
        className="viz-cluster__layer viz-cluster__nodes"
        width={width}
        height={height}
        role="group"
        aria-label={`Cluster of ${nodes.length} nodes`}
      >
        <Patterns prefix={`${patternPrefix}-fg`} />
        {badges.map((badge) => (
          <g key={badge.key} transform={`translate(${badge.at.x},${badge.at.y})`} className="viz-badge">
            <title>{badge.label}</title>
            <rect x={-10} y={-8} width={20} height={16} rx={8} />
            <text dy="0.35em">{badge.count}</text>
          </g>
        ))}
        {nodes.map((node, index) => (
          <g
            key={node.id}
            ref={(element) => {
              nodeRefs.current[index] = element;
            }}
            role="button"
            tabIndex={index === Math.min(focusIndex, nodes.length - 1) ? 0 : -1}
            aria-label={`${describeNode(node)}${partitionSideB ? (partitionSideB.includes(node.id) ? '. On side B' : '. On side A') : ''}`}
            aria-pressed={partitionSideB ? partitionSideB.includes(node.id) : undefined}
            aria-haspopup={partitionSideB ? undefined : 'menu'}
            className="viz-node-button"
            onClick={() => {
              setFocusIndex(index);
              onNodeActivate(node.id, positions.get(node.id)!);
            }}
            onKeyDown={(event) => onNodeKey(event, index)}
            onFocus={() => setFocusIndex(index)}
          >
            <title>{describeNode(node)}</title>
            <NodeGlyph
              node={node}
              at={positions.get(node.id)!}
              radius={nodeRadius}
              now={now}
              selected={node.id === selectedNode}
              onSideB={partitionSideB?.includes(node.id) ?? false}
              patternPrefix={`${patternPrefix}-fg`}
            />
          </g>
        ))}
        {nodeLabels.map((label) => (
          <NodeLabel key={label.node} label={label} />
        ))}
        {streamLabels.map((label) => (
          <text
            key={label.node}
            className="viz-label viz-stream-label"
            x={label.box.x + 1}
            y={label.box.y + labelLineHeight - 3.5}
          >
            {label.text}
          </text>
        ))}
      </svg>
    </div>
  );
}

function NodeLabel({ label }: { label: PlacedLabel }) {
  return (
    <g className="viz-node-label" data-node={label.node}>
      {label.lines.map((line, index) => (
        <text
          key={index}
          className={index === 0 ? 'viz-label viz-node__label' : 'viz-label viz-node__sublabel'}
          x={label.box.x + label.box.width / 2}
          y={label.box.y + (index + 1) * labelLineHeight - 3.5}
        >
          {line.strong && <tspan className="viz-node__id">{line.strong}</tspan>}
          {line.text}
        </text>
      ))}
    </g>
  );
}

/** Approximate box of a region's name on the map (12 px text centred on the city). */
function mapLabelBox(region: { x: number; labelY: number; label: string }): Box {
  const width = textWidth(region.label, `${labelFontPx}px system-ui, sans-serif`, labelFontPx);
  return { x: region.x - width / 2, y: region.labelY - labelFontPx, width, height: labelLineHeight };
}

function placeClientStreamLabels(
  requests: ReturnType<typeof clientRequests>,
  from: Point,
  positions: ReadonlyMap<string, Point>,
  obstacles: readonly Box[],
  view: { width: number; height: number },
): { node: string; text: string; box: Box }[] {
  const items = requests.byNode
    .map((entry) => ({ ...entry, to: positions.get(entry.node) }))
    .filter((entry): entry is typeof entry & { to: Point } => entry.to !== undefined);
  const boxes = placeLabels(
    items.map((entry) => {
      const text = streamText(entry.count);
      const width = Math.ceil(textWidth(text, `${labelFontPx}px system-ui, sans-serif`, labelFontPx)) + 2;
      const middle = lerp(from, entry.to, 0.5);
      return {
        width,
        height: labelLineHeight,
        candidates: [
          { x: middle.x - width / 2, y: middle.y - labelLineHeight - 6 },
          { x: middle.x - width / 2, y: middle.y + 6 },
          // On a narrow screen the link is short: above the clients instead.
          { x: from.x - width / 2, y: from.y - 24 - labelLineHeight },
        ],
      };
    }),
    obstacles,
    view,
  );
  return items.flatMap((entry, index) =>
    boxes[index] ? [{ node: entry.node, text: streamText(entry.count), box: boxes[index]! }] : [],
  );
}

function streamText(count: number): string {
  return `×${count} request${count === 1 ? '' : 's'}`;
}

/** Frames are new objects every time, so the last answer is kept and reused while nodes and cuts stay the same. */
let lastGroups: { key: string; groups: string[][] } | null = null;
function partitionGroupsOf(ids: readonly string[], cuts: readonly (readonly [string, string])[]): string[][] {
  const key = JSON.stringify([ids, cuts]);
  if (lastGroups?.key !== key) lastGroups = { key, groups: partitionGroups(ids, cuts) };
  return lastGroups.groups;
}

/** A closed path through the group's points: stroked thick with round joins, it becomes a soft area. */
function groupOutline(points: readonly Point[]): string {
  if (points.length === 0) return '';
  return `M${points.map((point) => `${point.x},${point.y}`).join('L')}Z`;
}

/** Two short strokes across the link, like the marks of a cut cable. */
function CutMark({ at, from, to }: { at: Point; from: Point; to: Point }) {
  const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
  const ux = (to.x - from.x) / length;
  const uy = (to.y - from.y) / length;
  const half = 7;
  const gap = 3;
  const stroke = (offset: number) =>
    `M${at.x + ux * offset - uy * half},${at.y + uy * offset + ux * half}L${at.x + ux * offset + uy * half},${at.y + uy * offset - ux * half}`;
  return <path d={`${stroke(-gap)}${stroke(gap)}`} className="viz-cut-mark" stroke={okabeIto.vermillion} />;
}
