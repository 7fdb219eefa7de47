/**
 * Sign-in, sign-out, the current user, and the public client config (CONTRACT 4 plus
 * `GET /api/config`, documented in docs/api.md).
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DEMO_PASSWORD, demoAccounts } from '../accounts/seed.ts';
import { sessionTokenFrom } from '../accounts/syncAuth.ts';
import { clearSessionCookie, setSessionCookie, userOf, type ApiDeps } from './context.ts';
import { LoginBody } from './schemas.ts';

export function authRoutes(fastify: FastifyInstance, deps: ApiDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/auth/login', { config: { public: true }, schema: { body: LoginBody } }, async (request, reply) => {
    const { token, user } = await deps.auth.login(request.body.email, request.body.password, request.ip);
    setSessionCookie(reply, deps.config, token);
    return { user: await deps.auth.me(user) };
  });

  // Idempotent: signing out without a (valid) session still clears the cookie and answers 204.
  app.post('/auth/logout', { config: { public: true } }, async (request, reply) => {
    await deps.sessions.endByToken(sessionTokenFrom(request), 'logged out');
    clearSessionCookie(reply, deps.config);
    return reply.code(204).send();
  });

  app.get('/me', async (request) => deps.auth.me(userOf(request)));

  // Public: the sign-in page reads it before anyone is signed in.
  app.get('/config', { config: { public: true } }, async () => {
    if (deps.config.SEED !== 'demo') return { demo: false, mail: deps.mailEnabled };
    return { demo: true, demoPassword: DEMO_PASSWORD, demoAccounts: demoAccounts(), mail: deps.mailEnabled };
  });
}
