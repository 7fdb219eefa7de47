/**
 * Passwords (CONTRACT 8; docs/api.md): change your own, ask for a reset link, use one.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { normalizeEmail } from '../accounts/store.ts';
import { setSessionCookie, takeAttempt, userOf, type ApiDeps } from './context.ts';
import { unauthenticated } from '../errors.ts';
import { ChangePasswordBody, ResetCompleteBody, ResetRequestBody, TokenParams } from './schemas.ts';

export function passwordRoutes(fastify: FastifyInstance, deps: ApiDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/me/password', { schema: { body: ChangePasswordBody } }, async (request, reply) => {
    const user = userOf(request);
    if (!request.currentSessionId) throw unauthenticated();
    takeAttempt(deps, 'changePerUser', user.id);
    await deps.passwords.change(user, request.currentSessionId, request.body.current, request.body.next);
    return reply.code(204).send();
  });

  // 202 whatever the address: the answer never tells whether it has an account.
  app.post('/auth/reset', { config: { public: true }, schema: { body: ResetRequestBody } }, async (request, reply) => {
    takeAttempt(deps, 'resetPerIp', request.ip);
    takeAttempt(deps, 'resetPerEmail', normalizeEmail(request.body.email));
    await deps.passwords.requestReset(request.body.email);
    return reply.code(202).send({ accepted: true });
  });

  app.get(
    '/auth/reset/:token',
    { config: { public: true }, schema: { params: TokenParams } },
    async (request, reply) => {
      takeAttempt(deps, 'inspectPerIp', request.ip);
      reply.header('cache-control', 'no-store');
      return deps.passwords.inspect(request.params.token);
    },
  );

  app.post(
    '/auth/reset/:token',
    { config: { public: true }, schema: { params: TokenParams, body: ResetCompleteBody } },
    async (request, reply) => {
      takeAttempt(deps, 'acceptPerIp', request.ip);
      const user = await deps.passwords.complete(request.params.token, request.body.password);
      const { token } = await deps.sessions.create(user.id);
      setSessionCookie(reply, deps.config, token);
      return { user: await deps.auth.me(user) };
    },
  );
}
