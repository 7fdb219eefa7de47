// `npm start`: build the web client if it is not built yet, then run the server (CONTRACT 1).
import { existsSync } from 'node:fs';
import { spawnSync, spawn } from 'node:child_process';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '..');
const index = path.join(repo, 'dist/client/index.html');
if (!existsSync(index)) {
  console.log('Building the web client (first start)…');
  const r = spawnSync(process.execPath, [path.join(repo, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: repo, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
// tsx runs the TypeScript server directly; signals are forwarded so SIGTERM shuts down cleanly.
const child = spawn(process.execPath, ['--import', 'tsx', path.join(repo, 'server/main.ts')], { cwd: repo, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
