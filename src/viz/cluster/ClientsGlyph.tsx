/**
 * The clients at the left of the drawing: three small figures, how many clients there are, and a band
 * to each node they call whose thickness grows with the requests waiting there (the count is labelled
 * by the cluster view, which places every label).
 */
import { messageTrack, type Point } from '../shared/geometry';
import { clientsIconHalfWidth, type ClientRequests } from './clients';

export function ClientsGlyph({
  at,
  requests,
  positions,
  nodeRadius,
}: {
  at: Point;
  requests: ClientRequests;
  positions: ReadonlyMap<string, Point>;
  nodeRadius: number;
}) {
  return (
    <g className="viz-clients">
      {requests.byNode.map(({ node, count }) => {
        const to = positions.get(node);
        if (!to) return null;
        const [start, end] = messageTrack(
          { x: at.x + clientsIconHalfWidth - nodeRadius, y: at.y },
          to,
          nodeRadius,
          0,
        );
        return (
          <g key={node} data-node={node} data-requests={count}>
            <line x1={start.x} y1={start.y} x2={end.x} y2={end.y} className="viz-clients__link" />
            {count > 0 && (
              <line
                x1={start.x}
                y1={start.y}
                x2={end.x}
                y2={end.y}
                className="viz-clients__stream"
                strokeWidth={Math.min(14, 3 + 2.5 * Math.log2(count))}
              />
            )}
          </g>
        );
      })}
      {[-12, 0, 12].map((dx) => (
        <g
          key={dx}
          transform={`translate(${at.x + dx},${at.y + (dx === 0 ? -4 : 2)})`}
          className="viz-clients__person"
        >
          <circle r={4.5} cy={-8} />
          <path d="M-7,8 a7,7 0 0 1 14,0 Z" />
        </g>
      ))}
      <text className="viz-label viz-clients__label" x={at.x} y={at.y + 27}>
        {requests.clients} client{requests.clients === 1 ? '' : 's'}
      </text>
    </g>
  );
}
