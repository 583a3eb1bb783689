/**
 * Single-leader replication with failure detection and failover, modelled on MongoDB replica sets
 * (protocol version 1): there is no separate monitor; every follower runs a failure detector on the
 * leader's heartbeats, and a follower that suspects the leader holds an election among its peers (see
 * ./election.ts). The data path is the shared replica in ../replication/core/replica.ts.
 *
 * - Fencing "epochs": every message carries the sender's epoch (MongoDB's term), and a node that has
 *   seen a higher epoch refuses the message and tells the sender to step down.
 * - Fencing "stonith": no epoch checks; the winner of an election powers off the leader it followed
 *   before taking over. The engine's powerOff reaches a node even across a partition, like the
 *   out-of-band power switch real STONITH uses.
 * - Fencing "none": nobody stops the old leader. A leader cut off by a partition keeps serving whoever
 *   can reach it while the majority elects another: split brain.
 *
 * Operator commands: "promote" on a follower (manual failover, no election), and "switchover" with
 * `args: { to }` on the leader (planned, lossless handover).
 */
import { unhandledKind } from '../../core/schema';
import type { Invariant, NodeId, NodeView, Protocol } from '../../core/types';
import {
  describeReplica,
  describeReplicationMessage,
  followLeader,
  handleClientRequest,
  handleReplicationMessage,
  initReplicaDurable,
  initReplicaVolatile,
  onReplicateTimer,
  promote,
  replicationGauges,
  replicationInvariants,
  startReplica,
} from '../replication/core/replica';
import { startListening } from './detector';
import {
  electionTimer,
  onElectionTimeout,
  receiveVoteReply,
  receiveVoteRequest,
  startElection,
} from './election';
import {
  detectTimer,
  heartbeatTimer,
  listenAfresh,
  onDetectTick,
  onHeartbeatTimer,
  receiveHeartbeat,
  sendHeartbeats,
} from './liveness';
import {
  checkFailoverParams,
  failoverParamsSchema,
  nextEpoch,
  type FailoverContext,
  type FailoverDurable,
  type FailoverMessage,
  type FailoverParams,
  type FailoverState,
  type FailoverTimer,
  type FailoverVolatile,
} from './state';
import { beginSwitchover, continueSwitchover, receiveHandover, repeatHandover } from './switchover';
import { failoverTopology } from './topology';

/** Runs a handler, then starts or stops the timers and listening that a change of role or leader calls for. */
function reacting(ctx: FailoverContext, state: FailoverState, handler: () => void): void {
  const before = { role: state.durable.role, leader: state.durable.leader };
  handler();
  continueSwitchover(ctx, state);
  const { durable, volatile } = state;
  const followsSomeoneNew =
    durable.leader !== before.leader && durable.leader !== null && durable.leader !== ctx.self;
  if (followsSomeoneNew || (before.role === 'leader' && durable.role !== 'leader')) listenAfresh(ctx, state);
  if (durable.role === 'leader' && before.role !== 'leader') {
    volatile.suspecting = false;
    volatile.standAt = null;
    sendHeartbeats(ctx, state);
    ctx.setTimer(heartbeatTimer, ctx.params.heartbeatIntervalMs);
  }
  if (durable.role !== 'leader' && before.role === 'leader') {
    ctx.cancelTimer(heartbeatTimer);
    volatile.switchover = null;
  }
  if (durable.role !== 'candidate' && before.role === 'candidate') ctx.cancelTimer(electionTimer);
}

function start(ctx: FailoverContext, state: FailoverState): void {
  const { durable } = state;
  // A node that restarts comes back as a follower and waits to hear from a leader (as MongoDB members do).
  if (durable.started && durable.role !== 'follower') {
    const wasLeader = durable.role === 'leader';
    durable.role = 'follower';
    if (wasLeader) durable.leader = null;
    ctx.note(`${ctx.self} restarted as a follower`);
  }
  durable.started = true;
  startReplica(ctx, state);
  listenAfresh(ctx, state);
  ctx.setTimer(detectTimer, ctx.params.detectorCheckMs);
  if (durable.role === 'leader') {
    sendHeartbeats(ctx, state);
    ctx.setTimer(heartbeatTimer, ctx.params.heartbeatIntervalMs);
  }
}

const oneLeaderPerEpoch: Invariant<FailoverDurable, FailoverVolatile, FailoverParams> = {
  name: 'at most one leader per epoch',
  check(context) {
    const leaderOf = new Map<number, NodeId>();
    for (const [id, node] of context.nodes) {
      const { role, epoch } = node.state.durable;
      if (role !== 'leader') continue;
      const other = leaderOf.get(epoch);
      if (other) return `${other} and ${id} are both leader of epoch ${epoch}`;
      leaderOf.set(epoch, id);
    }
    return null;
  },
};

export const failoverProtocol: Protocol<
  FailoverParams,
  FailoverDurable,
  FailoverVolatile,
  FailoverMessage,
  FailoverTimer
> = {
  id: 'failover',
  title: 'Replication with failure detection and failover',
  paramsSchema: failoverParamsSchema,
  checkParams: checkFailoverParams,
  initDurable: (init) => ({
    ...initReplicaDurable(init),
    vote: null,
    started: false,
    suspicions: 0,
    elections: 0,
  }),
  initVolatile: (init) => ({
    ...initReplicaVolatile(),
    heartbeats: startListening(0, init.params.heartbeatIntervalMs),
    suspecting: false,
    suspicionLevel: 0,
    suspicionReading: '',
    standAt: null,
    positionsFromLeader: {},
    votes: [],
    switchover: null,
    handover: null,
  }),
  onStart: start,
  onMessage(ctx, state, from, message) {
    reacting(ctx, state, () => {
      switch (message.type) {
        case 'heartbeat':
          receiveHeartbeat(ctx, state, from, message);
          break;
        case 'voteRequest':
          receiveVoteRequest(ctx, state, from, message);
          break;
        case 'voteReply':
          receiveVoteReply(ctx, state, from, message);
          break;
        case 'handover':
          receiveHandover(ctx, state, from, message);
          break;
        default:
          handleReplicationMessage(ctx, state, from, message);
      }
    });
  },
  onTimer(ctx, state, timer) {
    reacting(ctx, state, () => {
      switch (timer.kind) {
        case 'replicate':
          onReplicateTimer(ctx, state);
          repeatHandover(ctx, state);
          return;
        case 'heartbeat':
          return onHeartbeatTimer(ctx, state);
        case 'detect':
          if (onDetectTick(ctx, state)) startElection(ctx, state);
          return;
        case 'election':
          return onElectionTimeout(ctx, state);
        default:
          return unhandledKind(timer);
      }
    });
  },
  onClientRequest(ctx, state, request) {
    reacting(ctx, state, () => handleClientRequest(ctx, state, request));
  },
  onOperator(ctx, state, command, args) {
    reacting(ctx, state, () => {
      if (command === 'switchover') beginSwitchover(ctx, state, args.to);
      else if (command === 'promote') {
        if (state.durable.role === 'leader') ctx.note(`${ctx.self} is already the leader`);
        else promote(ctx, state, nextEpoch(state.durable), { how: 'by the operator (manual failover)' });
      } else if (command === 'stepdown' && state.durable.role === 'leader') {
        followLeader(ctx, state, null, state.durable.epoch, 'asked to by the operator');
      } else
        ctx.note(
          `${ctx.self} ignored operator command "${command}" (failover understands promote, switchover, stepdown)`,
        );
    });
  },
  describeMessage(message) {
    if (message.type === 'voteReply') return message.granted ? 'vote yes' : `vote no (${message.refusal})`;
    if (message.type === 'heartbeat' || message.type === 'voteRequest' || message.type === 'handover')
      return message.type;
    return describeReplicationMessage(message);
  },
  topology: ({ params, nodes, views }) => failoverTopology(nodes, views, params.topology),
  describeNode(state): NodeView {
    const durable = state.durable;
    const volatile = state.volatile;
    const view = describeReplica(durable, volatile);
    const details = view.details ?? {};
    if (volatile && durable.role !== 'leader') {
      details['detector'] = volatile.suspicionReading;
      details['suspects the leader'] = volatile.suspecting;
    }
    if (volatile?.switchover) details['switching over to'] = volatile.switchover.target;
    if (durable.vote) details['voted'] = `${durable.vote.for} in epoch ${durable.vote.epoch}`;
    details['times it suspected a leader'] = durable.suspicions;
    details['elections it stood in'] = durable.elections;
    return { ...view, details };
  },
  gauges(context) {
    const gauges = replicationGauges(context);
    for (const [id, node] of context.nodes) {
      const volatile = node.state.volatile;
      if (volatile && node.state.durable.role !== 'leader')
        gauges[`suspicion.${id}`] = volatile.suspicionLevel;
    }
    return gauges;
  },
  invariants: [...replicationInvariants, oneLeaderPerEpoch],
};
