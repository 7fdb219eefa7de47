// Bundles the TypeScript server into one ES module, dist/server.mjs, for `npm start` and the
// benchmark. Production then runs plain `node`: no TypeScript loader thread, no per-module
// transpiling at start-up, and ~60 MB less resident memory than `node --import tsx`.
// Packages stay external (imported from node_modules as usual); only our own code is bundled.
// Tests and `npm run dev` keep running the sources through tsx.
import { build } from 'esbuild';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isStale, repo } from './sources.mjs';

// One level below the root, like server/config.ts, so paths it resolves from its own directory
// (the built web client) stay the same.
export const SERVER_BUNDLE = path.join(repo, 'dist/server.mjs');

/** True when the bundle is missing or older than any server source. */
export function serverBundleStale() {
  return isStale(SERVER_BUNDLE, ['server', 'shared', 'package-lock.json']);
}

export async function buildServer() {
  await build({
    entryPoints: [path.join(repo, 'server/main.ts')],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildServer();
