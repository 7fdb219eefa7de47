/**
 * The accounts layer's records in PostgreSQL (rules in server/accounts/store.ts and
 * linkStores.ts; tables in migrations.ts). Each record is stored whole as jsonb next to the
 * columns it is looked up by, so every lookup is an index scan and a record and its lookup keys
 * are written by one statement (never one without the other).
 */
import type pg from 'pg';
import { normalizeEmail, type AccountStore } from '../../accounts/store.ts';
import type {
  AccountPlanSettings,
  Company,
  Invitation,
  Participant,
  ParticipantRole,
  Relationship,
  ResetToken,
  Session,
  User,
} from '../../accounts/types.ts';

const json = (v: unknown) => JSON.stringify(v);

export class PgAccountStore implements AccountStore {
  constructor(private readonly pool: pg.Pool) {}

  private async records<T>(sql: string, params: unknown[]): Promise<T[]> {
    const { rows } = await this.pool.query<{ record: T }>(sql, params);
    return rows.map((r) => r.record);
  }

  private async record<T>(sql: string, params: unknown[]): Promise<T | undefined> {
    return (await this.records<T>(sql, params))[0];
  }

  /** Every lookup has its index in the schema: nothing to build over older data. */
  async ensureIndexes(): Promise<void> {}

  async isEmpty(): Promise<boolean> {
    const { rows } = await this.pool.query('SELECT 1 FROM companies LIMIT 1');
    return rows.length === 0;
  }

  // --- companies and users --------------------------------------------------------------

  async putCompany(c: Company): Promise<void> {
    await this.pool.query(
      'INSERT INTO companies (id, record) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET record = EXCLUDED.record',
      [c.id, json(c)],
    );
  }

  getCompany(id: string): Promise<Company | undefined> {
    return this.record('SELECT record FROM companies WHERE id = $1', [id]);
  }

  async putUser(u: User): Promise<void> {
    await this.pool.query(
      `INSERT INTO users (id, email, company_id, company_role, record) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, company_id = EXCLUDED.company_id,
         company_role = EXCLUDED.company_role, record = EXCLUDED.record`,
      [u.id, normalizeEmail(u.email), u.companyId, u.companyRole, json(u)],
    );
  }

  getUser(id: string): Promise<User | undefined> {
    return this.record('SELECT record FROM users WHERE id = $1', [id]);
  }

  getUserByEmail(email: string): Promise<User | undefined> {
    return this.record('SELECT record FROM users WHERE email = $1', [normalizeEmail(email)]);
  }

  async getUsers(ids: readonly string[]): Promise<Map<string, User>> {
    const unique = [...new Set(ids)];
    const users = unique.length
      ? await this.records<User>('SELECT record FROM users WHERE id = ANY($1)', [unique])
      : [];
    return new Map(users.map((u) => [u.id, u]));
  }

  usersOfCompany(companyId: string): Promise<User[]> {
    return this.records('SELECT record FROM users WHERE company_id = $1 ORDER BY id', [companyId]);
  }

  adminsOfCompany(companyId: string): Promise<User[]> {
    return this.records(`SELECT record FROM users WHERE company_id = $1 AND company_role = 'admin' ORDER BY id`, [
      companyId,
    ]);
  }

  // --- relationships and participants ---------------------------------------------------

  async putRelationship(r: Relationship): Promise<void> {
    await this.pool.query(
      `INSERT INTO relationships (id, party_a, party_b, record) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET party_a = EXCLUDED.party_a, party_b = EXCLUDED.party_b, record = EXCLUDED.record`,
      [r.id, r.partyIds[0], r.partyIds[1], json(r)],
    );
  }

  getRelationship(id: string): Promise<Relationship | undefined> {
    return this.record('SELECT record FROM relationships WHERE id = $1', [id]);
  }

  relationshipsOfCompany(companyId: string): Promise<Relationship[]> {
    return this.records('SELECT record FROM relationships WHERE party_a = $1 OR party_b = $1 ORDER BY id', [companyId]);
  }

  async putParticipant(p: Participant): Promise<void> {
    await this.pool.query(
      `INSERT INTO participants (relationship_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (relationship_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
      [p.relationshipId, p.userId, p.role],
    );
  }

  async deleteParticipant(relationshipId: string, userId: string): Promise<void> {
    await this.pool.query('DELETE FROM participants WHERE relationship_id = $1 AND user_id = $2', [
      relationshipId,
      userId,
    ]);
  }

  async getParticipant(relationshipId: string, userId: string): Promise<Participant | undefined> {
    const { rows } = await this.pool.query<{ role: ParticipantRole }>(
      'SELECT role FROM participants WHERE relationship_id = $1 AND user_id = $2',
      [relationshipId, userId],
    );
    return rows.length ? { relationshipId, userId, role: rows[0].role } : undefined;
  }

  async participantsOf(relationshipId: string): Promise<Participant[]> {
    const { rows } = await this.pool.query<{ user_id: string; role: ParticipantRole }>(
      'SELECT user_id, role FROM participants WHERE relationship_id = $1 ORDER BY user_id',
      [relationshipId],
    );
    return rows.map((r) => ({ relationshipId, userId: r.user_id, role: r.role }));
  }

  async relationshipIdsOfUser(userId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ relationship_id: string }>(
      'SELECT relationship_id FROM participants WHERE user_id = $1 ORDER BY relationship_id',
      [userId],
    );
    return rows.map((r) => r.relationship_id);
  }

  // --- sessions -------------------------------------------------------------------------

  async putSession(s: Session): Promise<void> {
    await this.pool.query(
      `INSERT INTO sessions (id, user_id, record) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET user_id = EXCLUDED.user_id, record = EXCLUDED.record`,
      [s.id, s.userId, json(s)],
    );
  }

  getSession(id: string): Promise<Session | undefined> {
    return this.record('SELECT record FROM sessions WHERE id = $1', [id]);
  }

  async deleteSession(id: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE id = $1', [id]);
  }

  allSessions(): Promise<Session[]> {
    return this.records('SELECT record FROM sessions', []);
  }

  sessionsOfUser(userId: string): Promise<Session[]> {
    return this.records('SELECT record FROM sessions WHERE user_id = $1', [userId]);
  }

  // --- invitations ----------------------------------------------------------------------

  async putInvitation(inv: Invitation): Promise<void> {
    await this.pool.query(
      `INSERT INTO invitations (id, token_hash, company_id, record) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET token_hash = EXCLUDED.token_hash, company_id = EXCLUDED.company_id,
         record = EXCLUDED.record`,
      [inv.id, inv.tokenHash, inv.companyId, json(inv)],
    );
  }

  getInvitation(id: string): Promise<Invitation | undefined> {
    return this.record('SELECT record FROM invitations WHERE id = $1', [id]);
  }

  getInvitationByTokenHash(tokenHash: string): Promise<Invitation | undefined> {
    return this.record('SELECT record FROM invitations WHERE token_hash = $1', [tokenHash]);
  }

  invitationsOfCompany(companyId: string): Promise<Invitation[]> {
    return this.records('SELECT record FROM invitations WHERE company_id = $1 ORDER BY id', [companyId]);
  }

  // --- password reset tokens ------------------------------------------------------------

  async putResetToken(t: ResetToken): Promise<void> {
    await this.pool.query(
      `INSERT INTO reset_tokens (token_hash, user_id, expires_at, record) VALUES ($1, $2, $3, $4)
       ON CONFLICT (token_hash) DO UPDATE SET user_id = EXCLUDED.user_id, expires_at = EXCLUDED.expires_at,
         record = EXCLUDED.record`,
      [t.tokenHash, t.userId, t.expiresAt, json(t)],
    );
  }

  getResetToken(tokenHash: string): Promise<ResetToken | undefined> {
    return this.record('SELECT record FROM reset_tokens WHERE token_hash = $1', [tokenHash]);
  }

  resetTokensOfUser(userId: string): Promise<ResetToken[]> {
    return this.records('SELECT record FROM reset_tokens WHERE user_id = $1', [userId]);
  }

  async deleteResetToken(tokenHash: string): Promise<void> {
    await this.pool.query('DELETE FROM reset_tokens WHERE token_hash = $1', [tokenHash]);
  }

  async deleteExpiredResetTokens(now: number): Promise<number> {
    const { rowCount } = await this.pool.query('DELETE FROM reset_tokens WHERE expires_at <= $1', [now]);
    return rowCount ?? 0;
  }

  // --- company settings -----------------------------------------------------------------

  getSettings(companyId: string): Promise<AccountPlanSettings | undefined> {
    return this.record('SELECT record FROM company_settings WHERE company_id = $1', [companyId]);
  }

  async putSettings(companyId: string, s: AccountPlanSettings): Promise<void> {
    await this.pool.query(
      `INSERT INTO company_settings (company_id, record) VALUES ($1, $2)
       ON CONFLICT (company_id) DO UPDATE SET record = EXCLUDED.record`,
      [companyId, json(s)],
    );
  }
}
