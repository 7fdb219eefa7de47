/**
 * The accounts layer's storage: companies, users, relationships and their participants, sessions,
 * company plan settings, and (through linkStores.ts) invitations and reset tokens. Implemented
 * on LevelDB (LevelAccountStore.ts) and PostgreSQL (server/storage/postgres); the same contract
 * suite (accountStore.contract.test.ts) runs against both.
 *
 * Rules callers depend on:
 * - `put*` replaces the whole record with the same id; `get*` of an unknown id is undefined;
 * - a user's email is unique, compared after `normalizeEmail`; `putUser` with a changed email or
 *   company leaves no lookup pointing at the old one; index entries are written atomically with
 *   the record they point to;
 * - a participant is keyed by (relationship, user): `putParticipant` replaces, `deleteParticipant`
 *   of an absent one is a no-op; `relationshipIdsOfUser` and `participantsOf` see it at once;
 * - a participant, session or reset token refers to a stored user, and a participant to a stored
 *   relationship (the database may enforce it); users and settings may be written before their
 *   company (the demo seed writes companies last);
 * - every write resolves only once it is durable (it survives a kill -9 of the process);
 * - `ensureIndexes` runs once at start-up, before any request; `isEmpty` means no company exists.
 */
import type { InvitationRecords, ResetTokenRecords } from './linkStores.ts';
import type { AccountPlanSettings, Company, Participant, Relationship, Session, User } from './types.ts';

export interface AccountStore extends InvitationRecords, ResetTokenRecords {
  ensureIndexes(): Promise<void>;
  isEmpty(): Promise<boolean>;

  putCompany(c: Company): Promise<void>;
  getCompany(id: string): Promise<Company | undefined>;
  putUser(u: User): Promise<void>;
  getUser(id: string): Promise<User | undefined>;
  getUserByEmail(email: string): Promise<User | undefined>;
  /** The users found among `ids` (unknown ids are left out), by id. */
  getUsers(ids: readonly string[]): Promise<Map<string, User>>;
  usersOfCompany(companyId: string): Promise<User[]>;
  /** The Company Admins of a company: what every relationship's team starts from. */
  adminsOfCompany(companyId: string): Promise<User[]>;

  putRelationship(r: Relationship): Promise<void>;
  getRelationship(id: string): Promise<Relationship | undefined>;
  /** Relationships where the company is a party. */
  relationshipsOfCompany(companyId: string): Promise<Relationship[]>;
  putParticipant(p: Participant): Promise<void>;
  deleteParticipant(relationshipId: string, userId: string): Promise<void>;
  getParticipant(relationshipId: string, userId: string): Promise<Participant | undefined>;
  participantsOf(relationshipId: string): Promise<Participant[]>;
  relationshipIdsOfUser(userId: string): Promise<string[]>;

  putSession(s: Session): Promise<void>;
  getSession(id: string): Promise<Session | undefined>;
  deleteSession(id: string): Promise<void>;
  allSessions(): Promise<Session[]>;
  sessionsOfUser(userId: string): Promise<Session[]>;

  getSettings(companyId: string): Promise<AccountPlanSettings | undefined>;
  putSettings(companyId: string, s: AccountPlanSettings): Promise<void>;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
