/**
 * The accounts layer's LevelDB storage: one sublevel per record kind, JSON values, plus three
 * indexes (email → user id, company → users, user → relationships). The app owns the Level instance; the
 * document store uses the 'docs' sublevel, so none of these names may be 'docs'.
 *
 * What must stay true: an index entry is written in the same batch as the record it points to.
 */
import type { AbstractSublevel } from 'abstract-level';
import type { Level } from 'level';
import { normalizeEmail, type AccountStore } from './store.ts';
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
} from './types.ts';

/** The app's one LevelDB (utf8 keys, JSON values); this layer only uses its own sublevels. */
export type AccountsDb = Level<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Sub<V> = AbstractSublevel<any, any, string, V>;

const SEP = '!';
const json = { valueEncoding: 'json' as const, keyEncoding: 'utf8' as const };

export class LevelAccountStore implements AccountStore {
  private readonly companies: Sub<Company>;
  private readonly users: Sub<User>;
  private readonly usersByEmail: Sub<string>;
  /** `${companyId}!${userId}` → company role: a company's people without scanning every user. */
  private readonly usersByCompany: Sub<User['companyRole']>;
  /** Which indexes have been built over existing records (see `ensureIndexes`). */
  private readonly meta: Sub<boolean>;
  private readonly relationships: Sub<Relationship>;
  /** `${relationshipId}!${userId}` → Participant */
  private readonly participants: Sub<Participant>;
  /** `${userId}!${relationshipId}` → role, to list a user's relationships without a scan. */
  private readonly participantsByUser: Sub<ParticipantRole>;
  private readonly sessions: Sub<Session>;
  private readonly settings: Sub<AccountPlanSettings>;
  private readonly invitations: Sub<Invitation>;
  /** token hash → invitation id */
  private readonly invitationsByToken: Sub<string>;
  /** `${companyId}!${invitationId}` → true */
  private readonly invitationsByCompany: Sub<boolean>;
  /** token hash → reset token */
  private readonly resetTokens: Sub<ResetToken>;

  constructor(private readonly db: AccountsDb) {
    this.companies = db.sublevel<string, Company>('companies', json);
    this.users = db.sublevel<string, User>('users', json);
    this.usersByEmail = db.sublevel<string, string>('usersByEmail', json);
    this.usersByCompany = db.sublevel<string, User['companyRole']>('usersByCompany', json);
    this.meta = db.sublevel<string, boolean>('accountsMeta', json);
    this.relationships = db.sublevel<string, Relationship>('relationships', json);
    this.participants = db.sublevel<string, Participant>('participants', json);
    this.participantsByUser = db.sublevel<string, ParticipantRole>('participantsByUser', json);
    this.sessions = db.sublevel<string, Session>('sessions', json);
    this.settings = db.sublevel<string, AccountPlanSettings>('settings', json);
    this.invitations = db.sublevel<string, Invitation>('invitations', json);
    this.invitationsByToken = db.sublevel<string, string>('invitationsByToken', json);
    this.invitationsByCompany = db.sublevel<string, boolean>('invitationsByCompany', json);
    this.resetTokens = db.sublevel<string, ResetToken>('resetTokens', json);
  }

  /**
   * Builds indexes added after data was first written (a database from an older version has
   * users but no company index). Runs once at start-up, before any request.
   */
  async ensureIndexes(): Promise<void> {
    if (await this.meta.get('usersByCompany')) return;
    const users = await this.users.values().all();
    await this.db.batch([
      ...users.map((u) => ({
        type: 'put' as const,
        sublevel: this.usersByCompany,
        key: u.companyId + SEP + u.id,
        value: u.companyRole,
      })),
      { type: 'put', sublevel: this.meta, key: 'usersByCompany', value: true },
    ]);
  }

  async isEmpty(): Promise<boolean> {
    const keys = await this.companies.keys({ limit: 1 }).all();
    return keys.length === 0;
  }

  // --- companies and users --------------------------------------------------------------

  putCompany(c: Company): Promise<void> {
    return this.companies.put(c.id, c);
  }

  getCompany(id: string): Promise<Company | undefined> {
    return this.companies.get(id);
  }

  async putUser(u: User): Promise<void> {
    const before = await this.users.get(u.id);
    await this.db.batch([
      // A changed email or company must not leave the old index entry pointing at this user.
      ...(before && normalizeEmail(before.email) !== normalizeEmail(u.email)
        ? [{ type: 'del' as const, sublevel: this.usersByEmail, key: normalizeEmail(before.email) }]
        : []),
      ...(before && before.companyId !== u.companyId
        ? [{ type: 'del' as const, sublevel: this.usersByCompany, key: before.companyId + SEP + u.id }]
        : []),
      { type: 'put', sublevel: this.users, key: u.id, value: u },
      { type: 'put', sublevel: this.usersByEmail, key: normalizeEmail(u.email), value: u.id },
      { type: 'put', sublevel: this.usersByCompany, key: u.companyId + SEP + u.id, value: u.companyRole },
    ]);
  }

  getUser(id: string): Promise<User | undefined> {
    return this.users.get(id);
  }

  async getUserByEmail(email: string): Promise<User | undefined> {
    const id = await this.usersByEmail.get(normalizeEmail(email));
    return id === undefined ? undefined : this.users.get(id);
  }

  async getUsers(ids: readonly string[]): Promise<Map<string, User>> {
    const unique = [...new Set(ids)];
    const values = unique.length ? await this.users.getMany(unique) : [];
    const out = new Map<string, User>();
    values.forEach((u) => u && out.set(u.id, u));
    return out;
  }

  /** Every user of a company, through the company index. */
  async usersOfCompany(companyId: string): Promise<User[]> {
    const keys = await this.usersByCompany.keys(prefixRange(companyId)).all();
    const users = await this.getUsers(keys.map((k) => k.slice(companyId.length + SEP.length)));
    return [...users.values()];
  }

  /** The Company Admins of a company: what every relationship's team starts from. */
  async adminsOfCompany(companyId: string): Promise<User[]> {
    const entries = await this.usersByCompany.iterator(prefixRange(companyId)).all();
    const ids = entries.filter(([, role]) => role === 'admin').map(([k]) => k.slice(companyId.length + SEP.length));
    return [...(await this.getUsers(ids)).values()];
  }

  // --- relationships and participants ---------------------------------------------------

  putRelationship(r: Relationship): Promise<void> {
    return this.relationships.put(r.id, r);
  }

  getRelationship(id: string): Promise<Relationship | undefined> {
    return this.relationships.get(id);
  }

  /** Relationships where one of `companyIds` is a party. A scan: it serves admin screens only. */
  async relationshipsOfCompany(companyId: string): Promise<Relationship[]> {
    const all = await this.relationships.values().all();
    return all.filter((r) => r.partyIds.includes(companyId));
  }

  async putParticipant(p: Participant): Promise<void> {
    await this.db.batch([
      { type: 'put', sublevel: this.participants, key: p.relationshipId + SEP + p.userId, value: p },
      { type: 'put', sublevel: this.participantsByUser, key: p.userId + SEP + p.relationshipId, value: p.role },
    ]);
  }

  async deleteParticipant(relationshipId: string, userId: string): Promise<void> {
    await this.db.batch([
      { type: 'del', sublevel: this.participants, key: relationshipId + SEP + userId },
      { type: 'del', sublevel: this.participantsByUser, key: userId + SEP + relationshipId },
    ]);
  }

  getParticipant(relationshipId: string, userId: string): Promise<Participant | undefined> {
    return this.participants.get(relationshipId + SEP + userId);
  }

  participantsOf(relationshipId: string): Promise<Participant[]> {
    return this.participants.values(prefixRange(relationshipId)).all();
  }

  async relationshipIdsOfUser(userId: string): Promise<string[]> {
    const keys = await this.participantsByUser.keys(prefixRange(userId)).all();
    return keys.map((k) => k.slice(userId.length + SEP.length));
  }

  // --- sessions -------------------------------------------------------------------------

  putSession(s: Session): Promise<void> {
    return this.sessions.put(s.id, s);
  }

  getSession(id: string): Promise<Session | undefined> {
    return this.sessions.get(id);
  }

  deleteSession(id: string): Promise<void> {
    return this.sessions.del(id);
  }

  allSessions(): Promise<Session[]> {
    return this.sessions.values().all();
  }

  /** A scan: it serves rare events only (deactivation, a password change). */
  async sessionsOfUser(userId: string): Promise<Session[]> {
    return (await this.sessions.values().all()).filter((s) => s.userId === userId);
  }

  // --- invitations (rules in linkStores.ts) ---------------------------------------------

  async putInvitation(inv: Invitation): Promise<void> {
    const before = await this.invitations.get(inv.id);
    await this.db.batch([
      ...(before && before.tokenHash !== inv.tokenHash
        ? [{ type: 'del' as const, sublevel: this.invitationsByToken, key: before.tokenHash }]
        : []),
      { type: 'put', sublevel: this.invitations, key: inv.id, value: inv },
      { type: 'put', sublevel: this.invitationsByToken, key: inv.tokenHash, value: inv.id },
      { type: 'put', sublevel: this.invitationsByCompany, key: inv.companyId + SEP + inv.id, value: true },
    ]);
  }

  getInvitation(id: string): Promise<Invitation | undefined> {
    return this.invitations.get(id);
  }

  async getInvitationByTokenHash(tokenHash: string): Promise<Invitation | undefined> {
    const id = await this.invitationsByToken.get(tokenHash);
    const inv = id === undefined ? undefined : await this.invitations.get(id);
    return inv && inv.tokenHash === tokenHash ? inv : undefined;
  }

  async invitationsOfCompany(companyId: string): Promise<Invitation[]> {
    const keys = await this.invitationsByCompany.keys(prefixRange(companyId)).all();
    const ids = keys.map((k) => k.slice(companyId.length + SEP.length));
    const values = ids.length ? await this.invitations.getMany(ids) : [];
    return values.filter((v): v is Invitation => v !== undefined);
  }

  // --- password reset tokens (rules in linkStores.ts) -----------------------------------

  putResetToken(t: ResetToken): Promise<void> {
    return this.resetTokens.put(t.tokenHash, t);
  }

  getResetToken(tokenHash: string): Promise<ResetToken | undefined> {
    return this.resetTokens.get(tokenHash);
  }

  /** A scan over live reset tokens, which expire within the hour: the set stays small. */
  async resetTokensOfUser(userId: string): Promise<ResetToken[]> {
    return (await this.resetTokens.values().all()).filter((t) => t.userId === userId);
  }

  deleteResetToken(tokenHash: string): Promise<void> {
    return this.resetTokens.del(tokenHash);
  }

  async deleteExpiredResetTokens(now: number): Promise<number> {
    const expired = (await this.resetTokens.values().all()).filter((t) => t.expiresAt <= now);
    if (expired.length) await this.resetTokens.batch(expired.map((t) => ({ type: 'del' as const, key: t.tokenHash })));
    return expired.length;
  }

  // --- company settings -----------------------------------------------------------------

  getSettings(companyId: string): Promise<AccountPlanSettings | undefined> {
    return this.settings.get(companyId);
  }

  putSettings(companyId: string, s: AccountPlanSettings): Promise<void> {
    return this.settings.put(companyId, s);
  }
}

/** Keys `${prefix}!…`: '"' is the character after '!', so it bounds the range. */
function prefixRange(prefix: string) {
  return { gt: prefix + SEP, lt: prefix + '"' };
}
