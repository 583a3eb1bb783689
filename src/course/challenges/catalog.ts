/**
 * Every challenge in the course, as data (src/engine/analysis/challenges/definition.ts describes the
 * fields). A lesson places one with <Challenge id="…" />; the Challenges page lists them in this order,
 * easiest first within each lesson. Each has a test (catalog.test.ts): a solvable one is solved within its
 * budget by a reference schedule, an impossible one survives random schedules within its budget.
 */
import { challengeSchema, type Challenge, type ChallengeInput } from '../../engine/analysis/challenges';

const inputs: ChallengeInput[] = [
  {
    id: 'lose-an-acknowledged-write',
    title: 'Lose a write the client was told succeeded',
    lesson: 'replication',
    difficulty: 'easy',
    task: 'Three replicas with asynchronous replication; when the leader n1 stops answering, the others promote a follower on their own (lesson 5 shows how). Make the cluster lose a write that a client was told had succeeded.',
    scenario: 'failover/async-data-loss',
    overrides: {
      faults: [],
      durationMs: 6000,
      workload: {
        clients: 3,
        ratePerClient: 10,
        mix: { read: 0.3, write: 0.7, cas: 0 },
        keys: { count: 3 },
        target: 'home',
        timeoutMs: 500,
      },
    },
    goal: {
      checks: ['no-acknowledged-write-lost'],
      property: 'Every write a client was told succeeded is still in the log of the leader at the end.',
    },
    budget: {
      faultKinds: ['crash', 'restart', 'isolate', 'partition', 'cut', 'heal'],
      maxActions: 3,
      deadlineMs: 4000,
    },
    hints: [
      'An asynchronous leader confirms a write as soon as it is in its own log. What if nobody else ever receives it?',
      'Cut the leader off from its followers, but let it keep serving the clients that talk to it directly.',
      'Isolate n1 and wait: the followers elect a new leader that never saw what n1 confirmed after the cut.',
    ],
    whyItBreaks:
      'One action is enough: once n1 is isolated it still confirms its own clients’ writes, since an asynchronous leader waits for nobody. The followers stop hearing it, elect n2, and carry on without those writes; when n1 rejoins it steps down and rolls them back.',
  },
  {
    id: 'stale-read-one-way',
    title: 'A stale read with one-way cuts only',
    lesson: 'consistency-and-cap',
    difficulty: 'medium',
    task: 'Three replicas with consistency ONE (one replica answers each read and each write). bob writes x through n2 and alice reads it through n1 every 200 ms. Using only one-way link cuts, make alice read a value older than one bob had already been told was written.',
    scenario: 'quorum/partition-one',
    overrides: { faults: [], durationMs: 4500 },
    goal: {
      checks: ['no-stale-reads'],
      property: 'No read returns a value older than a write acknowledged before the read began.',
    },
    budget: { faultKinds: ['cut', 'heal'], maxActions: 2, deadlineMs: 3000 },
    hints: [
      'A cut is one-way: "n2 → n1" stops what n2 sends to n1, while n1 can still send to n2. Which direction carries bob’s writes to n1?',
      'n1 answers alice with the first replica that replies, and its own copy replies first. Keep the new values away from n1’s copy.',
      'Cut the link that carries bob’s writes into n1: n2 → n1.',
    ],
    whyItBreaks:
      'One cut is enough: n2 coordinates bob’s writes and sends each to all three replicas, so with n2 → n1 cut n1’s copy never gets them. With consistency ONE, alice’s read through n1 takes the first answer, which comes from n1’s own copy, so she keeps reading the value from before the cut. Cutting the other direction, n1 → n2, breaks nothing: the writes still arrive.',
  },
  {
    id: 'two-raft-leaders',
    title: 'Two Raft leaders in one term',
    lesson: 'failover-and-consensus',
    difficulty: 'hard',
    task: 'Five Raft nodes. Crash, restart, pause, partition and cut them as you like, and make two nodes lead the same term.',
    scenario: 'raft/leader-crash',
    overrides: { faults: [], workload: { clients: 0 }, checks: [], durationMs: 2500 },
    goal: {
      checks: ['Election safety'],
      property: 'At most one node is leader in any term, over the whole run.',
    },
    budget: {
      faultKinds: ['crash', 'restart', 'pause', 'resume', 'partition', 'isolate', 'cut', 'heal'],
      maxActions: 6,
      deadlineMs: 2000,
    },
    hints: [
      'A leader needs votes from a majority: three of the five nodes. Can you make two candidates each collect three votes in the same term?',
      'Try splitting the cluster and crashing the node that voted, so that it forgets.',
      'Look at what a node writes to disk before it answers a vote request.',
    ],
    impossible: {
      why: 'A candidate becomes leader only with votes from a majority, three of five, and any two groups of three nodes share at least one node. That node would have had to vote twice in the same term, but a Raft node votes at most once per term and writes its vote (votedFor, with its term) to disk before it answers, so a crash and restart cannot make it forget. Partitions, cuts and pauses only delay or lose messages; none of them can make a node vote twice. So every term has at most one leader, whatever the schedule: this is Raft’s Election Safety property.',
      section: 'raft-electing-a-leader',
      sectionTitle: 'Raft: electing a leader',
    },
  },
];

export const challenges: readonly Challenge[] = inputs.map((input) => challengeSchema.parse(input));

export function challengeById(id: string): Challenge | undefined {
  return challenges.find((challenge) => challenge.id === id);
}
