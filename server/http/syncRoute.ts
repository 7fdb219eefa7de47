/**
 * The sync endpoint `/sync/:relationshipId` (CONTRACT 5). Authorization happens before the
 * upgrade in `preValidation` (so refusals are plain HTTP statuses); after it, the handler attaches
 * its message listener before any `await`, queueing frames until the document is loaded.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { CloseCode } from '../../shared/closeCodes.ts';
import type { DocumentRegistry } from '../sync/DocumentRegistry.ts';
import type { Connection, Room, SyncSocket } from '../sync/Room.ts';
import type { ConnectionContext, SyncAuthResult } from '../sync/types.ts';
import { throttleReading } from '../limits/syncLimits.ts';
import type { TokenBucket } from '../limits/TokenBucket.ts';

export type SyncAuthorizer = (request: FastifyRequest, relationshipId: string) => Promise<SyncAuthResult>;

declare module 'fastify' {
  interface FastifyRequest {
    syncContext?: ConnectionContext;
  }
}

function adapt(ws: WebSocket): SyncSocket {
  // `ws` exposes no cork of its own; its Sender corks this same net.Socket around each frame,
  // and corks nest, so corking it here makes a turn's frames leave in one writev.
  const raw = (ws as unknown as { _socket?: { cork?(): void; uncork?(): void } })._socket;
  const corkable = typeof raw?.cork === 'function' && typeof raw.uncork === 'function';
  return {
    send: (data) => ws.send(data, { binary: true }),
    close: (code, reason) => ws.close(code, reason),
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
    ...(corkable && { cork: () => raw.cork!(), uncork: () => raw.uncork!() }),
  };
}

/** Per-connection limits (server/limits); absent in tests of the sync layer alone. */
export interface SyncRouteLimits {
  /** A fresh message rate limiter for each socket. */
  messageBucket(): TokenBucket;
}

export function registerSyncRoute(
  app: FastifyInstance,
  registry: DocumentRegistry,
  authorize: SyncAuthorizer,
  limits?: SyncRouteLimits,
): void {
  app.get<{ Params: { relationshipId: string } }>(
    '/sync/:relationshipId',
    {
      websocket: true,
      preValidation: async (request, reply) => {
        const result = await authorize(request, request.params.relationshipId);
        if (!result.ok) {
          return reply.code(result.status).send({ error: result.error, message: result.message });
        }
        request.syncContext = result.ctx;
      },
    },
    (ws, request) => {
      const ctx = request.syncContext!;
      const queue: Uint8Array[] = [];
      let room: Room | null = null;
      let conn: Connection | null = null;
      let closed = false;
      // An empty bucket pauses reading this socket (TCP backpressure), never drops.
      const throttle = limits ? throttleReading(ws, limits.messageBucket()) : null;

      ws.on('message', (data, isBinary) => {
        if (closed) return;
        if (!isBinary) {
          ws.close(CloseCode.MalformedMessage, 'binary frames only');
          return;
        }
        const frame = toBytes(data);
        // Each frame costs what the room says it cost (echoes are nearly free).
        if (room && conn) throttle?.(room.receive(conn, frame));
        else {
          // Charged in full while the document loads: the queue must not grow without bound.
          throttle?.();
          queue.push(frame);
        }
      });
      ws.on('close', () => {
        closed = true;
        if (room && conn) registry.disconnect(room, conn);
      });
      ws.on('error', (err) => request.log.debug({ err }, 'sync socket error'));

      registry.get(ctx.relationshipId).then(
        (loaded) => {
          if (closed) return;
          room = loaded;
          conn = registry.connect(loaded, adapt(ws), ctx);
          for (const frame of queue.splice(0)) loaded.receive(conn, frame);
        },
        (err) => {
          request.log.error({ err, relationshipId: ctx.relationshipId }, 'document failed to load');
          ws.close(CloseCode.GoingAway, 'document unavailable, retry');
        },
      );
    },
  );
}

function toBytes(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (Array.isArray(data)) return Buffer.concat(data as Buffer[]);
  return new Uint8Array(data as ArrayBuffer);
}
