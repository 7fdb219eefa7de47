/**
 * What only the PostgreSQL backend has to show: group commit, concurrent migrations, the
 * statement timeout, and a configuration error that names the problem.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startPostgres, type PgServer } from '../../testing/postgres.ts';
import { openPostgresStorage } from './PostgresStorage.ts';
import { MIGRATIONS } from './migrations.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../app.ts';
import { makeConfig } from '../../config.ts';

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

  it('seeds an empty database once when two servers start on it at the same time, and not again', async () => {
    const url = await server.createDatabase();
    const dirs = await Promise.all([1, 2, 3].map(() => mkdtemp(path.join(os.tmpdir(), 'charter-pgseed-'))));
    const config = (dir: string) =>
      makeConfig({
        PORT: 0,
        SEED: 'demo',
        LOG_LEVEL: 'silent',
        DATA_DIR: dir,
        STORAGE: 'postgres',
        DATABASE_URL: url,
        CLUSTER_SECRET: 'test-secret',
      });
    try {
      const apps = await Promise.all(dirs.slice(0, 2).map((dir) => buildApp(config(dir))));
      await Promise.all(apps.map((a) => a.close()));
      const counts = async () =>
        (
          await query<{ companies: number; users: number; versions: number; doc_records: number }>(
            url,
            `SELECT (SELECT count(*)::int FROM companies) AS companies, (SELECT count(*)::int FROM users) AS users,
                    (SELECT count(*)::int FROM versions) AS versions,
                    (SELECT count(*)::int FROM doc_updates) + (SELECT count(*)::int FROM doc_snapshots) AS doc_records`,
          )
        )[0];
      const seeded = await counts();
      expect(seeded.companies).toBeGreaterThan(0);
      // One creation version for the demo plan: a second seed would have configured it again.
      expect(seeded.versions).toBe(1);
      const third = await buildApp(config(dirs[2]));
      expect(await third.storage.accounts.getUserByEmail('ada@acme.example')).toBeDefined();
      await third.close();
      expect(await counts()).toEqual(seeded);
    } finally {
      for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    }
  });

  it('runs exclusive steps of one name one at a time across processes on the database', async () => {
    const url = await server.createDatabase();
    const nodes = await Promise.all([1, 2, 3].map(() => openPostgresStorage({ url })));
    const events: string[] = [];
    try {
      await Promise.all(
        nodes.map((n, i) =>
          n.exclusive('seed', async () => {
            events.push(`enter ${i}`);
            await new Promise((r) => setTimeout(r, 50));
            events.push(`leave ${i}`);
          }),
        ),
      );
      // Every enter is followed by its own leave before anyone else enters.
      for (let k = 0; k < events.length; k += 2) {
        expect(events[k + 1]).toBe(events[k].replace('enter', 'leave'));
      }
      expect(events).toHaveLength(6);
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
