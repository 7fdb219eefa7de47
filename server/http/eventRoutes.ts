/**
 * `GET /api/relationships/:id/events`: the plan's history events as Server-Sent Events
 * (docs/api.md, "Plan events"). A signature changes no Y.Doc, so without this the other party
 * would learn of it only by polling.
 *
 * Registered inside the /api scope (routes.ts): the session check, validation and the error
 * shape apply until the stream starts. Who may listen: any participant, viewers included, as for
 * GET …/agreement; one more stream than `MAX_EVENT_STREAMS_PER_USER` is 429.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorCode } from '../../shared/closeCodes.ts';
import { sessionKey } from '../accounts/sessions.ts';
import { connectionContext, sessionTokenFrom } from '../accounts/syncAuth.ts';
import type { PlanEventHub } from '../events/PlanEventHub.ts';
import { openSse } from '../events/sse.ts';
import { userOf, type ApiDeps } from './context.ts';
import { DomainError, denied, unauthenticated } from '../errors.ts';
import { RelationshipParams } from './schemas.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Decorated by buildApp (server/app.ts); absent in apps built without it (accounts tests). */
    planEvents?: PlanEventHub;
  }
}

export function eventRoutes(fastify: FastifyInstance, deps: ApiDeps): void {
  const hub = fastify.planEvents;
  if (!hub) return;
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/relationships/:id/events', { schema: { params: RelationshipParams } }, async (request, reply) => {
    const user = userOf(request);
    const token = sessionTokenFrom(request);
    if (!token) throw unauthenticated();
    const { rel, role } = await deps.relationships.requireRole(user, request.params.id);
    // The same identity a sync socket of this session gets, so closes that match sockets
    // (logout, expiry, removal) match this stream too.
    const ctx = await connectionContext(deps.relationships, rel, user.id, role, sessionKey(token));
    if (!ctx) throw denied('You do not take part in this relationship.');
    const release = hub.reserve(user.id);
    if (!release) {
      throw new DomainError(
        'rate_limited',
        ErrorCode.TooManyRequests,
        'Too many open event streams for this user; close some tabs and retry.',
      );
    }
    reply.hijack();
    const stream = openSse(reply.raw, hub.sse);
    stream.onClose(release);
    hub.add(ctx, stream);
    return reply;
  });
}
