/**
 * HTTP hardening, registered on the root instance before any route so it covers them all:
 * security headers with the app's CSP, the CSRF check, and one error handler that never sends a
 * stack trace or an internal error's message (the /api scope keeps its own, same-shaped handler).
 * Body size is capped by Fastify's `bodyLimit` in app.ts; an oversized body answers 413 through
 * the same handler.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { errorHandler } from '../http/errors.ts';
import { registerCsrfProtection } from './csrf.ts';
import { registerSecurityHeaders } from './headers.ts';

export { contentSecurityPolicy } from './headers.ts';
export { checkCrossSiteWrite } from './csrf.ts';

export async function registerSecurity(fastify: FastifyInstance, config: Config): Promise<void> {
  await registerSecurityHeaders(fastify, config);
  registerCsrfProtection(fastify, config.ALLOWED_ORIGINS);
  fastify.setErrorHandler(errorHandler);
}
