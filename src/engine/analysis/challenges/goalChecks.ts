/**
 * The checks a challenge's goal may name: every checker (src/engine/checkers), the protocol's own
 * invariants (checked after every event), and checks that only challenges need, defined here.
 */
import { checkers, runChecks } from '../../checkers';
import type { Simulation } from '../../core/simulation';
import type { AnyProtocol, CheckResult } from '../../core/types';
import type { ReplicaDurable } from '../../protocols/replication/core/replica';

interface ChallengeCheck {
  appliesTo: (protocol: AnyProtocol) => boolean;
  run: (sim: Simulation) => CheckResult;
}

const leaderBased = ['replication', 'failover'];

/**
 * An acknowledged write is lost when the node leading at the end (the newest epoch's leader that is up)
 * does not hold it: clients reading through the cluster will never see it again. With no leader up at the
 * end nothing is judged lost (it may only be unavailable).
 */
function noAcknowledgedWriteLost(sim: Simulation): CheckResult {
  const name = 'no-acknowledged-write-lost';
  const leaders = sim.nodeIds
    .map((id) => ({ id, node: sim.node(id) }))
    .filter(({ node }) => node.status === 'up' && (node.state.durable as ReplicaDurable).role === 'leader')
    .sort(
      (a, b) =>
        (b.node.state.durable as ReplicaDurable).epoch - (a.node.state.durable as ReplicaDurable).epoch,
    );
  const leader = leaders[0];
  if (!leader)
    return { name, ok: true, detail: 'no node leads at the end, so no write can be judged lost', at: null };
  const log = (leader.node.state.durable as ReplicaDurable).log;
  const held = new Set(log.map((entry) => `${entry.key}\u0000${String(entry.value)}`));
  const acknowledged = sim.world.history.filter((op) => op.type === 'write' && op.ok === true);
  const lost = acknowledged.filter((op) => !held.has(`${op.key}\u0000${String(op.value)}`));
  const first = lost[0];
  if (!first)
    return {
      name,
      ok: true,
      detail: `the leader at the end, ${leader.id}, holds all ${acknowledged.length} acknowledged writes`,
      at: null,
    };
  return {
    name,
    ok: false,
    detail: `${lost.length} acknowledged ${lost.length === 1 ? 'write is' : 'writes are'} missing from ${leader.id}, the leader at the end; the first: ${first.process} wrote ${first.key}=${String(first.value)} through ${first.node} and was told it succeeded at ${first.complete} ms`,
    at: first.complete,
    operations: lost.map((op) => op.id),
  };
}

const challengeChecks: ReadonlyMap<string, ChallengeCheck> = new Map([
  [
    'no-acknowledged-write-lost',
    { appliesTo: (protocol) => leaderBased.includes(protocol.id), run: noAcknowledgedWriteLost },
  ],
]);

/** Every check name a goal may use for this protocol. */
export function goalCheckNames(protocol: AnyProtocol): string[] {
  const challengeOnly = [...challengeChecks].filter(([, check]) => check.appliesTo(protocol));
  return [
    ...checkers.keys(),
    ...(protocol.invariants ?? []).map((invariant) => invariant.name),
    ...challengeOnly.map(([name]) => name),
  ];
}

/** Runs the named checks over a finished run (runChecks reports every invariant, checked after every event). */
export function runGoalChecks(sim: Simulation, names: readonly string[]): CheckResult[] {
  const general = runChecks(
    sim,
    names.filter((name) => checkers.has(name)),
  );
  return names.map((name) => {
    const own = challengeChecks.get(name);
    if (own) return own.run(sim);
    const result = general.find((candidate) => candidate.name === name);
    return result ?? { name, ok: false, detail: `unknown check "${name}"`, at: null };
  });
}
