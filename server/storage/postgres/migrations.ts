/**
 * The PostgreSQL schema, as numbered migrations applied in order at start-up. A migration is
 * never edited once released: a change is a new migration with the next number.
 *
 * Several nodes may start at once against one database: `migrate` takes a session-level advisory
 * lock first, so exactly one applies what is missing while the others wait and then find nothing
 * left to do. Each migration runs in its own transaction together with its row in
 * schema_migrations, so a crash mid-way leaves it either applied and recorded, or neither.
 *
 * Records keep their lookup and key fields as columns (primary and foreign keys, the unique
 * email, an index for every lookup the app makes) and the rest of the record as jsonb, so a new
 * optional field in a record type needs no migration.
 */
import type pg from 'pg';
import { advisoryLock, advisoryUnlock } from './db.ts';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'documents, accounts, history',
    sql: `
      CREATE TABLE doc_snapshots (
        doc_id text PRIMARY KEY,
        seq bigint NOT NULL,
        data bytea NOT NULL
      );
      CREATE TABLE doc_updates (
        doc_id text NOT NULL,
        seq bigint NOT NULL,
        data bytea NOT NULL,
        PRIMARY KEY (doc_id, seq)
      );
      CREATE TABLE doc_quarantine (
        doc_id text NOT NULL,
        seq bigint NOT NULL,
        kind text NOT NULL CHECK (kind IN ('update', 'snapshot')),
        reason text NOT NULL,
        at timestamptz NOT NULL,
        data bytea NOT NULL,
        PRIMARY KEY (doc_id, seq, kind)
      );
      CREATE TABLE doc_client_ids (
        doc_id text NOT NULL,
        client bigint NOT NULL,
        owner text NOT NULL,
        PRIMARY KEY (doc_id, client)
      );

      -- The demo seed writes users before their companies (a company marks the seed complete),
      -- so users.company_id and settings.company_id carry no foreign key.
      CREATE TABLE companies (
        id text PRIMARY KEY,
        record jsonb NOT NULL
      );
      CREATE TABLE users (
        id text PRIMARY KEY,
        email text NOT NULL UNIQUE,
        company_id text NOT NULL,
        company_role text NOT NULL,
        record jsonb NOT NULL
      );
      CREATE INDEX users_company ON users (company_id, company_role);
      CREATE TABLE relationships (
        id text PRIMARY KEY,
        party_a text NOT NULL,
        party_b text NOT NULL,
        record jsonb NOT NULL
      );
      CREATE INDEX relationships_party_a ON relationships (party_a);
      CREATE INDEX relationships_party_b ON relationships (party_b);
      CREATE TABLE participants (
        relationship_id text NOT NULL REFERENCES relationships (id),
        user_id text NOT NULL REFERENCES users (id),
        role text NOT NULL,
        PRIMARY KEY (relationship_id, user_id)
      );
      CREATE INDEX participants_user ON participants (user_id);
      CREATE TABLE sessions (
        id text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users (id),
        record jsonb NOT NULL
      );
      CREATE INDEX sessions_user ON sessions (user_id);
      CREATE TABLE company_settings (
        company_id text PRIMARY KEY,
        record jsonb NOT NULL
      );
      CREATE TABLE invitations (
        id text PRIMARY KEY,
        token_hash text NOT NULL UNIQUE,
        company_id text NOT NULL,
        record jsonb NOT NULL
      );
      CREATE INDEX invitations_company ON invitations (company_id);
      CREATE TABLE reset_tokens (
        token_hash text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users (id),
        expires_at bigint NOT NULL,
        record jsonb NOT NULL
      );
      CREATE INDEX reset_tokens_user ON reset_tokens (user_id);
      CREATE INDEX reset_tokens_expiry ON reset_tokens (expires_at);

      CREATE TABLE versions (
        doc_id text NOT NULL,
        seq integer NOT NULL CHECK (seq > 0),
        meta jsonb NOT NULL,
        state bytea NOT NULL,
        PRIMARY KEY (doc_id, seq)
      );
      CREATE TABLE signatures (
        doc_id text NOT NULL,
        company_id text NOT NULL,
        record jsonb NOT NULL,
        PRIMARY KEY (doc_id, company_id)
      );
    `,
  },
  {
    version: 2,
    name: 'notifications',
    sql: `
      -- The inbox (server/notifications/NotificationStore.ts). Ids sort in the order they were
      -- added, so a user's page is one index range read backwards. No foreign key to users:
      -- people are deactivated, never deleted, and the store's contract holds on its own.
      CREATE TABLE notifications (
        user_id text NOT NULL,
        id text NOT NULL,
        relationship_id text NOT NULL,
        read boolean NOT NULL DEFAULT false,
        record jsonb NOT NULL,
        PRIMARY KEY (user_id, id)
      );
      CREATE INDEX notifications_unread ON notifications (user_id, relationship_id) WHERE NOT read;
    `,
  },
];

/** The advisory lock that serialises migrations. */
const MIGRATION_LOCK = 'charter:migrate';

/** Applies every migration the database lacks; returns the versions applied by this call. */
export async function migrate(pool: pg.Pool): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await advisoryLock(client, MIGRATION_LOCK);
    try {
      await client.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           version integer PRIMARY KEY,
           name text NOT NULL,
           applied_at timestamptz NOT NULL DEFAULT now()
         )`,
      );
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
      const done = new Set(rows.map((r) => r.version));
      for (const m of MIGRATIONS) {
        if (done.has(m.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw err;
        }
        applied.push(m.version);
      }
    } finally {
      await advisoryUnlock(client, MIGRATION_LOCK).catch(() => undefined);
    }
  } finally {
    client.release();
  }
  return applied;
}
