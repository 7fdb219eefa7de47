/**
 * The storage backend a test runs on. Store contract tests run on every backend
 * (`describe.each(BACKENDS)`); integration tests run on `TEST_STORAGE` (the environment variable,
 * `leveldb` unless set to `postgres`), so the suite runs once more with `TEST_STORAGE=postgres`.
 *
 * Call `useTestStorage(...)` at the top level of a test file: with PostgreSQL among the backends it
 * starts one real server for the file (server/testing/postgres.ts) and stops it afterwards, also
 * when tests fail. Each test then asks for a fresh, empty database.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Config } from '../config.ts';
import { openLevelStorage } from '../storage/openStorage.ts';
import { openPostgresStorage } from '../storage/postgres/PostgresStorage.ts';
import type { Storage, StorageKind } from '../storage/Storage.ts';
import { startPostgres, type PgServer } from './postgres.ts';

export const BACKENDS: readonly StorageKind[] = ['leveldb', 'postgres'];
export const TEST_STORAGE: StorageKind = process.env.TEST_STORAGE === 'postgres' ? 'postgres' : 'leveldb';

let server: PgServer | null = null;
let registered = false;

export function useTestStorage(backends: readonly StorageKind[] = [TEST_STORAGE]): void {
  // Modules are evaluated once per test file: one server per file, however many helpers ask.
  if (!backends.includes('postgres') || registered) return;
  registered = true;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    server = null;
  });
}

/** The running test PostgreSQL (for tests that stop and start it). */
export function testPostgres(): PgServer {
  if (!server) throw new Error('no test PostgreSQL: call useTestStorage([... "postgres"]) at the top of the file');
  return server;
}

const databases = new Map<string, string>();

/**
 * The config values that put an app with `dataDir` on TEST_STORAGE: the same database every time
 * for one dataDir, so a test restarting a server on its DATA_DIR finds its data on either backend.
 */
export async function storageConfigFor(dataDir: string): Promise<Partial<Config>> {
  if (TEST_STORAGE === 'leveldb') return { STORAGE: 'leveldb' };
  let url = databases.get(dataDir);
  if (!url) databases.set(dataDir, (url = await testPostgres().createDatabase()));
  return { STORAGE: 'postgres', DATABASE_URL: url, CLUSTER_SECRET: 'test-secret' };
}

/** `storageConfigFor(dataDir)` as environment variables, for a child process (server, script). */
export async function storageEnvFor(dataDir: string): Promise<Record<string, string>> {
  const config = await storageConfigFor(dataDir);
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, String(v)]));
}

/**
 * The config values that put an app on `backend`: a fresh database for postgres. Every app built
 * with the same values sees the same data (a restart).
 */
export async function storageConfig(backend: StorageKind = TEST_STORAGE): Promise<Partial<Config>> {
  if (backend === 'leveldb') return { STORAGE: 'leveldb' };
  return { STORAGE: 'postgres', DATABASE_URL: await testPostgres().createDatabase(), CLUSTER_SECRET: 'test-secret' };
}

/** Opens a Storage on `backend`; `dataDir` is used by LevelDB, `databaseUrl` (or a fresh database) by postgres. */
export async function openTestStorage(
  backend: StorageKind,
  where: { dataDir: string; databaseUrl?: string },
): Promise<{ storage: Storage; databaseUrl: string | null }> {
  if (backend === 'leveldb') return { storage: await openLevelStorage(where.dataDir), databaseUrl: null };
  const databaseUrl = where.databaseUrl ?? (await testPostgres().createDatabase());
  return { storage: await openPostgresStorage({ url: databaseUrl }), databaseUrl };
}

/** The Storage an app built by the harness with `dataDir` uses (on TEST_STORAGE), for reading it directly. */
export async function openStorageFor(dataDir: string): Promise<Storage> {
  const config = await storageConfigFor(dataDir);
  return config.STORAGE === 'postgres'
    ? openPostgresStorage({ url: config.DATABASE_URL as string })
    : openLevelStorage(dataDir);
}
