/**
 * <ShardKeyChooser />: pick a shard key and a placement for a posts table, and see what each kind of
 * query costs, how evenly rows spread and where new posts land. The numbers come from shardKeyChooser.ts.
 */
import { useId, useMemo, useState } from 'react';
import type { Column } from '../engine/protocols/partitioning/shardKeys';
import './exercises.css';
import {
  arrivingPosts,
  buildChooserData,
  formatShardsAsked,
  measureShardKey,
  placementChoices,
  queryKinds,
  shardCount,
  shardKeyChoices,
  summarizeOutcome,
  type Placement,
} from './shardKeyChooser';

const percent = (share: number) => `${Math.round(share * 100)}%`;

export function ShardKeyChooser() {
  const id = useId();
  const [data] = useState(buildChooserData);
  const [column, setColumn] = useState<Column>('userId');
  const [placement, setPlacement] = useState<Placement>('hash');
  const outcome = useMemo(() => measureShardKey(data, column, placement), [data, column, placement]);
  const summary = summarizeOutcome(outcome);
  const keyLabel = shardKeyChoices.find((choice) => choice.column === column)!.label.toLowerCase();
  const placementLabel = placementChoices
    .find((choice) => choice.placement === placement)!
    .label.toLowerCase();

  return (
    <section className="exercise" aria-label="Shard key chooser">
      <div className="exercise__choices">
        <fieldset className="exercise__fieldset">
          <legend>Shard key</legend>
          {shardKeyChoices.map((choice) => (
            <label key={choice.column} className="exercise__radio">
              <input
                type="radio"
                name={`${id}-key`}
                value={choice.column}
                checked={column === choice.column}
                onChange={() => setColumn(choice.column)}
              />
              {choice.label}
            </label>
          ))}
        </fieldset>
        <fieldset className="exercise__fieldset">
          <legend>Placement</legend>
          {placementChoices.map((choice) => (
            <label key={choice.placement} className="exercise__radio">
              <input
                type="radio"
                name={`${id}-placement`}
                value={choice.placement}
                checked={placement === choice.placement}
                onChange={() => setPlacement(choice.placement)}
              />
              {choice.label}
            </label>
          ))}
        </fieldset>
      </div>

      <div className="table-scroll" role="group" aria-label="Results, scrolls sideways" tabIndex={0}>
        <table className="exercise__table">
          <caption>
            Sharded by {keyLabel}, {placementLabel}, on {shardCount} shards
          </caption>
          <thead>
            <tr>
              <th scope="col">Measure</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {queryKinds.map((kind) => (
              <tr key={kind}>
                <th scope="row">Shards asked for {kind}</th>
                <td>{formatShardsAsked(outcome.shardsAsked[kind])}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">Distinct values of the key</th>
              <td>{outcome.distinctValues.toLocaleString('en')}</td>
            </tr>
            <tr>
              <th scope="row">Rows on the fullest shard</th>
              <td>{outcome.dataImbalance.toFixed(2)} × the average</td>
            </tr>
            <tr>
              <th scope="row">Of {arrivingPosts.toLocaleString('en')} new posts, the most on one shard</th>
              <td>
                {percent(outcome.newPostsOnBusiestShard)} (even would be {percent(1 / shardCount)})
              </td>
            </tr>
            <tr>
              <th scope="row">Can a row’s key change?</th>
              <td>{outcome.canChange ? 'Yes' : 'No'}</td>
            </tr>
          </tbody>
        </table>
      </div>

      <div className="exercise__summary" aria-live="polite">
        <p className="exercise__summary-heading">Good</p>
        <ul>
          {summary.strengths.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <p className="exercise__summary-heading">Costly</p>
        <ul>
          {summary.costs.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </div>
    </section>
  );
}
