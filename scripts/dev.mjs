// `npm run dev`: the API server on API_PORT (3001) with file watching, and Vite's dev server
// (PORT, 5173) proxying /api and /sync to it.
import { spawn } from 'node:child_process';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '..');
const apiPort = process.env.API_PORT ?? '3001';
const vitePort = process.env.PORT ?? '5173';
const env = {
  ...process.env,
  PORT: apiPort,
  ALLOWED_ORIGINS: process.env.ALLOWED_ORIGINS ?? `http://localhost:${vitePort},http://127.0.0.1:${vitePort}`,
};
const server = spawn(process.execPath, ['--import', 'tsx', '--watch', path.join(repo, 'server/main.ts')], {
  cwd: repo,
  stdio: 'inherit',
  env,
});
const vite = spawn(process.execPath, [path.join(repo, 'node_modules/vite/bin/vite.js')], {
  cwd: repo,
  stdio: 'inherit',
  env: { ...process.env, PORT: vitePort, API_PORT: apiPort },
});
const stop = () => {
  server.kill('SIGTERM');
  vite.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
vite.on('exit', stop);
