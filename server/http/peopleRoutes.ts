/**
 * A company's people as its Company Admins manage them (CONTRACT 8; docs/api.md): company role,
 * deactivation, and reset links to pass on when there is no e-mail.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { takeAttempt, userOf, type ApiDeps } from './context.ts';
import { CompanyRoleBody, CompanyUserParams } from './schemas.ts';

export function peopleRoutes(fastify: FastifyInstance, deps: ApiDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.put(
    '/companies/:companyId/users/:userId',
    { schema: { params: CompanyUserParams, body: CompanyRoleBody } },
    async (request) => {
      return deps.people.setCompanyRole(
        userOf(request),
        request.params.companyId,
        request.params.userId,
        request.body.companyRole,
      );
    },
  );

  app.post(
    '/companies/:companyId/users/:userId/deactivate',
    { schema: { params: CompanyUserParams } },
    async (request) => {
      return deps.people.deactivate(userOf(request), request.params.companyId, request.params.userId);
    },
  );

  app.post(
    '/companies/:companyId/users/:userId/reactivate',
    { schema: { params: CompanyUserParams } },
    async (request) => {
      return deps.people.reactivate(userOf(request), request.params.companyId, request.params.userId);
    },
  );

  app.post(
    '/companies/:companyId/users/:userId/reset-link',
    { schema: { params: CompanyUserParams } },
    async (request, reply) => {
      const user = userOf(request);
      takeAttempt(deps, 'invitePerUser', user.id);
      return reply.code(201).send(await deps.passwords.issueFor(user, request.params.companyId, request.params.userId));
    },
  );
}
