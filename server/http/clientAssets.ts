/**
 * The built web client at `/`, with the SPA's routes falling back to index.html.
 *
 * What must stay true:
 * - Vite names every file under `assets/` by a hash of its content, so a changed file is a new
 *   URL: those are cached for a year and never revalidated (`immutable`). Everything else
 *   (index.html, favicon) names the current hashes and is revalidated on every use (`no-cache`,
 *   answered 304 through the ETag when unchanged).
 * - The build writes `.br` and `.gz` siblings (vite.config.ts); the file sent is the best one the
 *   request accepts, with `Vary: Accept-Encoding`. Nothing is compressed per request.
 * - Source maps stay in the build folder for debugging and are never served, nor are the
 *   precompressed siblings under their own names.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
export const REVALIDATE_CACHE = 'no-cache';

/** Files the server never sends, whatever the URL: maps and the compressed copies by name. */
const HIDDEN = /\.(map|br|gz)$/;

/** The Cache-Control of a built file, from its path relative to the build folder. */
export function cacheControlFor(relativePath: string): string {
  const rel = relativePath.split(path.sep).join('/').replace(/^\/+/, '');
  return rel.startsWith('assets/') ? IMMUTABLE_CACHE : REVALIDATE_CACHE;
}

export async function registerClientAssets(fastify: FastifyInstance, dir: string): Promise<void> {
  const hasClient = existsSync(path.join(dir, 'index.html'));
  if (hasClient) {
    await fastify.register(fastifyStatic, {
      root: dir,
      // One route per built file, found at start-up: hidden files get no route at all.
      wildcard: false,
      globIgnore: ['**/*.map', '**/*.br', '**/*.gz'],
      allowedPath: (pathname) => !HIDDEN.test(pathname),
      index: ['index.html'],
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, filePath) => {
        const served = filePath.replace(/\.(br|gz)$/, '');
        reply.header('cache-control', cacheControlFor(path.relative(dir, served)));
      },
    });
  }
  fastify.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0];
    if (
      request.method === 'GET' &&
      hasClient &&
      !url.startsWith('/api/') &&
      !url.startsWith('/sync/') &&
      !path.extname(url)
    ) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.code(404).send({ error: 'not_found', message: `No route for ${request.method} ${url}` });
  });
}
