/**
 * The resource limits of the sync endpoint, as small adapters the route and the app wire in:
 *
 * - `withConnectionCap` wraps the sync authorizer: after the normal checks pass, the user must
 *   have a free slot, else the upgrade is refused with HTTP 429 (before any socket exists, so a
 *   refused client costs one HTTP exchange). The slot is released when the request's TCP socket
 *   closes: after an upgrade that socket *is* the websocket, and if the upgrade never happens
 *   the socket closes too, so no path can leak a slot.
 * - `throttleReading` applies a TokenBucket to one socket: an empty bucket pauses reading (TCP
 *   backpressure) instead of dropping or closing, so honest bursts are only delayed.
 */
import type { FastifyRequest } from 'fastify';
import { ErrorCode } from '../../shared/closeCodes.ts';
import type { SyncAuthorizer } from '../http/syncRoute.ts';
import type { ConnectionCounter } from './ConnectionCounter.ts';
import type { TokenBucket } from './TokenBucket.ts';

export function withConnectionCap(authorize: SyncAuthorizer, counter: ConnectionCounter): SyncAuthorizer {
  return async (request: FastifyRequest, relationshipId: string) => {
    const result = await authorize(request, relationshipId);
    if (!result.ok) return result;
    const socket = request.raw.socket;
    if (socket.destroyed) return result; // nothing to count: the client is already gone
    const release = counter.tryAcquire(result.ctx.user.id);
    if (!release) {
      return {
        ok: false,
        status: 429,
        error: ErrorCode.TooManyRequests,
        message: 'Too many open sync connections for this user; close some tabs and retry.',
      };
    }
    socket.once('close', release);
    return result;
  };
}

/** The part of a `ws` WebSocket the throttle needs. */
export interface PausableSocket {
  pause(): void;
  resume(): void;
  readonly isPaused: boolean;
}

/**
 * Returns the function to call once per received message. Messages already read from the
 * socket when it pauses are still delivered (ws emits what it has parsed); they deepen the debt,
 * and the next message after the resume pauses again, so the long-run rate holds.
 */
export function throttleReading(ws: PausableSocket, bucket: TokenBucket): (cost?: number) => void {
  let timer: NodeJS.Timeout | null = null;
  return (cost = 1) => {
    const wait = bucket.take(cost);
    if (wait === 0 || timer) return;
    ws.pause();
    timer = setTimeout(() => {
      timer = null;
      ws.resume();
    }, wait);
    timer.unref();
  };
}
