/**
 * The /api scope: one encapsulated Fastify plugin that owns its validator compiler (strict, see
 * validation.ts), its error and not-found handlers (the `{error, message}` shape, the one place
 * domain errors become statuses), the Origin check for cookie-carrying writes, and
 * authentication before validation. The app hands it each feature's routes (server/app.ts).
 *
 * Because the not-found handler is set for the '/api' prefix here, unknown /api/* routes answer
 * 404 `{error, message}` whatever the app does for other paths. Routes the lead registers
 * elsewhere under /api (e.g. /api/health) are outside this scope and keep the app's handlers.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import { originAllowed } from '../accounts/syncAuth.ts';
import { denied } from '../errors.ts';
import { authenticate, type ApiDeps } from './context.ts';
import { errorHandler, notFoundHandler } from './errors.ts';
import { strictValidatorCompiler } from './validation.ts';

/** One module's routes, registered inside the /api scope (paths relative to /api). */
export type ApiRoutes = (app: FastifyInstance, deps: ApiDeps) => void;

/** Routes by feature: the keys only name them, for whoever reads the app's wiring. */
export type ApiFeatures = Record<string, ApiRoutes[]>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function apiScope(app: FastifyInstance, opts: { deps: ApiDeps; features: ApiFeatures }): Promise<void> {
  const { deps, features } = opts;
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
      throw denied('This origin may not call the API.');
    }
  });
  app.addHook('preValidation', authenticate(deps));

  for (const routes of Object.values(features)) for (const register of routes) register(app, deps);
}

/** Registers @fastify/cookie (if absent) and the /api scope with the given features' routes. */
export async function registerApi(app: FastifyInstance, deps: ApiDeps, features: ApiFeatures): Promise<void> {
  if (!app.hasDecorator('parseCookie')) await app.register(fastifyCookie);
  await app.register(apiScope, { prefix: '/api', deps, features });
}
