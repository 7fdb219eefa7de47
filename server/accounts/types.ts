/**
 * Records of the accounts layer as stored in LevelDB, and the one interface it needs from the
 * sync layer (`PlanDocuments`). Everything here is plain data; rules live in roles.ts.
 */
import type * as Y from 'yjs';
import type { AccountPlanSettings, CatalogObjective, CompanyRole, PresentUser } from '../../shared/apiTypes.ts';
import type { ConnectionContext, ParticipantRole } from '../sync/types.ts';

export type { AccountPlanSettings, CatalogObjective, CompanyRole, ParticipantRole, PresentUser };

export interface Company {
  id: string;
  name: string;
}

export interface User {
  id: string;
  email: string;
  name: string;
  companyId: string;
  companyRole: CompanyRole;
  /** scrypt parameters, salt and hash: see passwords.ts. Never leaves the accounts layer. */
  password: string;
  /**
   * Set (ISO time) when a Company Admin deactivated the person: they cannot sign in and take
   * part in nothing, but the record stays so their authored content keeps their name.
   */
  deactivatedAt?: string | null;
}

/** A user as the API shows it: no password material. */
export type PublicUser = Omit<User, 'password'>;

export interface Relationship {
  id: string;
  name: string;
  ownerCompanyId: string;
  /** Always two company ids; the owner is one of them. */
  partyIds: [string, string];
  /** Set once the plan document was created from the owner's settings. */
  configuredAt: string | null;
  /**
   * Absent (records from before invitations) means `active`. While `pending` or `declined` the
   * second party may not be known yet: `partyIds[1]` is then '' (no company has that id).
   */
  status?: RelationshipStatus;
  /** The address the partner was invited at (owner's admins see it while pending). */
  partnerEmail?: string;
  /** The partner invitation's id, for accepting and declining. */
  invitationId?: string;
  /** Set (ISO time) while archived: read-only for everyone, still exportable. */
  archivedAt?: string | null;
}

export type RelationshipStatus = 'pending' | 'active' | 'declined';

export type InvitationKind = 'company' | 'relationship';
export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'declined';

/**
 * A single-use link: `company` makes the holder a person of `companyId` with `role`;
 * `relationship` makes the holder's company the partner of `relationshipId` (creating that
 * company when it is not on Charter yet). Only the token's SHA-256 is stored.
 */
export interface Invitation {
  id: string;
  tokenHash: string;
  kind: InvitationKind;
  email: string;
  /** Company kind: the company joined. Relationship kind: the inviting (owner) company. */
  companyId: string;
  role: CompanyRole;
  relationshipId: string | null;
  /** Null when the operator's command created it. */
  invitedBy: { userId: string; name: string } | null;
  createdAt: number;
  expiresAt: number;
  status: InvitationStatus;
  /** When it was accepted, revoked or declined. */
  closedAt: number | null;
  /** The operator's `--admin-name`: the acceptance form starts with it. */
  suggestedName?: string;
}

/** A password reset link's record, keyed by the token's SHA-256. */
export interface ResetToken {
  tokenHash: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
  /** Null until used; a used token is kept until it expires so a second use says "used". */
  usedAt: number | null;
}

/** An explicit role of one user in one relationship. Company Admins need none (roles.ts). */
export interface Participant {
  relationshipId: string;
  userId: string;
  role: ParticipantRole;
}

export interface Session {
  id: string;
  userId: string;
  createdAt: number;
  /** Last time the session was used; it expires SESSION_IDLE_MS after this (sliding). */
  lastSeenAt: number;
}

export const EMPTY_SETTINGS: Readonly<AccountPlanSettings> = Object.freeze({
  enabled: false,
  objectives: [],
  principles: [],
  behaviours: [],
});

/**
 * What the accounts layer needs from the sync layer's document registry. The app passes its
 * registry; tests pass a small Map-backed implementation.
 */
export interface PlanDocuments {
  /**
   * Builds a new document's initial content on the server and stores it. Rejects when the
   * document already exists with a `DocumentExistsError` (server/errors.ts).
   */
  createDocument(docId: string, build: (doc: Y.Doc) => void): Promise<void>;
  /** Closes every open socket whose context matches; returns how many were closed. */
  closeConnections(match: (ctx: ConnectionContext) => boolean, code: number, reason: string): number;
  /** Updates open sockets' role; `null` closes them with 4403. */
  setRole(relationshipId: string, userId: string, role: ParticipantRole | null): void;
  /** Marks every open socket of the relationship archived (nothing written) or not. */
  setArchived(relationshipId: string, archived: boolean): void;
  /** Who is in the plan right now (one entry per user), without loading it: [] when not loaded. */
  presence(relationshipId: string): PresentUser[];
}
