/**
 * The e2e suite drives the production build. This builds dist/client once when it is missing or
 * older than any source it is made from; concurrent test files wait on a lock directory instead
 * of building twice.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const CLIENT_DIST_DIR = path.join(REPO, 'dist/client');
const INDEX = path.join(CLIENT_DIST_DIR, 'index.html');
const LOCK = path.join(REPO, 'dist/.e2e-build-lock');
const SOURCES = ['client', 'shared', 'vite.config.ts', 'package-lock.json'];

function newestMtime(p: string): number {
  const full = path.join(REPO, p);
  if (!existsSync(full)) return 0;
  const st = statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(full, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    // Unit tests are not part of the bundle.
    if (entry.isFile() && /\.test\.tsx?$/.test(entry.name)) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry.name)));
  }
  return newest;
}

export function clientIsFresh(): boolean {
  if (!existsSync(INDEX)) return false;
  const built = statSync(INDEX).mtimeMs;
  return SOURCES.every((s) => newestMtime(s) <= built);
}

export async function ensureClientBuilt(): Promise<void> {
  for (let waited = 0; ; waited += 250) {
    if (clientIsFresh()) return;
    try {
      mkdirSync(path.dirname(LOCK), { recursive: true });
      mkdirSync(LOCK);
    } catch {
      // Someone else is building; a lock older than 5 minutes is stale.
      if (waited > 300_000 || (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 300_000)) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    try {
      if (clientIsFresh()) return;
      const r = spawnSync(process.execPath, [path.join(REPO, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: REPO, stdio: 'inherit' });
      if (r.status !== 0) throw new Error(`vite build failed with status ${r.status}`);
      return;
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}
