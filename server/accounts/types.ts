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
   * document already exists (the message says "already exists").
   */
  createDocument(docId: string, build: (doc: Y.Doc) => void): Promise<void>;
  /** Closes every open socket whose context matches; returns how many were closed. */
  closeConnections(match: (ctx: ConnectionContext) => boolean, code: number, reason: string): number;
  /** Updates open sockets' role; `null` closes them with 4403. */
  setRole(relationshipId: string, userId: string, role: ParticipantRole | null): void;
  /** Who is in the plan right now (one entry per user), without loading it: [] when not loaded. */
  presence(relationshipId: string): PresentUser[];
}
