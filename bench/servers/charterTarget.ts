/**
 * Charter as it ships: the bundled server (`node dist/server.mjs`, built by bench/run.ts with
 * scripts/buildServer.mjs, as `npm start` runs it) with SEED=demo on a fresh DATA_DIR, so
 * authentication, the permission hook and LevelDB are all on, and clients sign in over the real
 * REST API and present the session cookie on the sync socket, as a browser does.
 *
 * Sessions: the demo has four people who may edit acme-globex (admins Ada and Cara, members Ben
 * and Dan). Many bench connections share their sessions; the per-user socket cap is raised for
 * the bench only (MAX_SYNC_CONNECTIONS_PER_USER), because the fleet opens 1,000 sockets that in
 * real life would belong to 1,000 people. Every other limit stays at its default.
 */
import path from 'node:path';
import { freePort, spawnServer, type ServerProcess } from './childProcess.ts';
import { fleetRelationshipId, provisionCharter } from './charterProvisioning.ts';
import type { LaunchOptions, Role, RunningTarget, Target } from './target.ts';

const REPO = path.resolve(import.meta.dirname, '../..');
const DEMO_PASSWORD = 'demo-password';
const USERS: Record<Role, string[]> = {
  admin: ['ada@acme.example', 'cara@globex.example'],
  member: ['ben@acme.example', 'dan@globex.example'],
};
/** Bench-only: enough sockets per user for the largest workload (see the header). */
const SOCKETS_PER_USER = 2000;

/** When set, Charter runs under `--cpu-prof` and writes a .cpuprofile here on each exit. */
let cpuProfDir: string | null = null;
export function profileCharterInto(dir: string | null): void {
  cpuProfDir = dir;
}

async function start(port: number, dataDir: string): Promise<ServerProcess> {
  const profile = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [];
  return spawnServer({
    args: process.env.BENCH_CHARTER_TSX
      ? [...profile, '--import', 'tsx', path.join(REPO, 'server/main.ts')]
      : [...profile, '--enable-source-maps', path.join(REPO, 'dist/server.mjs')],
    cwd: REPO,
    env: {
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      SEED: 'demo',
      // Request logs are not part of what is compared (the reference logs nothing).
      LOG_LEVEL: 'warn',
      MAX_SYNC_CONNECTIONS_PER_USER: String(SOCKETS_PER_USER),
    },
    readyUrl: `http://127.0.0.1:${port}/api/health`,
    // Start-up hashes seven demo passwords: slow on a busy machine.
    timeoutMs: 90_000,
  });
}

async function login(baseUrl: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

export const charterTarget: Target = {
  name: 'charter',
  description:
    'dist/server.mjs (server/main.ts bundled, as `npm start` runs it), SEED=demo, auth + permission hook + LevelDB on, LOG_LEVEL=warn',
  async launch({ dataDir, docs }: LaunchOptions): Promise<RunningTarget> {
    const fleet = Math.max(0, docs - 1);
    // Without extra relationships the server seeds the demo itself on first start.
    if (fleet > 0) await provisionCharter(dataDir, fleet);
    const port = await freePort();
    let proc = await start(port, dataDir);
    const baseUrl = `http://127.0.0.1:${port}`;
    const cookies: Record<Role, string[]> = { admin: [], member: [] };
    for (const role of ['admin', 'member'] as const) {
      for (const email of USERS[role]) cookies[role].push(await login(baseUrl, email));
    }
    return {
      name: 'charter',
      pid: () => proc.pid,
      serverUrl: `ws://127.0.0.1:${port}/sync`,
      dataDir,
      rooms: ['acme-globex', ...Array.from({ length: fleet }, (_, i) => fleetRelationshipId(i + 1))],
      localSeed: null,
      cookie: (role, n) => cookies[role][n % cookies[role].length],
      async restart() {
        await proc.stop();
        // Sessions live in LevelDB and survive the restart (CONTRACT 4).
        proc = await start(port, dataDir);
      },
      stop: () => proc.stop(),
    };
  },
};
