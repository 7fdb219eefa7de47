/**
 * The /api scope of the accounts layer: one encapsulated Fastify plugin that owns its validator
 * compiler (strict, see validation.ts), its error and not-found handlers (the `{error, message}`
 * shape), the Origin check for cookie-carrying writes, and authentication before validation.
 *
 * Because the not-found handler is set for the '/api' prefix here, unknown /api/* routes answer
 * 404 `{error, message}` whatever the app does for other paths. Routes the lead registers
 * elsewhere under /api (e.g. /api/health) are outside this scope and keep the app's handlers.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { originAllowed } from '../accounts/syncAuth.ts';
import { authRoutes } from './authRoutes.ts';
import { companyRoutes } from './companyRoutes.ts';
import { authenticate, type ApiDeps } from './context.ts';
import { errorHandler, forbidden, notFoundHandler } from './errors.ts';
import { relationshipRoutes } from './relationshipRoutes.ts';
import { historyRoutes } from './historyRoutes.ts'; // history:
import { eventRoutes } from './eventRoutes.ts';
import { invitationRoutes } from './invitationRoutes.ts';
import { peopleRoutes } from './peopleRoutes.ts';
import { passwordRoutes } from './passwordRoutes.ts';
import { strictValidatorCompiler } from './validation.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function apiPlugin(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  app.setValidatorCompiler(strictValidatorCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);

  // CONTRACT 1: ALLOWED_ORIGINS are the browser origins that may call the API with cookies.
  // A cross-site form or fetch carries its Origin; a same-origin page or a script sends an
  // allowed one or none. Reads change nothing, and SameSite=Lax already keeps cookies off
  // cross-site subresource requests.
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    if (SAFE_METHODS.has(request.method)) return;
    if (!originAllowed(request.headers.origin, deps.config.ALLOWED_ORIGINS)) {
      throw forbidden('This origin may not call the API.');
    }
  });
  app.addHook('preValidation', authenticate(deps));

  authRoutes(app, deps);
  relationshipRoutes(app, deps);
  companyRoutes(app, deps);
  invitationRoutes(app, deps);
  peopleRoutes(app, deps);
  passwordRoutes(app, deps);
  historyRoutes(app, deps); // history: versions, sign-off, export (needs the app's `history` decorator)
  eventRoutes(app, deps); // plan events over SSE (needs the app's `planEvents` decorator)
}
