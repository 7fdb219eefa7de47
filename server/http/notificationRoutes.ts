/**
 * The inbox (docs/api.md, "Comments, mentions and the inbox"): a person's own notifications,
 * newest first, and marking them read. The unread counts that come back are the same ones the
 * plan event stream pushes (`notifications`), so a page that marks something read needs no
 * second request.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { NotificationService } from '../notifications/NotificationService.ts';
import { userOf, type ApiDeps } from './context.ts';
import { invalid } from '../errors.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Decorated by buildApp (server/app.ts); absent in apps built without it (accounts tests). */
    notifications?: NotificationService;
  }
}

const NotificationId = Type.String({ pattern: '^[0-9-]{1,40}$' });
const ListQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })), before: Type.Optional(NotificationId) },
  { additionalProperties: false },
);
const ReadBody = Type.Object(
  { ids: Type.Optional(Type.Array(NotificationId, { maxItems: 100 })), all: Type.Optional(Type.Literal(true)) },
  { additionalProperties: false },
);

export function unreadSummary(byRelationship: Record<string, number>) {
  return { unread: Object.values(byRelationship).reduce((a, b) => a + b, 0), byRelationship };
}

export function notificationRoutes(fastify: FastifyInstance, deps: ApiDeps): void {
  const service = fastify.notifications;
  if (!service) return;
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  void deps;

  app.get('/notifications', { schema: { querystring: ListQuery } }, async (request) => {
    const user = userOf(request);
    const page = await service.list(user.id, request.query);
    return { ...page, ...unreadSummary(await service.unread(user.id)) };
  });

  app.post('/notifications/read', { schema: { body: ReadBody } }, async (request) => {
    const user = userOf(request);
    const { ids, all } = request.body;
    if (!!ids === !!all) throw invalid('Send either the ids to mark read or "all": true.');
    const changed = await service.store.markRead(user.id, all ? 'all' : { ids: ids! });
    const summary = unreadSummary(await service.unread(user.id));
    if (changed) service.pushCounts(user.id, summary.byRelationship);
    return { changed, ...summary };
  });
}
