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
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startPostgres } from '../../server/testing/postgres.ts';
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

async function start(port: number, dataDir: string, storageEnv: Record<string, string> = {}): Promise<ServerProcess> {
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
      ...storageEnv,
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

interface StorageSetup {
  env: Record<string, string>;
  /** Where the data grows (the database cluster's directory), for the disk-growth figure. */
  dataDir: string;
  helperPids(): number[];
  stop(): Promise<void>;
}

async function launchCharter(
  name: 'charter' | 'charter-pg',
  { dataDir, docs }: LaunchOptions,
  storage: StorageSetup | null,
): Promise<RunningTarget> {
  const fleet = Math.max(0, docs - 1);
  // Without extra relationships the server seeds the demo itself on first start.
  if (fleet > 0) await provisionCharter(dataDir, fleet, storage?.env);
  const port = await freePort();
  let proc = await start(port, dataDir, storage?.env);
  const baseUrl = `http://127.0.0.1:${port}`;
  const cookies: Record<Role, string[]> = { admin: [], member: [] };
  for (const role of ['admin', 'member'] as const) {
    for (const email of USERS[role]) cookies[role].push(await login(baseUrl, email));
  }
  return {
    name,
    pid: () => proc.pid,
    helperPids: storage ? () => storage.helperPids() : undefined,
    serverUrl: `ws://127.0.0.1:${port}/sync`,
    dataDir: storage?.dataDir ?? dataDir,
    rooms: ['acme-globex', ...Array.from({ length: fleet }, (_, i) => fleetRelationshipId(i + 1))],
    localSeed: null,
    cookie: (role, n) => cookies[role][n % cookies[role].length],
    async restart() {
      await proc.stop();
      // Sessions are stored (LevelDB or PostgreSQL) and survive the restart (CONTRACT 4).
      proc = await start(port, dataDir, storage?.env);
    },
    async stop() {
      await proc.stop();
      await storage?.stop();
    },
  };
}

export const charterTarget: Target = {
  name: 'charter',
  description:
    'dist/server.mjs (server/main.ts bundled, as `npm start` runs it), SEED=demo, auth + permission hook + LevelDB on, LOG_LEVEL=warn',
  launch: (opts) => launchCharter('charter', opts, null),
};

/** Every process of the PostgreSQL cluster whose postmaster is `postmaster` (itself included). */
function clusterPids(postmaster: number): number[] {
  const pids = [postmaster];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === postmaster) pids.push(Number(entry));
    } catch {
      // gone in between
    }
  }
  return pids;
}

export const charterPgTarget: Target = {
  name: 'charter-pg',
  description:
    'the same server with STORAGE=postgres on a PostgreSQL 15 of its own (server/testing/postgres.ts: fsync off, as in the tests), CPU counted for Charter plus every PostgreSQL process',
  async launch(opts) {
    const pg = await startPostgres();
    try {
      const url = await pg.createDatabase();
      const postmaster = Number(readFileSync(path.join(pg.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      return await launchCharter('charter-pg', opts, {
        env: { STORAGE: 'postgres', DATABASE_URL: url, CLUSTER_SECRET: 'bench' },
        dataDir: pg.dataDir,
        helperPids: () => clusterPids(postmaster),
        stop: () => pg.stop(),
      });
    } catch (err) {
      await pg.stop();
      throw err;
    }
  },
};
