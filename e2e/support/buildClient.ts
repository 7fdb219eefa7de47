/**
 * The e2e suite drives a production build of the current sources. Builds are content-addressed
 * (dist/e2e-client/<hash of the sources>) and never rewritten once made, so a rebuild by someone
 * else — `vite build` empties dist/client — cannot pull assets from under a running test server.
 * A build goes to a temporary directory first and is renamed into place when complete.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const REPO = path.resolve(import.meta.dirname, '../..');
const BUILDS = path.join(REPO, 'dist/e2e-client');
const SOURCES = ['client', 'shared', 'vite.config.ts', 'package-lock.json'];
/** Builds of other source versions are removed once this old. */
const KEEP_OLD_BUILDS_MS = 60 * 60 * 1000;

function collect(rel: string, out: string[]): void {
  const full = path.join(REPO, rel);
  if (!existsSync(full)) return;
  if (!statSync(full).isDirectory()) {
    out.push(rel);
    return;
  }
  for (const entry of readdirSync(full, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    // Unit tests are not part of the bundle.
    if (entry.isFile() && /\.test\.tsx?$/.test(entry.name)) continue;
    collect(path.join(rel, entry.name), out);
  }
}

export function sourcesHash(): string {
  const files: string[] = [];
  for (const s of SOURCES) collect(s, files);
  const h = createHash('sha256');
  // Part of a build's identity: builtClientDir always builds with NODE_ENV=production.
  h.update('NODE_ENV=production\0');
  for (const f of files.sort()) {
    h.update(f);
    h.update('\0');
    h.update(readFileSync(path.join(REPO, f)));
    h.update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

/**
 * The directory of a complete production build of the current sources, building it if needed.
 * `mode: 'profile'` builds with React's profiling build (vite.config.ts), for render counts.
 */
export function builtClientDir(mode: 'production' | 'profile' = 'production'): string {
  const dir = path.join(BUILDS, mode === 'production' ? sourcesHash() : `${sourcesHash()}-${mode}`);
  if (existsSync(path.join(dir, 'index.html'))) return dir;
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  const r = spawnSync(
    process.execPath,
    [
      path.join(REPO, 'node_modules/vite/bin/vite.js'),
      'build',
      '--mode',
      mode,
      '--outDir',
      tmp,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    {
      cwd: REPO,
      stdio: 'inherit',
      // Vitest runs with NODE_ENV=test, which would give a development React and JSX runtime:
      // the suite and the client benchmark must see what `npm start` serves.
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  if (r.status !== 0) {
    rmSync(tmp, { recursive: true, force: true });
    throw new Error(`vite build failed with status ${r.status}`);
  }
  try {
    renameSync(tmp, dir);
  } catch {
    // Another test file built the same sources first: theirs is identical.
    rmSync(tmp, { recursive: true, force: true });
  }
  pruneOldBuilds(path.basename(dir));
  return dir;
}

function pruneOldBuilds(keep: string): void {
  for (const name of readdirSync(BUILDS)) {
    if (name === keep) continue;
    const full = path.join(BUILDS, name);
    if (Date.now() - statSync(full).mtimeMs > KEEP_OLD_BUILDS_MS) rmSync(full, { recursive: true, force: true });
  }
}
