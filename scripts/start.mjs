// `npm start`: build the web client and the server bundle if they are not built yet, or if their
// sources changed since the last build (so a pull never serves a stale build), then run the
// server (CONTRACT 1).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync, spawn } from 'node:child_process';
import path from 'node:path';
import { buildServer, serverBundleStale, SERVER_BUNDLE } from './buildServer.mjs';

const repo = path.resolve(import.meta.dirname, '..');
const index = path.join(repo, 'dist/client/index.html');
const SOURCES = ['client', 'shared', 'vite.config.ts', 'package-lock.json'];

/** Newest modification time among the client's sources (unit tests excluded). */
function newestSource(rel) {
  const full = path.join(repo, rel);
  if (!existsSync(full)) return 0;
  const st = statSync(full);
  if (!st.isDirectory()) return /\.test\.tsx?$/.test(rel) ? 0 : st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(full)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestSource(path.join(rel, entry)));
  }
  return newest;
}

const built = existsSync(index) ? statSync(index).mtimeMs : 0;
if (!built || Math.max(...SOURCES.map(newestSource)) > built) {
  console.log(built ? 'Client sources changed: rebuilding the web client…' : 'Building the web client (first start)…');
  const r = spawnSync(process.execPath, [path.join(repo, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: repo, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
if (serverBundleStale()) await buildServer();
// The bundled server runs on plain node (see buildServer.mjs); source maps keep stack traces
// pointing at server/*.ts. Signals are forwarded so SIGTERM shuts down cleanly.
const child = spawn(process.execPath, ['--enable-source-maps', SERVER_BUNDLE], { cwd: repo, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
