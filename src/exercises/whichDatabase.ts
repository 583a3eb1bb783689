/**
 * "Which database?": eight applications, four families of distributed database, and for each
 * application the family that fits best, why, and why each other family fits less well. The pairings
 * follow the decision game in the course's source material; the wording is the course's own.
 */

export const databaseFamilies = [
  { id: 'distributed-sql', name: 'Distributed SQL', examples: 'CockroachDB, Spanner' },
  { id: 'nosql', name: 'Eventually consistent NoSQL', examples: 'Cassandra, Riak' },
  { id: 'sharded-sql', name: 'Sharded PostgreSQL', examples: 'Citus' },
  { id: 'documents', name: 'Sharded document store', examples: 'MongoDB' },
] as const;

export type FamilyId = (typeof databaseFamilies)[number]['id'];
export type DatabaseFamily = (typeof databaseFamilies)[number];

export interface DatabaseScenario {
  id: string;
  title: string;
  situation: string;
  best: FamilyId;
  /** Why the best family fits. */
  reason: string;
  /** For every other family: why it fits less well here. */
  weaker: Partial<Record<FamilyId, string>>;
}

export const databaseScenarios: readonly DatabaseScenario[] = [
  {
    id: 'global-shop',
    title: 'A global online shop',
    situation:
      'A shop sells in forty countries. Placing an order must reserve the stock, take the payment and create the order together, or not at all, whichever region the customer is in.',
    best: 'distributed-sql',
    reason:
      'Orders need ACID transactions that can span nodes and regions, and the shop is global. Distributed SQL gives both: ordinary SQL transactions with strong consistency, on data spread over several regions.',
    weaker: {
      nosql:
        'With eventual consistency two regions could both sell the last item in stock, and transactions over several rows are limited or missing.',
      'sharded-sql':
        'Transactions are easy only inside one shard; an order that touches stock on another shard needs slow cross-shard coordination, and the design is not built to spread one database over several regions.',
      documents:
        'Each shard is a replica set with one primary, so single-shard writes are safe, but transactions across shards cost more than single-shard ones, and a global shop places orders across shards and regions all the time.',
    },
  },
  {
    id: 'social-feed',
    title: 'A social media feed',
    situation:
      'A social app stores billions of posts and likes, and users post around the clock. If a friend’s new post appears in the feed a few seconds late, nobody minds.',
    best: 'nosql',
    reason:
      'Enormous write volume, adding capacity by adding nodes, and no single point of failure matter far more here than instant consistency, which the feed explicitly does not need.',
    weaker: {
      'distributed-sql':
        'It would work, but every write would pay for consensus that the feed does not need, and at billions of writes that costs far more.',
      'sharded-sql':
        'It can grow, but moving data between shards at this scale is heavy work, and the feed uses none of the transactions SQL offers.',
      documents:
        'It could store posts, but its strengths, flexible documents and rich queries, are not what a write-heavy feed needs most; a leaderless store takes writes on every node and scales them linearly.',
    },
  },
  {
    id: 'live-analytics',
    title: 'Real-time analytics',
    situation:
      'A product team collects every click and page view from its apps, millions of events a minute, and updates its dashboards within seconds.',
    best: 'nosql',
    reason:
      'The hard part is write throughput: a torrent of small events that are only ever appended. A count that is a moment stale is fine. (Many teams also copy the events into a columnar analytics store, such as ClickHouse, for the heavy queries.)',
    weaker: {
      'distributed-sql':
        'Agreeing on every event through consensus would throttle ingestion without any benefit; events never conflict.',
      'sharded-sql':
        'Each shard has one leader for writes, so absorbing millions of events a minute needs many shards and frequent resharding.',
      documents:
        'Flexible documents are not the need here; a write-optimised leaderless store absorbs an event stream more cheaply.',
    },
  },
  {
    id: 'trading',
    title: 'A financial trading system',
    situation:
      'A trading platform records orders and executions. Every trader must see the same order book, and a trade must never be lost or applied twice.',
    best: 'distributed-sql',
    reason:
      'Strong consistency is the whole requirement. Distributed SQL keeps replicas consistent by consensus and gives ACID transactions, so a confirmed trade survives a failed node and nobody sees a different order book.',
    weaker: {
      nosql:
        'Eventual consistency lets two traders see different order books, and last-writer-wins could silently drop a trade.',
      'sharded-sql':
        'Each shard is consistent on its own, but a trade that touches accounts on two shards needs cross-shard transactions, which are slow or hard here.',
      documents:
        'Writes to one shard go through its primary and, by default, wait for a majority; but trades that touch several shards need cross-shard transactions, which cost more, and reads from secondaries can be stale.',
    },
  },
  {
    id: 'iot',
    title: 'IoT sensor data',
    situation:
      'A utility collects a reading every ten seconds from each of two million smart meters and keeps years of history for every meter.',
    best: 'nosql',
    reason:
      'Billions of small, time-stamped writes a day that never conflict, read back per meter and time range: a time-series workload that leaderless wide-column stores handle well, and where eventual consistency is harmless.',
    weaker: {
      'distributed-sql':
        'Consensus and transactions on every reading add cost and delay for nothing; two readings never conflict.',
      'sharded-sql':
        'Possible, but write throughput per shard and the effort of resharding become painful at billions of rows a day.',
      documents:
        'Readings are uniform, so flexible documents add nothing, and a leaderless store scales writes more simply.',
    },
  },
  {
    id: 'saas',
    title: 'A multi-tenant SaaS product',
    situation:
      'An accounting service is used by 5,000 companies. Each company’s data must stay apart from every other’s, the application is already written for PostgreSQL, and its reports use SQL joins.',
    best: 'sharded-sql',
    reason:
      'Sharding by tenant puts each company on one shard, so its queries and transactions stay inside one shard with full SQL, tenants are isolated from each other, and the existing PostgreSQL code keeps working.',
    weaker: {
      'distributed-sql':
        'It would work, but it means a migration and paying for consensus on every write, when each tenant’s transactions never leave its own shard.',
      nosql: 'The application needs joins and transactions, which eventually consistent stores lack.',
      documents:
        'It would mean rewriting a relational application around documents, and accounting reports need joins and transactions.',
    },
  },
  {
    id: 'cms',
    title: 'A content management system',
    situation:
      'A publisher stores articles, videos, galleries and podcasts, each kind with different fields, and a new kind of content appears every few months. Editors search by tag, author and date.',
    best: 'documents',
    reason:
      'Each item is a self-contained document whose fields vary by kind, and editors need rich queries. A document store’s flexible schema and query language fit, and sharding lets it grow.',
    weaker: {
      'distributed-sql':
        'A fixed relational schema fights content types that keep changing, and global transactions are not needed.',
      nosql:
        'Wide-column stores need every query planned around the partition key; editors’ searches by tag, author or date suit a document store’s query language better.',
      'sharded-sql': 'Every new kind of content means a schema migration on every shard.',
    },
  },
  {
    id: 'leaderboard',
    title: 'A gaming leaderboard',
    situation:
      'A mobile game with tens of millions of players records every score, with bursts of hundreds of thousands of updates a second during live events.',
    best: 'nosql',
    reason:
      'Extreme write throughput with sudden bursts is the requirement, and a score that appears a moment late harms nobody. A leaderless store accepts writes on every node and scales them by adding nodes.',
    weaker: {
      'distributed-sql':
        'Consensus on every score update limits throughput and adds delay where slight staleness is harmless.',
      'sharded-sql':
        'A single leader per shard struggles with bursts this large, and the busiest shard becomes a hot spot.',
      documents: 'It could work, but a leaderless store that takes writes on every node absorbs bursts best.',
    },
  },
];

export function familyById(id: FamilyId): DatabaseFamily {
  return databaseFamilies.find((family) => family.id === id)!;
}

export interface Feedback {
  correct: boolean;
  best: DatabaseFamily;
  reason: string;
  /** Why the chosen family fits less well; only for a wrong choice. */
  whyNotChosen: string | null;
}

export function feedbackFor(scenario: DatabaseScenario, choice: FamilyId): Feedback {
  const correct = choice === scenario.best;
  return {
    correct,
    best: familyById(scenario.best),
    reason: scenario.reason,
    whyNotChosen: correct ? null : (scenario.weaker[choice] ?? null),
  };
}

/** Answers so far, by scenario id; the first answer to each scenario is the one that counts. */
export type Answers = Readonly<Record<string, FamilyId>>;

export function scoreOf(answers: Answers): { correct: number; answered: number; total: number } {
  const answered = databaseScenarios.filter((scenario) => answers[scenario.id] !== undefined);
  return {
    correct: answered.filter((scenario) => answers[scenario.id] === scenario.best).length,
    answered: answered.length,
    total: databaseScenarios.length,
  };
}

/** Records an answer unless the scenario was already answered. */
export function withAnswer(answers: Answers, scenarioId: string, choice: FamilyId): Answers {
  return answers[scenarioId] !== undefined ? answers : { ...answers, [scenarioId]: choice };
}
