/**
 * Invitation links (CONTRACT 8): what a link is for and accepting it (public), and a company's
 * invitations as its Company Admins manage them. Documented in docs/api.md.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { setSessionCookie, takeAttempt, userOf, type ApiDeps } from './context.ts';
import { AcceptInvitationBody, CompanyInvitationParams, CompanyParams, InviteBody, TokenParams } from './schemas.ts';

export function invitationRoutes(fastify: FastifyInstance, deps: ApiDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/invitations/:token',
    { config: { public: true }, schema: { params: TokenParams } },
    async (request, reply) => {
      takeAttempt(deps, 'inspectPerIp', request.ip);
      reply.header('cache-control', 'no-store');
      return deps.invitations.inspect(request.params.token);
    },
  );

  app.post(
    '/invitations/:token/accept',
    { config: { public: true }, schema: { params: TokenParams, body: AcceptInvitationBody } },
    async (request, reply) => {
      takeAttempt(deps, 'acceptPerIp', request.ip);
      const user = await deps.invitations.accept(request.params.token, request.body);
      const { token } = await deps.sessions.create(user.id);
      setSessionCookie(reply, deps.config, token);
      return { user: await deps.auth.me(user) };
    },
  );

  // A signed-in Company Admin of a company already on Charter accepts a relationship from its link.
  app.post('/invitations/:token/accept-signed-in', { schema: { params: TokenParams } }, async (request) => {
    takeAttempt(deps, 'acceptPerIp', request.ip);
    return deps.partnerships.acceptByLink(userOf(request), request.params.token);
  });

  app.post(
    '/companies/:companyId/invitations',
    { schema: { params: CompanyParams, body: InviteBody } },
    async (request, reply) => {
      const user = userOf(request);
      takeAttempt(deps, 'invitePerUser', user.id);
      const link = await deps.invitations.inviteToCompany(
        user,
        request.params.companyId,
        request.body.email,
        request.body.role,
      );
      return reply.code(201).send(link);
    },
  );

  app.get('/companies/:companyId/invitations', { schema: { params: CompanyParams } }, async (request) => {
    return deps.invitations.listPending(userOf(request), request.params.companyId);
  });

  app.delete(
    '/companies/:companyId/invitations/:invitationId',
    { schema: { params: CompanyInvitationParams } },
    async (request, reply) => {
      await deps.invitations.revoke(userOf(request), request.params.companyId, request.params.invitationId);
      return reply.code(204).send();
    },
  );

  app.post(
    '/companies/:companyId/invitations/:invitationId/resend',
    { schema: { params: CompanyInvitationParams } },
    async (request) => {
      const user = userOf(request);
      takeAttempt(deps, 'invitePerUser', user.id);
      return deps.invitations.resend(user, request.params.companyId, request.params.invitationId);
    },
  );
}
