/**
 * Open plan event streams, by relationship: history changes are published to everyone in the
 * relationship, and the streams end when the sync sockets of the same people would close.
 *
 * Each stream carries the same `ConnectionContext` a sync socket of that session would, so the
 * accounts layer's "close every connection that matches" reaches streams and sockets alike
 * (`withEventStreams`): logout, session expiry and removal from a team end both, through the one
 * path that already ends sockets.
 *
 * What must stay true: a stream is in the hub exactly while it is open (it removes itself on
 * close, however it closes), and once the hub is closed no stream stays open.
 */
import { CloseCode } from '../../shared/closeCodes.ts';
import { PlanEvent, type EndEventData, type StreamEndReason } from '../../shared/planEvents.ts';
import type { PlanDocuments } from '../accounts/types.ts';
import { ConnectionCounter, type Release } from '../limits/ConnectionCounter.ts';
import type { ConnectionContext, ParticipantRole } from '../sync/types.ts';
import type { SseOptions, SseStream } from './sse.ts';

/** What the client sets as `retry:`; a stream ended by a restart comes back after this. */
const RETRY_MS = 5_000;
/** A few hundred events' worth: far more than a reading client ever has queued. */
const MAX_BUFFERED_BYTES = 64 * 1024;

export interface PlanEventHubOptions {
  maxStreamsPerUser: number;
  heartbeatMs: number;
}

interface Subscriber {
  ctx: ConnectionContext;
  stream: SseStream;
}

export class PlanEventHub {
  readonly sse: SseOptions;
  private readonly byRelationship = new Map<string, Set<Subscriber>>();
  private readonly perUser: ConnectionCounter;
  private closed = false;

  constructor(opts: PlanEventHubOptions) {
    this.perUser = new ConnectionCounter(opts.maxStreamsPerUser);
    this.sse = { heartbeatMs: opts.heartbeatMs, retryMs: RETRY_MS, maxBufferedBytes: MAX_BUFFERED_BYTES };
  }

  /** A slot for one more stream of `userId` (release it when the stream closes), or null at the cap. */
  reserve(userId: string): Release | null {
    return this.perUser.tryAcquire(userId);
  }

  /** Starts delivering the relationship's events to `stream` until it closes. */
  add(ctx: ConnectionContext, stream: SseStream): void {
    if (this.closed) {
      stream.end(endEvent('shutdown'));
      return;
    }
    if (stream.closed) return;
    const subs = this.byRelationship.get(ctx.relationshipId) ?? new Set<Subscriber>();
    this.byRelationship.set(ctx.relationshipId, subs);
    const sub: Subscriber = { ctx, stream };
    subs.add(sub);
    stream.onClose(() => {
      subs.delete(sub);
      if (subs.size === 0 && this.byRelationship.get(ctx.relationshipId) === subs)
        this.byRelationship.delete(ctx.relationshipId);
    });
  }

  /** Sends an event to every open stream of the relationship; returns how many got it. */
  publish(relationshipId: string, event: string, data: unknown): number {
    let n = 0;
    for (const sub of [...(this.byRelationship.get(relationshipId) ?? [])]) if (sub.stream.send(event, data)) n += 1;
    return n;
  }

  /** Sends an event to every open stream of one user, whatever plan it is about; returns how many got it. */
  publishToUser(userId: string, event: string, data: unknown): number {
    let n = 0;
    for (const subs of [...this.byRelationship.values()]) {
      for (const sub of [...subs]) if (sub.ctx.user.id === userId && sub.stream.send(event, data)) n += 1;
    }
    return n;
  }

  /** Ends every stream whose context matches, telling the client why; returns how many. */
  closeWhere(match: (ctx: ConnectionContext) => boolean, reason: StreamEndReason): number {
    let n = 0;
    for (const subs of [...this.byRelationship.values()]) {
      for (const sub of [...subs]) {
        if (!match(sub.ctx)) continue;
        sub.stream.end(endEvent(reason));
        n += 1;
      }
    }
    return n;
  }

  /** A participant's new role, or their removal (`null`), applied to their open streams. */
  setRole(relationshipId: string, userId: string, role: ParticipantRole | null): void {
    const subs = this.byRelationship.get(relationshipId);
    if (!subs) return;
    for (const sub of [...subs]) {
      if (sub.ctx.user.id !== userId) continue;
      if (role === null) sub.stream.end(endEvent('removed'));
      else sub.ctx = { ...sub.ctx, role };
    }
  }

  /** Open streams, of one relationship or of all. */
  size(relationshipId?: string): number {
    if (relationshipId !== undefined) return this.byRelationship.get(relationshipId)?.size ?? 0;
    let n = 0;
    for (const subs of this.byRelationship.values()) n += subs.size;
    return n;
  }

  /** Ends every stream (server shutdown: clients reconnect once it is back) and refuses new ones. */
  close(): void {
    this.closed = true;
    this.closeWhere(() => true, 'shutdown');
  }
}

function endEvent(reason: StreamEndReason): { event: string; data: EndEventData } {
  return { event: PlanEvent.End, data: { reason } };
}

/** Why a stream ends when the accounts layer closes a session's connections with `code`. */
export function endReasonFor(code: number): StreamEndReason {
  if (code === CloseCode.SessionEnded) return 'session_ended';
  if (code === CloseCode.PermissionDenied) return 'removed';
  return 'shutdown';
}

/**
 * The documents the accounts layer is given: the sync registry, with every close and role change
 * applied to the event streams too. Counts stay the registry's (they count sync sockets).
 */
export function withEventStreams(docs: PlanDocuments, hub: PlanEventHub): PlanDocuments {
  return {
    createDocument: (docId, build) => docs.createDocument(docId, build),
    closeConnections(match, code, reason) {
      hub.closeWhere(match, endReasonFor(code));
      return docs.closeConnections(match, code, reason);
    },
    setRole(relationshipId, userId, role) {
      hub.setRole(relationshipId, userId, role);
      docs.setRole(relationshipId, userId, role);
    },
    setArchived: (relationshipId, archived) => docs.setArchived(relationshipId, archived),
    presence: (relationshipId) => docs.presence(relationshipId),
  };
}
