/** Pool helpers shared by the PostgreSQL stores. Every query is parameterised. */
import type pg from 'pg';
import { StorageUnavailableError } from '../Storage.ts';

/** Runs `fn` in one transaction on one pooled connection: all of it commits, or none. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    throw isUnavailable(err) ? new StorageUnavailableError(err) : err;
  }
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    try {
      await client.query('ROLLBACK');
    } catch {
      // The connection itself failed: it must not go back into the pool.
      broken = true;
    }
    throw isUnavailable(err) ? new StorageUnavailableError(err) : err;
  } finally {
    client.release(broken);
  }
}

/** A bytea read back from the driver (a Buffer from its pool) as a plain Uint8Array of its own. */
export function bytes(data: Buffer): Uint8Array {
  return new Uint8Array(data);
}

/** Error codes of a database that cannot be reached or is shutting down (not of a bad query). */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

export function isUnavailable(err: unknown): boolean {
  if (err instanceof StorageUnavailableError) return true;
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (UNAVAILABLE_CODES.has(code)) return true;
      // 08: connection exception; 57P01-57P03: shutdown / cannot connect now; 53300: too many connections.
      if (code.startsWith('08') || /^57P0[1-3]$/.test(code) || code === '53300') return true;
    }
    const message = (e as { message?: unknown }).message;
    if (
      typeof message === 'string' &&
      /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error/i.test(
        message,
      )
    ) {
      return true;
    }
  }
  return false;
}

/**
 * Takes a session-level advisory lock on `client`, polling rather than blocking: a wait longer
 * than the statement timeout (another node seeding a large database) must not fail the start.
 */
export async function advisoryLock(client: pg.PoolClient, key: string): Promise<void> {
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [
      key,
    ]);
    if (rows[0].locked) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function advisoryUnlock(client: pg.PoolClient, key: string): Promise<void> {
  await client.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
}
