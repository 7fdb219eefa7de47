/**
 * What only the PostgreSQL backend has to show: group commit, concurrent migrations, the
 * statement timeout, and a configuration error that names the problem.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startPostgres, type PgServer } from '../../testing/postgres.ts';
import { openPostgresStorage } from './PostgresStorage.ts';
import { MIGRATIONS } from './migrations.ts';

let server: PgServer;
beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(() => server?.stop());

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const bytes = (s: string) => new TextEncoder().encode(s);

describe('PostgreSQL storage', () => {
  it('commits the appends of one tick in one transaction, and those behind a slow batch in the next', async () => {
    const url = await server.createDatabase();
    const storage = await openPostgresStorage({ url });
    try {
      await storage.docs.load('a');
      await storage.docs.load('b');
      const first = Array.from({ length: 20 }, (_, i) => storage.docs.append(i % 2 ? 'a' : 'b', bytes(`one ${i}`)));
      // Called while the first batch is in flight (its transaction is waiting on the database):
      // these pile up and leave together as the next.
      await new Promise((resolve) => setImmediate(resolve));
      const second = Array.from({ length: 20 }, (_, i) => storage.docs.append('a', bytes(`two ${i}`)));
      await Promise.all([...first, ...second].map((a) => a.written));
      // Rows written by one transaction share its id (xmin).
      const rows = await query<{ seq: string; doc_id: string; tx: string }>(
        url,
        'SELECT doc_id, seq, xmin::text AS tx FROM doc_updates ORDER BY doc_id, seq',
      );
      expect(rows).toHaveLength(40);
      const txOf = (doc: string, seq: number) => rows.find((r) => r.doc_id === doc && Number(r.seq) === seq)!.tx;
      const firstTx = new Set(first.map((a, i) => txOf(i % 2 ? 'a' : 'b', a.seq)));
      const secondTx = new Set(second.map((a) => txOf('a', a.seq)));
      expect(firstTx.size).toBe(1);
      expect(secondTx.size).toBe(1);
      expect(Number([...secondTx][0])).toBeGreaterThan(Number([...firstTx][0]));
    } finally {
      await storage.close();
    }
  });

  it('migrates once when several nodes start at the same time', async () => {
    const url = await server.createDatabase();
    const nodes = await Promise.all([1, 2, 3, 4].map(() => openPostgresStorage({ url })));
    try {
      const applied = await query<{ version: number }>(url, 'SELECT version FROM schema_migrations ORDER BY version');
      expect(applied.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      // Every node works on the one schema.
      await nodes[0].docs.load('d');
      await nodes[0].docs.append('d', bytes('x')).written;
      expect(await nodes[3].docs.exists('d')).toBe(true);
    } finally {
      await Promise.all(nodes.map((n) => n.close()));
    }
  });

  it('ends a statement that runs past the timeout with an error', async () => {
    const url = await server.createDatabase();
    const storage = await openPostgresStorage({ url, statementTimeoutMs: 200 });
    const blocker = new pg.Client({ connectionString: url });
    await blocker.connect();
    try {
      await storage.docs.load('slow');
      // Another session holds the table locked: the append's insert waits, then times out.
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE doc_updates IN ACCESS EXCLUSIVE MODE');
      await expect(storage.docs.append('slow', bytes('x')).written).rejects.toThrow(/timeout/i);
      await blocker.query('ROLLBACK');
      // Nothing of it was stored, and the store goes on.
      expect(await storage.docs.load('slow')).toEqual([]);
      await storage.docs.append('slow', bytes('y')).written;
      expect((await storage.docs.load('slow')).map((r) => r.seq)).toEqual([2]);
    } finally {
      await blocker.end();
      await storage.close();
    }
  });

  it('fails at start-up with the address (password hidden) when the database cannot be reached', async () => {
    await expect(
      openPostgresStorage({ url: 'postgres://charter:secret@127.0.0.1:1/none', connectTimeoutMs: 1000 }),
    ).rejects.toThrow(/PostgreSQL at postgres:\/\/charter:\*\*\*@127\.0\.0\.1:1\/none/);
  });
});
