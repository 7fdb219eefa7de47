/**
 * A real PostgreSQL 15 for tests: `initdb` into a temporary directory, started on a free port in
 * 55430–55499 with its own socket directory, stopped (and its directory removed) by `stop()`.
 * Nothing is mocked and no system service is touched.
 *
 * initdb refuses to run as root, so when the tests run as root the cluster belongs to the
 * `postgres` user and the binaries run under its uid (spawned directly, so signals reach them).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PgServer {
  readonly port: number;
  /** The cluster's data directory (postmaster.pid names the server process). */
  readonly dataDir: string;
  /** A connection string for database `name` (default `postgres`). */
  url(name?: string): string;
  /** Creates an empty database with a fresh name and returns its connection string. */
  createDatabase(): Promise<string>;
  /** Stops the server (fast shutdown) but keeps its data, so `start()` brings it back. */
  halt(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its data directory. */
  stop(): Promise<void>;
}

function asRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** uid and gid of the `postgres` user when running as root; otherwise run as ourselves. */
let owner: { uid: number; gid: number } | undefined;

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

async function freePort(): Promise<number> {
  const start = 55430 + Math.floor(Math.random() * 70);
  for (let i = 0; i < 70; i++) {
    const port = 55430 + ((start - 55430 + i) % 70);
    if (await portFree(port)) return port;
  }
  throw new Error('no free port in 55430–55499 for a test PostgreSQL');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let dbCounter = 0;

export async function startPostgres(): Promise<PgServer> {
  if (!existsSync(path.join(PG_BIN, 'postgres')) || !existsSync(path.join(PG_BIN, 'initdb'))) {
    throw new Error(
      `PostgreSQL 15 server binaries not found in ${PG_BIN}: install Debian 12's "postgresql" package ` +
        '(.ci/run does) or set PG_BIN to the directory holding initdb and postgres.',
    );
  }
  const root = await mkdtemp(path.join(os.tmpdir(), 'charter-pg-'));
  const dataDir = path.join(root, 'data');
  const socketDir = root;
  if (asRoot()) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    owner = { uid: Number(stdout.trim()), gid: Number(gid.trim()) };
    await chown(root, owner.uid, owner.gid);
  }
  await run(path.join(PG_BIN, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync'], {
    ...owner,
    cwd: root,
  });

  let child: ChildProcess | null = null;
  let port = 0;
  let exited: Promise<void> = Promise.resolve();

  const url = (name = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${name}`;

  async function start(): Promise<void> {
    if (port === 0) port = await freePort();
    const args = [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-k',
      socketDir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'max_connections=200',
    ];
    let log = '';
    const proc = spawn(path.join(PG_BIN, 'postgres'), args, {
      ...owner,
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    // If the test process dies without stopping it, the server must not outlive it.
    const orphanGuard = () => proc.kill('SIGQUIT');
    process.once('exit', orphanGuard);
    proc.once('exit', () => process.off('exit', orphanGuard));
    proc.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
    child = proc;
    exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    for (let i = 0; i < 600; i++) {
      if (proc.exitCode !== null) throw new Error(`test PostgreSQL exited at start:\n${log}`);
      const client = new pg.Client({ connectionString: url() });
      try {
        await client.connect();
        await client.end();
        return;
      } catch {
        await client.end().catch(() => undefined);
        await sleep(50);
      }
    }
    proc.kill('SIGQUIT');
    throw new Error(`test PostgreSQL did not accept connections within 30 s:\n${log}`);
  }

  async function halt(): Promise<void> {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    // SIGINT is PostgreSQL's fast shutdown: clients are disconnected, committed work is kept.
    proc.kill('SIGINT');
    await exited;
  }

  try {
    // Another test file may take the same free port between the check and the bind: try another.
    for (let attempt = 1; ; attempt++) {
      try {
        await start();
        break;
      } catch (err) {
        if (attempt >= 5 || !/could not (bind|create)|already in use/i.test((err as Error).message)) throw err;
        await halt();
        port = 0;
      }
    }
  } catch (err) {
    // Nothing may outlive a failed start: no server, no directory.
    await halt();
    await rm(root, { recursive: true, force: true });
    throw err;
  }
  const server: PgServer = {
    get port() {
      return port;
    },
    dataDir,
    url,
    async createDatabase() {
      const name = `t_${process.pid}_${++dbCounter}_${Date.now().toString(36)}`;
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    halt,
    start,
    async stop() {
      await halt();
      await rm(root, { recursive: true, force: true });
    },
  };
  return server;
}

/** Every table of the database at `url`, each row as JSON: what a copy of the database would hold. */
export async function dumpPostgres(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    const parts: string[] = [];
    for (const { name } of tables) {
      // Table names come from the catalog, quoted by the server itself.
      const { rows } = await client.query<{ rows: unknown }>(`SELECT json_agg(t) AS rows FROM ${name} t`);
      parts.push(`${name}: ${JSON.stringify(rows[0].rows)}`);
    }
    return parts.join('\n');
  } finally {
    await client.end();
  }
}
