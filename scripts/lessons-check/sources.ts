/**
 * A lesson that names a real system or company must end with a Sources list: every statement about a
 * real system cites a public source (docs/authoring.md, "Sources").
 */
import type { Root } from 'mdast';
import type { OffsetProblem } from './problems.ts';
import { offsetOf, textOf, walk } from './tree.ts';

/** Real databases, tools and companies the course talks about. Add a name here when a lesson first uses it. */
export const realSystemNames = [
  'Airbnb',
  'Amazon',
  'AWS',
  'Bigtable',
  'Cassandra',
  'Chubby',
  'Citus',
  'ClickHouse',
  'CockroachDB',
  'Consul',
  'Discord',
  'DynamoDB',
  'Dynamo',
  'Elasticsearch',
  'etcd',
  'Facebook',
  'Foursquare',
  'FoundationDB',
  'GitHub',
  'Google',
  'HBase',
  'Instagram',
  'Jepsen',
  'Kafka',
  'MariaDB',
  'Memcached',
  'MongoDB',
  'MySQL',
  'Neo4j',
  'Neptune',
  'Netflix',
  'Oracle',
  'Patroni',
  'PostgreSQL',
  'Redis',
  'Riak',
  'Schemaless',
  'ScyllaDB',
  'Spanner',
  'TiDB',
  'TiKV',
  'TimescaleDB',
  'Uber',
  'Vitess',
  'YugabyteDB',
  'ZooKeeper',
] as const;

const namePattern = new RegExp(`\\b(${realSystemNames.join('|')})\\b`);

function sourcesHeadingIndex(tree: Root): number {
  return tree.children.findIndex(
    (node) => node.type === 'heading' && node.depth === 2 && textOf(node).trim() === 'Sources',
  );
}

/** The lesson without its Sources section: what the student reads through. */
export function withoutSources(tree: Root): Root {
  const index = sourcesHeadingIndex(tree);
  return index < 0 ? tree : { ...tree, children: tree.children.slice(0, index) };
}

/** The `## Sources` heading, if the lesson has one, and whether a non-empty list follows it. */
function sourcesSection(tree: Root): { found: boolean; hasList: boolean } {
  const index = sourcesHeadingIndex(tree);
  if (index < 0) return { found: false, hasList: false };
  const next = tree.children.slice(index + 1).find((node) => node.type !== 'mdxFlowExpression');
  return { found: true, hasList: next?.type === 'list' && next.children.length > 0 };
}

export function checkSources(tree: Root): OffsetProblem[] {
  let first: { name: string; offset: number } | undefined;
  walk(tree, (node) => {
    if (first || (node.type !== 'text' && node.type !== 'inlineCode')) return;
    const match = namePattern.exec(node.value);
    if (match) first = { name: match[1]!, offset: offsetOf(node) };
  });
  if (!first) return [];
  const sources = sourcesSection(tree);
  if (sources.hasList) return [];
  return [
    {
      offset: first.offset,
      message: sources.found
        ? `the lesson names ${first.name}, a real system, but its "## Sources" section has no list`
        : `the lesson names ${first.name}, a real system, but has no "## Sources" section`,
      fix: 'end the lesson with a "## Sources" section: a list with one line per statement about a real system, "statement → public source (title: https://…)"; cut any statement you cannot source',
    },
  ];
}
