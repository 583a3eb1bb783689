/**
 * Session guarantees through version tokens (the approach of MongoDB's causally consistent sessions):
 * every reply carries the highest log position the client has written and read, the client sends it back
 * with its next request, and a follower serves a read only once its log reaches the position the
 * guarantee needs. A follower that is behind holds the read until it catches up; if that takes longer
 * than `sessionWaitMs` it sends the client to the leader instead.
 */
import type { ClientRequest } from '../../../core/types';
import type { ReplicationParams, SessionGuarantee } from './params';

export interface SessionToken {
  /** Log index of the client's latest acknowledged write. */
  written: number;
  /** Log position of the newest state the client has read. */
  read: number;
}

const sessionGuarantees: readonly SessionGuarantee[] = [
  'none',
  'read-your-writes',
  'monotonic-reads',
  'both',
];

export function guaranteeFor(request: ClientRequest, params: ReplicationParams): SessionGuarantee {
  const requested = request.options?.session;
  return sessionGuarantees.includes(requested as SessionGuarantee)
    ? (requested as SessionGuarantee)
    : params.session;
}

export function tokenOf(request: ClientRequest): SessionToken {
  const session = request.session as Partial<SessionToken> | undefined;
  return { written: session?.written ?? 0, read: session?.read ?? 0 };
}

/** The log position a node must have reached to serve this client's read. */
export function positionNeeded(token: SessionToken, guarantee: SessionGuarantee): number {
  switch (guarantee) {
    case 'none':
      return 0;
    case 'read-your-writes':
      return token.written;
    case 'monotonic-reads':
      return token.read;
    case 'both':
      return Math.max(token.written, token.read);
  }
}

export function afterWrite(token: SessionToken, index: number): SessionToken {
  return { written: Math.max(token.written, index), read: token.read };
}

export function afterRead(token: SessionToken, position: number): SessionToken {
  return { written: token.written, read: Math.max(token.read, position) };
}
