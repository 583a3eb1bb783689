/**
 * Raft's safety properties (Figure 3 of the paper, and the checks of the MIT 6.5840 Raft tests), checked
 * after every event of a simulation run with `checkInvariants`.
 *
 * Several properties are about the whole run, not one instant ("at most one leader per term, ever").
 * A cluster observer remembers what it has seen: who led which term, the (index, term) of every entry,
 * what was committed and what was applied at each index. Its memory is plain data kept in the world
 * (`context.observations.raft`), so checkpoints copy it with the nodes it points into and a seek back in
 * time restores exactly what it knew then: a violation is reported at the same time however the run got
 * there. It catches up incrementally: logs only ever change at their end, so it compares each log with
 * the entries it saw last time from the back.
 */
import type { Invariant, InvariantContext, NodeId } from '../../core/types';
import { majority } from '../shared/majority';
import { commandIdentity, commandText, termAt } from './log';
import { applyCommand, emptyStateMachine } from './stateMachine';
import type { LogEntry, RaftDurable, RaftParams, RaftVolatile, Role, StateMachine } from './types';

export const RAFT_INVARIANTS = [
  /** At most one leader per term, over the whole run. */
  'Election safety',
  /** A leader never overwrites or deletes entries in its log during its term. */
  'Leader append-only',
  /** An (index, term) pair always names the same command after the same predecessor, so logs sharing an entry share the prefix. */
  'Log matching',
  /** A committed entry is in the log of every leader of a later term. */
  'Leader completeness',
  /** No two nodes (or one node before and after a restart) apply different commands at the same index, or call different entries committed. */
  'State machine safety',
  /** Each node applies exactly its log's entries 1…lastApplied, in order, never past commitIndex, and never rewrites an applied entry. */
  'In-order apply',
  /** Every committed entry stays on the disks of a majority, through crashes and restarts. */
  'Committed entries persist',
] as const;

export type RaftInvariantName = (typeof RAFT_INVARIANTS)[number];
type Context = InvariantContext<RaftDurable, RaftVolatile, RaftParams>;

interface NodeMemory {
  /** The node's log as last seen (the same, never-mutated entry objects). */
  entries: LogEntry[];
  /** The node's memory object as last seen: a new one means the node restarted. */
  volatile: RaftVolatile | null;
  role: Role | 'down';
  term: number;
  commitIndex: number;
  lastApplied: number;
  /** The key-value store obtained by applying the node's entries 1…lastApplied in order ourselves. */
  replay: StateMachine;
  /** Entries 1…agreedUpTo of this node's log were compared with the committed record. */
  agreedUpTo: number;
}

interface EntryRecord {
  term: number;
  identity: string;
  text: string;
  node: NodeId;
}

/** Plain data (records, arrays), so checkpoints can copy it. */
interface Observer {
  nodes: Record<NodeId, NodeMemory>;
  leaderOfTerm: Record<number, NodeId>;
  /** Keyed "index:term": the command and the predecessor's term first seen there. */
  entryFacts: Record<string, { identity: string; text: string; prevTerm: number; node: NodeId }>;
  /** committed[i - 1]: the entry first seen committed at index i, the observer's term then, and how many logs hold it. */
  committed: (EntryRecord & { observedInTerm: number; holders: number })[];
  /** applied[i - 1]: the entry first applied at index i. */
  applied: EntryRecord[];
  /** The first violation of each property, in the order they were found. */
  violations: Partial<Record<RaftInvariantName, string>>;
}

const identities = new WeakMap<LogEntry, string>();

function identityOf(entry: LogEntry): string {
  let identity = identities.get(entry);
  if (identity === undefined) identities.set(entry, (identity = commandIdentity(entry.command)));
  return identity;
}

function describe(entry: { term: number; text: string }): string {
  return `(term ${entry.term}: ${entry.text})`;
}

function holds(entry: LogEntry | undefined, record: { term: number; identity: string }): boolean {
  return entry !== undefined && entry.term === record.term && identityOf(entry) === record.identity;
}

/** Length of the unchanged prefix: logs change only at their end, so scan back until the entries agree. */
function unchangedPrefix(before: readonly LogEntry[], after: readonly LogEntry[]): number {
  let length = Math.min(before.length, after.length);
  while (length > 0 && before[length - 1] !== after[length - 1]) length--;
  return length;
}

/** Nothing this observer looks at changed since it last saw the node (the usual case for all but one node). */
function unchanged(
  memory: NodeMemory | undefined,
  durable: RaftDurable,
  volatile: RaftVolatile | null,
): boolean {
  if (!memory) return false;
  const log = durable.log;
  return (
    memory.volatile === volatile &&
    memory.entries.length === log.length &&
    memory.entries[log.length - 1] === log[log.length - 1] &&
    memory.term === durable.currentTerm &&
    memory.role === (volatile?.role ?? 'down') &&
    memory.commitIndex === (volatile?.commitIndex ?? 0) &&
    memory.lastApplied === (volatile?.machine.lastApplied ?? 0)
  );
}

/** Brings the observer up to date with the cluster and returns every violation found so far. */
export function observeRaftCluster(context: Context): Readonly<Partial<Record<RaftInvariantName, string>>> {
  const observer = (context.observations.raft ??= {
    nodes: {},
    leaderOfTerm: {},
    entryFacts: {},
    committed: [],
    applied: [],
    violations: {},
  }) as Observer;
  let changed = false;
  for (const [id, { state }] of context.nodes) {
    if (!unchanged(observer.nodes[id], state.durable, state.volatile)) changed = true;
  }
  if (!changed) return observer.violations;
  const report = (name: RaftInvariantName, text: string) => {
    observer.violations[name] ??= text;
  };
  const clusterSize = context.nodes.size;
  const needed = majority(clusterSize);
  const weakened = new Set<number>();
  const nodes = [...context.nodes].map(([id, { state }]) => {
    let memory = observer.nodes[id];
    if (!memory) {
      memory = {
        entries: [],
        volatile: null,
        role: 'down',
        term: 0,
        commitIndex: 0,
        lastApplied: 0,
        replay: emptyStateMachine(),
        agreedUpTo: 0,
      };
      observer.nodes[id] = memory;
    }
    return { id, durable: state.durable, volatile: state.volatile, memory };
  });

  // 1. Log changes: entries removed from the end, entries added.
  for (const { id, durable, volatile, memory } of nodes) {
    const log = durable.log;
    const kept = unchangedPrefix(memory.entries, log);
    if (kept === memory.entries.length && kept === log.length) continue;
    const stillLeader =
      memory.role === 'leader' && volatile?.role === 'leader' && durable.currentTerm === memory.term;
    if (kept < memory.entries.length && stillLeader) {
      report(
        'Leader append-only',
        `${id} removed entries ${kept + 1}…${memory.entries.length} from its own log while leader of term ${memory.term}`,
      );
    }
    if (kept < memory.lastApplied) {
      report('In-order apply', `${id} replaced entry ${kept + 1} of its log after applying it`);
    }
    for (let index = kept + 1; index <= memory.entries.length; index++) {
      const record = observer.committed[index - 1];
      if (record && holds(memory.entries[index - 1], record)) {
        record.holders--;
        weakened.add(index);
      }
    }
    for (let index = kept + 1; index <= log.length; index++) {
      const entry = log[index - 1]!;
      checkLogMatching(observer, id, index, entry, termAt(log, index - 1)!, report);
      const record = observer.committed[index - 1];
      if (record && holds(entry, record)) record.holders++;
    }
    memory.entries.length = kept;
    for (let index = kept + 1; index <= log.length; index++) memory.entries.push(log[index - 1]!);
    memory.agreedUpTo = Math.min(memory.agreedUpTo, kept);
  }

  // 2. Commits: record newly committed entries, then compare each node's committed prefix with the record.
  for (const { id, durable, volatile, memory } of nodes) {
    if (!volatile) {
      memory.agreedUpTo = 0;
      continue;
    }
    const log = durable.log;
    if (volatile.commitIndex > log.length) {
      report(
        'State machine safety',
        `${id}'s commitIndex ${volatile.commitIndex} is past the end of its log (${log.length} entries)`,
      );
    }
    const commitIndex = Math.min(volatile.commitIndex, log.length);
    for (let index = observer.committed.length + 1; index <= commitIndex; index++) {
      const entry = log[index - 1]!;
      const holders = nodes.filter((node) =>
        holds(node.durable.log[index - 1], { term: entry.term, identity: identityOf(entry) }),
      ).length;
      const record = {
        term: entry.term,
        identity: identityOf(entry),
        text: commandText(entry.command),
        node: id,
        observedInTerm: durable.currentTerm,
        holders,
      };
      observer.committed.push(record);
      if (holders < needed) {
        report(
          'Committed entries persist',
          `${id} committed entry ${index} ${describe(record)} while only ${holders} of ${clusterSize} nodes held it`,
        );
      }
      for (const leader of nodes) {
        if (
          leader.volatile?.role === 'leader' &&
          leader.durable.currentTerm > record.observedInTerm &&
          !holds(leader.durable.log[index - 1], record)
        ) {
          report(
            'Leader completeness',
            `${leader.id} is leader of term ${leader.durable.currentTerm} but lacks entry ${index} ${describe(record)}, committed in term ${record.observedInTerm}`,
          );
        }
      }
    }
    for (let index = memory.agreedUpTo + 1; index <= commitIndex; index++) {
      const record = observer.committed[index - 1]!;
      const entry = log[index - 1]!;
      if (!holds(entry, record)) {
        report(
          'State machine safety',
          `${id} treats entry ${index} ${describe({ term: entry.term, text: commandText(entry.command) })} as committed, but ${record.node} committed ${describe(record)} at that index`,
        );
      }
    }
    memory.agreedUpTo = commitIndex;
  }

  // 3. Leaders: one per term, and each new one holds everything committed in earlier terms.
  for (const { id, durable, volatile, memory } of nodes) {
    if (volatile?.role !== 'leader') continue;
    const term = durable.currentTerm;
    const other = observer.leaderOfTerm[term];
    if (other !== undefined && other !== id)
      report('Election safety', `${other} and ${id} were both leader in term ${term}`);
    else observer.leaderOfTerm[term] = id;
    if (memory.role === 'leader' && memory.term === term) continue;
    const missing = observer.committed.findIndex(
      (record, i) => record.observedInTerm < term && !holds(durable.log[i], record),
    );
    if (missing >= 0) {
      const record = observer.committed[missing]!;
      report(
        'Leader completeness',
        `${id} became leader of term ${term} without entry ${missing + 1} ${describe(record)}, committed in term ${record.observedInTerm}`,
      );
    }
  }

  // 4. Applying: replay each newly applied entry ourselves and compare with what other nodes applied.
  for (const { id, durable, volatile, memory } of nodes) {
    memory.volatile = volatile;
    memory.role = volatile ? volatile.role : 'down';
    memory.term = durable.currentTerm;
    memory.commitIndex = volatile?.commitIndex ?? 0;
    const applied = volatile?.machine.lastApplied ?? 0;
    if (applied < memory.lastApplied) {
      if (volatile)
        report(
          'In-order apply',
          `${id}'s lastApplied went back from ${memory.lastApplied} to ${applied} without a restart`,
        );
      memory.lastApplied = 0;
      memory.replay = emptyStateMachine();
    }
    if (!volatile || applied === memory.lastApplied) continue;
    if (applied > volatile.commitIndex)
      report(
        'In-order apply',
        `${id} applied up to entry ${applied} but has committed only up to ${volatile.commitIndex}`,
      );
    for (let index = memory.lastApplied + 1; index <= applied; index++) {
      const entry = durable.log[index - 1];
      if (!entry) {
        report('In-order apply', `${id} applied entry ${index}, which is not in its log`);
        break;
      }
      applyCommand(memory.replay, entry.command);
      const record = {
        term: entry.term,
        identity: identityOf(entry),
        text: commandText(entry.command),
        node: id,
      };
      const first = observer.applied[index - 1];
      if (!first) observer.applied.push(record);
      else if (!holds(entry, first)) {
        report(
          'State machine safety',
          `${id} applied ${describe(record)} at index ${index}, but ${first.node} applied ${describe(first)} there`,
        );
      }
    }
    memory.lastApplied = applied;
    if (!sameStore(memory.replay.kv, volatile.machine.kv)) {
      report(
        'In-order apply',
        `${id}'s key-value store differs from applying its log entries 1…${applied} in order`,
      );
    }
  }

  for (const index of weakened) {
    const record = observer.committed[index - 1]!;
    if (record.holders < needed) {
      report(
        'Committed entries persist',
        `committed entry ${index} ${describe(record)} is now held by only ${record.holders} of ${clusterSize} nodes`,
      );
    }
  }
  return observer.violations;
}

function checkLogMatching(
  observer: Observer,
  node: NodeId,
  index: number,
  entry: LogEntry,
  prevTerm: number,
  report: (name: RaftInvariantName, text: string) => void,
): void {
  const key = `${index}:${entry.term}`;
  const fact = observer.entryFacts[key];
  const identity = identityOf(entry);
  if (!fact) {
    observer.entryFacts[key] = { identity, text: commandText(entry.command), prevTerm, node };
  } else if (fact.identity !== identity) {
    report(
      'Log matching',
      `${fact.node} and ${node} both have an entry at index ${index} in term ${entry.term}, but with different commands ("${fact.text}" and "${commandText(entry.command)}")`,
    );
  } else if (fact.prevTerm !== prevTerm) {
    report(
      'Log matching',
      `${fact.node} and ${node} share entry ${index} of term ${entry.term} but not the entry before it (term ${fact.prevTerm} vs term ${prevTerm})`,
    );
  }
}

function sameStore(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.is(a[key], b[key]));
}

export const raftInvariants: Invariant<RaftDurable, RaftVolatile, RaftParams>[] = RAFT_INVARIANTS.map(
  (name) => ({
    name,
    check: (context) => observeRaftCluster(context)[name] ?? null,
  }),
);
