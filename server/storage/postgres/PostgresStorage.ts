/**
 * Everything in one PostgreSQL database (CONTRACT 7): one connection pool shared by every store,
 * the schema migrated at start-up (migrations.ts), and a time limit on every statement so a
 * stuck database surfaces as an error instead of a hung request or a room that never relays.
 */
import pg from 'pg';
import { StorageUnavailableError, type Storage } from '../Storage.ts';
import { advisoryLock, advisoryUnlock, isUnavailable } from './db.ts';
import { migrate } from './migrations.ts';
import { PgAccountStore } from './PgAccountStore.ts';
import { PgDocStore } from './PgDocStore.ts';
import { PgNotificationStore } from './PgNotificationStore.ts';
import { PgVersionStore } from './PgVersionStore.ts';

export interface PostgresOptions {
  url: string;
  /** Connections in the pool. */
  poolSize?: number;
  /** Longest a statement may run on the server, and a query may wait for its answer, in ms. */
  statementTimeoutMs?: number;
  /** Longest to wait for a connection (from the pool or a new one), in ms. */
  connectTimeoutMs?: number;
  /** Where background connection errors are reported. */
  log?: { warn(obj: object, msg: string): void };
}

export async function openPostgresStorage(options: PostgresOptions): Promise<Storage> {
  const statementTimeout = options.statementTimeoutMs ?? 10_000;
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    statement_timeout: statementTimeout,
    query_timeout: statementTimeout + 2_000,
    idleTimeoutMillis: 30_000,
    application_name: 'charter',
  });
  // An idle connection that breaks (the database restarted) emits 'error' on the pool; unhandled,
  // it would end the process. The pool drops that connection and opens a new one when needed.
  pool.on('error', (err) => options.log?.warn({ err }, 'PostgreSQL connection lost'));
  // Every store queries through the pool: a database that cannot be reached surfaces as one
  // error type, whatever the driver reported (refused, reset, terminated, timed out).
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  pool.query = ((...args: unknown[]) =>
    query(...args).catch((err: unknown) => {
      throw isUnavailable(err) ? new StorageUnavailableError(err) : err;
    })) as typeof pool.query;
  try {
    await migrate(pool);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new Error(`PostgreSQL at ${redact(options.url)}: ${(err as Error).message}`, { cause: err });
  }
  const docs = new PgDocStore(pool);
  const versions = new PgVersionStore(pool);
  return {
    kind: 'postgres',
    docs,
    accounts: new PgAccountStore(pool),
    versions,
    notifications: new PgNotificationStore(pool),
    dump: null,
    async exclusive(name, fn) {
      // A session-level advisory lock on a connection held for the duration of `fn`.
      const client = await pool.connect();
      try {
        await advisoryLock(client, `charter:${name}`);
        try {
          return await fn();
        } finally {
          await advisoryUnlock(client, `charter:${name}`).catch(() => undefined);
        }
      } finally {
        client.release();
      }
    },
    async close() {
      await docs.close().catch(() => undefined);
      await versions.settled();
      await pool.end();
    },
  };
}

/** The connection string without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]*):[^@]*@/, '$1:***@');
}
