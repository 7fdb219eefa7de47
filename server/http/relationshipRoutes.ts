/**
 * Relationships, configuring their plan, and their teams (CONTRACT 4; team routes are an
 * extension documented in docs/api.md).
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { takeAttempt, userOf, type ApiDeps } from './context.ts';
import {
  ConfigurePlanBody,
  RelationshipParams,
  StartRelationshipBody,
  TeamMemberParams,
  TeamRoleBody,
  UpdateRelationshipBody,
} from './schemas.ts';

export function relationshipRoutes(fastify: FastifyInstance, deps: ApiDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/relationships', async (request) => {
    const user = userOf(request);
    return deps.relationships.listFor(user);
  });

  app.get('/relationships/:id', { schema: { params: RelationshipParams } }, async (request) => {
    const user = userOf(request);
    const { rel, role } = await deps.relationships.requireRole(user, request.params.id);
    return deps.relationships.view(rel, role);
  });

  // CONTRACT 8: a Company Admin starts a relationship; their company is the owner.
  app.post('/relationships', { schema: { body: StartRelationshipBody } }, async (request, reply) => {
    const user = userOf(request);
    takeAttempt(deps, 'invitePerUser', user.id);
    const { id, invitation } = await deps.partnerships.start(user, request.body.name, request.body.partnerEmail);
    return reply.code(201).send({
      id,
      invitation: { link: invitation.link, expiresAt: invitation.expiresAt, emailed: invitation.emailed },
    });
  });

  // Extension: rename, archive or unarchive (owner's Company Admins; docs/api.md).
  app.patch(
    '/relationships/:id',
    { schema: { params: RelationshipParams, body: UpdateRelationshipBody } },
    async (request) => {
      return deps.partnerships.update(userOf(request), request.params.id, request.body);
    },
  );

  app.post('/relationships/:id/accept', { schema: { params: RelationshipParams } }, async (request) => {
    return deps.partnerships.accept(userOf(request), request.params.id);
  });

  app.post('/relationships/:id/decline', { schema: { params: RelationshipParams } }, async (request, reply) => {
    await deps.partnerships.decline(userOf(request), request.params.id);
    return reply.code(204).send();
  });

  // Extension: relationships other companies invite the caller's company to (its Company Admins).
  app.get('/relationship-invitations', async (request) => deps.partnerships.incoming(userOf(request)));

  app.post(
    '/relationships/:id/plan',
    { schema: { params: RelationshipParams, body: ConfigurePlanBody } },
    async (request, reply) => {
      const user = userOf(request);
      await deps.plans.configurePlan(user, request.params.id, request.body.objectiveIds);
      return reply.code(201).send({ configured: true });
    },
  );

  app.get('/relationships/:id/team', { schema: { params: RelationshipParams } }, async (request) => {
    const user = userOf(request);
    return deps.relationships.readTeam(user, request.params.id);
  });

  // Extension: who is in the plan right now, for the relationships home (docs/api.md).
  app.get('/relationships/:id/presence', { schema: { params: RelationshipParams } }, async (request) => {
    const user = userOf(request);
    return deps.relationships.readPresence(user, request.params.id);
  });

  app.put(
    '/relationships/:id/team/:userId',
    { schema: { params: TeamMemberParams, body: TeamRoleBody } },
    async (request) => {
      const user = userOf(request);
      return deps.relationships.setTeamRole(user, request.params.id, request.params.userId, request.body.role);
    },
  );

  app.delete('/relationships/:id/team/:userId', { schema: { params: TeamMemberParams } }, async (request, reply) => {
    const user = userOf(request);
    await deps.relationships.removeFromTeam(user, request.params.id, request.params.userId);
    return reply.code(204).send();
  });
}
