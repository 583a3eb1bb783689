/**
 * Everything a protocol reports about one node, summary first: role, generation and leader, then the
 * protocol's own facts (queue, served, turned away, lag per follower, votes…), replication position and
 * lag, commit index and clock. The log and the key-value table follow, collapsed, since they are long and
 * a guided step rarely needs them. Fields a protocol does not fill are left out.
 */
import type { FrameNode } from '../../engine/core/frame';
import { formatValue, generationLabel } from '../cluster/nodeText';

export interface NodeDetailProps {
  node: FrameNode;
  /** Every node, to compare replication positions. */
  nodes: readonly FrameNode[];
  /** True simulated time, to show the node clock's error. */
  now: number;
  /** Latest protocol gauges, if the engine reports any (e.g. { "lag.n2": 3 }). */
  gauges?: Readonly<Record<string, number>>;
  headingLevel?: 3 | 4;
}

const logRowsShown = 12;

/** How far a node's replication position is behind the furthest node's, when positions are reported. */
export function positionLag(node: FrameNode, nodes: readonly FrameNode[]): number | null {
  if (node.view.position === undefined) return null;
  const positions = nodes
    .map((other) => other.view.position)
    .filter((position): position is number => position !== undefined);
  return Math.max(...positions) - node.view.position;
}

export function NodeDetail({ node, nodes, now, gauges, headingLevel = 3 }: NodeDetailProps) {
  const { view } = node;
  const Heading = `h${headingLevel}` as const;
  const gaugeLag = gauges?.[`lag.${node.id}`];
  const lag = gaugeLag ?? positionLag(node, nodes);
  const clockError = node.clock - now;
  const log = view.log ?? [];
  const shownLog = log.slice(-logRowsShown);
  const kv = Object.entries(view.kv ?? {});
  const details = Object.entries(view.details ?? {});
  return (
    <section className="viz-detail" aria-label={`Node ${node.id}`}>
      <Heading className="viz-detail__title">
        {node.id} <span className={`viz-status viz-status--${node.status}`}>{node.status}</span>
      </Heading>
      <dl className="viz-detail__facts">
        {view.role && <Fact term="Role" value={view.role} />}
        {generationLabel(view) && (
          <Fact term={view.term !== undefined ? 'Term' : 'Epoch'} value={String(view.term ?? view.epoch)} />
        )}
        {view.leader !== undefined && <Fact term="Leader" value={view.leader ?? 'unknown'} />}
        {details.map(([key, value]) => (
          <Fact key={key} term={key} value={String(value)} />
        ))}
        {view.position !== undefined && <Fact term="Replication position" value={String(view.position)} />}
        {lag !== null && (
          <Fact
            term="Replication lag"
            value={
              lag === 0 ? 'up to date' : `${lag} behind${gaugeLag === undefined ? ' the furthest node' : ''}`
            }
          />
        )}
        {view.commitIndex !== undefined && <Fact term="Commit index" value={String(view.commitIndex)} />}
        <Fact
          term="Local clock"
          value={`${node.clock} ms (${clockError === 0 ? 'exact' : `${clockError > 0 ? '+' : ''}${clockError} ms off`})`}
        />
        {node.region && <Fact term="Region" value={node.region} />}
      </dl>

      {view.log && (
        <details className="viz-detail__more">
          <summary>
            Log ({log.length === 0 ? 'empty' : `${log.length} entr${log.length === 1 ? 'y' : 'ies'}`}
            {view.commitIndex !== undefined && log.length > 0 ? `, committed to ${view.commitIndex}` : ''})
          </summary>
          {log.length > 0 && (
            <table className="viz-table">
              <caption className="viz-sr-only">
                Log of {node.id}
                {log.length > shownLog.length ? `, last ${shownLog.length} of ${log.length} entries` : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  {log.some((entry) => entry.term !== undefined) && <th scope="col">Term</th>}
                  <th scope="col">Entry</th>
                  {view.commitIndex !== undefined && <th scope="col">State</th>}
                </tr>
              </thead>
              <tbody>
                {shownLog.map((entry) => {
                  const committed = view.commitIndex !== undefined && entry.index <= view.commitIndex;
                  return (
                    <tr key={entry.index} className={committed ? 'viz-table__committed' : undefined}>
                      <td>{entry.index}</td>
                      {log.some((other) => other.term !== undefined) && <td>{entry.term ?? ''}</td>}
                      <td>{entry.text}</td>
                      {view.commitIndex !== undefined && <td>{committed ? '✓ committed' : 'uncommitted'}</td>}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {log.length > shownLog.length && (
            <p className="viz-detail__note">
              Showing the last {shownLog.length} of {log.length} entries.
            </p>
          )}
        </details>
      )}

      {view.kv ? (
        <details className="viz-detail__more">
          <summary>
            Data ({kv.length === 0 ? 'no keys yet' : `${kv.length} key${kv.length === 1 ? '' : 's'}`})
          </summary>
          {kv.length > 0 && (
            <table className="viz-table">
              <caption className="viz-sr-only">Keys and values on {node.id}</caption>
              <thead>
                <tr>
                  <th scope="col">Key</th>
                  <th scope="col">Value</th>
                </tr>
              </thead>
              <tbody>
                {kv.map(([key, value]) => (
                  <tr key={key}>
                    <td>{key}</td>
                    <td>{formatValue(value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </details>
      ) : (
        <p className="viz-detail__empty">This protocol does not show a key-value table.</p>
      )}
    </section>
  );
}

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <div className="viz-detail__fact">
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}
