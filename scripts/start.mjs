// `npm start`: build the web client and the server bundle if they are not built yet, or if their
// sources changed since the last build (so a pull never serves a stale build), then run the
// server (CONTRACT 1).
import { existsSync } from 'node:fs';
import { spawnSync, spawn } from 'node:child_process';
import path from 'node:path';
import { buildServer, serverBundleStale, SERVER_BUNDLE } from './buildServer.mjs';
import { isStale, repo } from './sources.mjs';

const index = path.join(repo, 'dist/client/index.html');
const built = existsSync(index);
if (isStale(index, ['client', 'shared', 'vite.config.ts', 'package-lock.json'])) {
  console.log(built ? 'Client sources changed: rebuilding the web client…' : 'Building the web client (first start)…');
  const r = spawnSync(process.execPath, [path.join(repo, 'node_modules/vite/bin/vite.js'), 'build'], {
    cwd: repo,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
if (serverBundleStale()) await buildServer();
// The bundled server runs on plain node (see buildServer.mjs); source maps keep stack traces
// pointing at server/*.ts. Signals are forwarded so SIGTERM shuts down cleanly.
const child = spawn(process.execPath, ['--enable-source-maps', SERVER_BUNDLE], { cwd: repo, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
