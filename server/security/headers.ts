/**
 * Security headers (@fastify/helmet) and the Content-Security-Policy the web client runs under.
 *
 * The client is a Vite-built React SPA: module scripts and stylesheets from /assets (so scripts
 * need no 'unsafe-inline'), Mantine writing inline styles and <style> tags at runtime (so styles
 * do), Inter bundled locally (Vite may inline a small font or image as a data: URL), images from
 * data:/blob: URLs (avatars, chart exports), and one websocket per open plan to this server.
 */
import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import type { Config } from '../config.ts';

/** `http://host:port` → `ws://host:port` (and https → wss), for connect-src. */
function wsOriginOf(origin: string): string {
  const u = new URL(origin);
  return `${u.protocol === 'https:' ? 'wss:' : 'ws:'}//${u.host}`;
}

export function contentSecurityPolicy(
  config: Pick<Config, 'ALLOWED_ORIGINS' | 'COOKIE_SECURE'>,
): Record<string, string[] | null> {
  // 'self' covers same-origin websockets in current browsers; the explicit ws(s) origins keep
  // older engines (which did not map 'self' to ws:) working for every origin the server accepts.
  const sockets = [...new Set(config.ALLOWED_ORIGINS.map(wsOriginOf))];
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...sockets],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    // Upgrading requests on a plain-http deployment (localhost) would break every asset load.
    'upgrade-insecure-requests': config.COOKIE_SECURE ? [] : null,
  };
}

export async function registerSecurityHeaders(fastify: FastifyInstance, config: Config): Promise<void> {
  await fastify.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(config) },
    // HSTS only means something over https; COOKIE_SECURE is how the deployment says it is.
    strictTransportSecurity: config.COOKIE_SECURE ? { maxAge: 15_552_000, includeSubDomains: true } : false,
    // The SPA loads nothing cross-origin, so the strict defaults (CORP/COOP same-origin) hold.
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
}
