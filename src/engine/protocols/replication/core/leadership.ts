/**
 * Who leads: promotion to a new epoch, stepping down, and deciding whether a message that claims to come
 * from a leader should be followed (where the fencing modes differ).
 */
import type { NodeId } from '../../../core/types';
import { failPendingWrites, sendAppend } from './shipping';
import {
  applyVisible,
  downstream,
  fencesByEpoch,
  resetSenderState,
  type ReplicaContext,
  type ReplicaState,
  type Stream,
} from './state';

/**
 * Becomes leader of `epoch`. With STONITH fencing it first powers off the leader it followed (unless that
 * leader handed over in a planned switchover). The engine's powerOff works across partitions, like the
 * out-of-band power switch (IPMI, a PDU) real STONITH uses.
 */
export function promote(
  ctx: ReplicaContext,
  state: ReplicaState,
  epoch: number,
  options: { how: string; handedOver?: boolean },
): void {
  const { durable, volatile } = state;
  const previousLeader = durable.leader;
  const how = options.how;
  if (ctx.params.fencing === 'stonith' && !options.handedOver) {
    if (previousLeader && previousLeader !== ctx.self) {
      ctx.powerOff(previousLeader);
    } else {
      ctx.note(`${ctx.self} cannot fence anyone: it knows of no previous leader`);
    }
  }
  durable.role = 'leader';
  durable.epoch = epoch;
  durable.leader = ctx.self;
  durable.synced = { leader: ctx.self, epoch, epochStart: durable.log.length + 1 };
  // Whatever the new leader holds becomes the history from now on.
  durable.commitIndex = durable.log.length;
  applyVisible(durable);
  resetSenderState(volatile);
  volatile.writesPausedReason = null;
  ctx.note(`${ctx.self} promoted to leader (epoch ${epoch}) ${how}, log up to index ${durable.log.length}`);
  ctx.broadcast({ type: 'promoted', epoch, leader: ctx.self });
  for (const target of downstream(ctx, durable.synced)) sendAppend(ctx, state, target);
}

/** Starts following `leader` (null: none known yet). A leader doing so steps down. */
export function followLeader(
  ctx: ReplicaContext,
  state: ReplicaState,
  leader: NodeId | null,
  epoch: number,
  why: string,
): void {
  const { durable, volatile } = state;
  if (durable.role === 'leader') {
    ctx.note(`${ctx.self} stepped down: ${why}`);
    failPendingWrites(ctx, volatile, `${ctx.self} stepped down before the write was acknowledged`);
    volatile.writesPausedReason = null;
  }
  durable.role = 'follower';
  durable.epoch = Math.max(durable.epoch, epoch);
  durable.leader = leader;
  resetSenderState(volatile);
}

/**
 * Decides whether a message from `claim.leader` (an append, a heartbeat, an announcement) comes from
 * the leader this node should follow, switching to it when it should. With epoch fencing a higher epoch
 * always wins and a lower one is told it is stale. Without it a node sticks to the leader it was pointed
 * at, and takes the first leader it hears only when it knows of none or believes its own is dead
 * (`currentLeaderSuspected`, from a failure detector).
 */
export function acceptsLeader(
  ctx: ReplicaContext,
  state: ReplicaState,
  from: NodeId,
  claim: Stream,
  currentLeaderSuspected = false,
): boolean {
  const { durable } = state;
  if (claim.leader === ctx.self) return false;
  if (fencesByEpoch(ctx.params)) {
    if (claim.epoch < durable.epoch) {
      ctx.send(from, { type: 'stale', epoch: durable.epoch, leader: durable.leader });
      return false;
    }
    const wonMyEpoch =
      claim.epoch === durable.epoch && (durable.role === 'candidate' || durable.leader === null);
    if (claim.epoch > durable.epoch || wonMyEpoch) {
      followLeader(
        ctx,
        state,
        claim.leader,
        claim.epoch,
        `fenced: saw epoch ${claim.epoch} (leader ${claim.leader})`,
      );
      return true;
    }
    return durable.role !== 'leader' && durable.leader === claim.leader;
  }
  if (durable.role === 'leader' || durable.leader === claim.leader) return durable.role !== 'leader';
  if (durable.leader === null || currentLeaderSuspected) {
    followLeader(ctx, state, claim.leader, claim.epoch, 'found a leader');
    return true;
  }
  return false;
}
