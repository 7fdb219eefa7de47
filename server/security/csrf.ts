/**
 * CSRF protection for cookie-authenticated writes: a mutating request that a browser sends from a
 * page outside ALLOWED_ORIGINS is refused with 403 before any handler or body parsing runs.
 *
 * Browsers attach Origin to every cross-origin POST/PUT/PATCH/DELETE (and to same-origin ones in
 * current engines); when a privacy setting strips it they still send Referer, so that is checked
 * next. A request with neither is not a browser acting for a page: scripts and integrations are
 * allowed, as CONTRACT 5 allows them on the sync socket. `Origin: null` (sandboxed frames, opaque
 * redirects) is not an allowed origin and is refused.
 *
 * The /api scope has its own Origin check (server/http/routes.ts); this hook covers every route
 * of the app, adds the Referer fallback, and runs first.
 */
import type { FastifyInstance } from 'fastify';
import { ErrorCode } from '../../shared/closeCodes.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type CsrfDecision = { ok: true } | { ok: false; message: string };

function originOfReferer(referer: string): string | null {
  try {
    return new URL(referer).origin;
  } catch {
    return null;
  }
}

/** Pure: may this request change something on behalf of whoever's cookies it carries? */
export function checkCrossSiteWrite(
  method: string,
  headers: { origin?: string | string[]; referer?: string | string[] },
  allowed: readonly string[],
): CsrfDecision {
  if (SAFE_METHODS.has(method.toUpperCase())) return { ok: true };
  const origin = Array.isArray(headers.origin) ? headers.origin[0] : headers.origin;
  if (origin !== undefined) {
    return allowed.includes(origin)
      ? { ok: true }
      : { ok: false, message: 'This origin may not change anything here.' };
  }
  const referer = Array.isArray(headers.referer) ? headers.referer[0] : headers.referer;
  if (referer !== undefined && referer !== '') {
    const from = originOfReferer(referer);
    return from !== null && allowed.includes(from)
      ? { ok: true }
      : { ok: false, message: 'Requests from this page may not change anything here.' };
  }
  return { ok: true };
}

export function registerCsrfProtection(fastify: FastifyInstance, allowed: readonly string[]): void {
  fastify.addHook('onRequest', async (request, reply) => {
    const decision = checkCrossSiteWrite(request.method, request.headers, allowed);
    if (!decision.ok) {
      request.log.warn(
        { origin: request.headers.origin, referer: request.headers.referer, url: request.url },
        'cross-site write refused',
      );
      return reply.code(403).send({ error: ErrorCode.Forbidden, message: decision.message });
    }
  });
}
