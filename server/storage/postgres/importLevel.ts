/**
 * Moves a LevelDB installation into an empty PostgreSQL database (`npm run migrate-storage --
 * --from leveldb --to postgres`, docs/operations.md). Everything is copied as it is stored:
 * documents keep their snapshot, log, quarantine and client-id claims under the same seqs,
 * versions keep their ids, and accounts, sessions (so people stay signed in), settings,
 * invitations, reset links and the inbox's notifications keep their ids and hashes.
 *
 * The LevelDB is only read. The target must be empty (no company, no document, no version), so a
 * copy is never merged into a live database; if the copy fails half-way, drop and recreate the
 * target database and run it again.
 */
import { Level } from 'level';
import type pg from 'pg';
import type {
  AccountPlanSettings,
  Company,
  Invitation,
  Participant,
  Relationship,
  ResetToken,
  Session,
  User,
} from '../../accounts/types.ts';
import type { Signature } from '../../../shared/apiTypes.ts';
import type { VersionMeta } from '../../history/VersionStore.ts';
import type { Notification } from '../../notifications/NotificationStore.ts';
import { LevelDocStore } from '../LevelDocStore.ts';
import { PgAccountStore } from './PgAccountStore.ts';
import { insertNotification } from './PgNotificationStore.ts';
import { inTransaction } from './db.ts';

export interface ImportCounts {
  documents: number;
  docRecords: number;
  quarantined: number;
  companies: number;
  users: number;
  relationships: number;
  participants: number;
  sessions: number;
  settings: number;
  invitations: number;
  resetTokens: number;
  versions: number;
  signatures: number;
  notifications: number;
  /** Participants, sessions or reset tokens of a user who no longer exists: not copied. */
  skipped: number;
}

export class ImportRefused extends Error {}

export async function importLevelDb(dataDir: string, pool: pg.Pool): Promise<ImportCounts> {
  const { rows } = await pool.query<{ busy: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM companies) OR EXISTS (SELECT 1 FROM users)
         OR EXISTS (SELECT 1 FROM doc_updates) OR EXISTS (SELECT 1 FROM doc_snapshots)
         OR EXISTS (SELECT 1 FROM versions) AS busy`,
  );
  if (rows[0].busy) throw new ImportRefused('the target database is not empty: migrate into a new, empty database');

  const db = new Level<string, unknown>(dataDir, {
    keyEncoding: 'utf8',
    valueEncoding: 'json',
    createIfMissing: false,
  });
  try {
    await db.open();
  } catch (err) {
    const code = (err as { cause?: { code?: string } }).cause?.code;
    if (code === 'LEVEL_LOCKED') throw new ImportRefused(`${dataDir} is in use: stop the server first`);
    throw new ImportRefused(`cannot open the LevelDB in ${dataDir}: ${(err as Error).message}`);
  }
  const counts: ImportCounts = {
    documents: 0,
    docRecords: 0,
    quarantined: 0,
    companies: 0,
    users: 0,
    relationships: 0,
    participants: 0,
    sessions: 0,
    settings: 0,
    invitations: 0,
    resetTokens: 0,
    versions: 0,
    signatures: 0,
    notifications: 0,
    skipped: 0,
  };
  const json = { keyEncoding: 'utf8', valueEncoding: 'json' } as const;
  const all = <V>(name: string) => db.sublevel<string, V>(name, json).iterator().all();
  try {
    // Accounts, in an order that satisfies the foreign keys.
    const accounts = new PgAccountStore(pool);
    for (const [, c] of await all<Company>('companies')) {
      await accounts.putCompany(c);
      counts.companies++;
    }
    const userIds = new Set<string>();
    for (const [, u] of await all<User>('users')) {
      await accounts.putUser(u);
      userIds.add(u.id);
      counts.users++;
    }
    const relationshipIds = new Set<string>();
    for (const [, r] of await all<Relationship>('relationships')) {
      await accounts.putRelationship(r);
      relationshipIds.add(r.id);
      counts.relationships++;
    }
    for (const [, p] of await all<Participant>('participants')) {
      if (!userIds.has(p.userId) || !relationshipIds.has(p.relationshipId)) counts.skipped++;
      else {
        await accounts.putParticipant(p);
        counts.participants++;
      }
    }
    for (const [, s] of await all<Session>('sessions')) {
      if (!userIds.has(s.userId)) counts.skipped++;
      else {
        await accounts.putSession(s);
        counts.sessions++;
      }
    }
    for (const [companyId, s] of await all<AccountPlanSettings>('settings')) {
      await accounts.putSettings(companyId, s);
      counts.settings++;
    }
    for (const [, inv] of await all<Invitation>('invitations')) {
      await accounts.putInvitation(inv);
      counts.invitations++;
    }
    for (const [, t] of await all<ResetToken>('resetTokens')) {
      if (!userIds.has(t.userId)) counts.skipped++;
      else {
        await accounts.putResetToken(t);
        counts.resetTokens++;
      }
    }

    // Versions and signatures, under the same seqs (version ids).
    const history = db.sublevel<string, VersionMeta | Signature>('history', json);
    const states = history.sublevel<string, Uint8Array>('states', { keyEncoding: 'utf8', valueEncoding: 'view' });
    // Two key ranges (v!… versions, g!… signatures): the nested `states` sublevel sorts among them.
    const entries = [
      ...(await history.iterator({ gt: 'g!', lt: 'g"' }).all()),
      ...(await history.iterator({ gt: 'v!', lt: 'v"' }).all()),
    ];
    for (const [key, value] of entries) {
      const [kind, encDoc] = key.split('!');
      const docId = decodeURIComponent(encDoc);
      if (kind === 'v') {
        const { id: _id, seq, ...meta } = value as VersionMeta;
        const state = await states.get(`${encDoc}!${String(seq).padStart(16, '0')}`);
        if (!state) throw new Error(`version ${docId} v${seq} has no stored state`);
        await pool.query('INSERT INTO versions (doc_id, seq, meta, state) VALUES ($1, $2, $3, $4)', [
          docId,
          seq,
          JSON.stringify(meta),
          Buffer.from(state),
        ]);
        counts.versions++;
      } else if (kind === 'g') {
        const sig = value as Signature;
        await pool.query('INSERT INTO signatures (doc_id, company_id, record) VALUES ($1, $2, $3)', [
          docId,
          sig.companyId,
          JSON.stringify(sig),
        ]);
        counts.signatures++;
      }
    }

    // The inbox, under the same ids (they order each person's notifications).
    const notifications = db.sublevel<string, Notification>('notifications', json);
    for await (const n of notifications.values()) {
      await insertNotification(pool, n);
      counts.notifications++;
    }

    // Documents, one transaction each, records under their own seqs.
    const docs = new LevelDocStore(db);
    try {
      for (const docId of await docs.listDocs()) {
        const records = await docs.load(docId);
        const quarantined = await docs.quarantined(docId);
        const claims = await docs.clientIds(docId);
        await inTransaction(pool, async (client) => {
          for (const r of records) {
            const table = r.kind === 'snapshot' ? 'doc_snapshots' : 'doc_updates';
            await client.query(`INSERT INTO ${table} (doc_id, seq, data) VALUES ($1, $2, $3)`, [
              docId,
              r.seq,
              Buffer.from(r.data),
            ]);
          }
          for (const q of quarantined) {
            await client.query(
              'INSERT INTO doc_quarantine (doc_id, seq, kind, reason, at, data) VALUES ($1, $2, $3, $4, $5, $6)',
              [docId, q.seq, q.kind, q.reason, q.at, Buffer.from(q.data)],
            );
          }
          for (const [clientId, owner] of claims) {
            await client.query('INSERT INTO doc_client_ids (doc_id, client, owner) VALUES ($1, $2, $3)', [
              docId,
              clientId,
              owner,
            ]);
          }
        });
        counts.documents++;
        counts.docRecords += records.length;
        counts.quarantined += quarantined.length;
      }
    } finally {
      await docs.close();
    }
  } finally {
    await db.close();
  }
  return counts;
}
