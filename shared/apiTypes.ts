/**
 * The REST API's wire types (CONTRACT 4 and docs/api.md): what the server answers and the web
 * client reads. Declared once, here, and imported by both sides, so a server change that breaks
 * the client fails the typecheck instead of a user's screen.
 *
 * What must stay true: only plain JSON shapes live here (no classes, no Dates, no functions), and
 * every field is one the server really sends; records that never leave the server (users with
 * password hashes, stored relationships with `partyIds`) stay in server/.
 */
import type { PlanDiff, PlanSection, RestorableSection } from './planDiff.ts';
import type { PlanSnapshot } from './planSnapshot.ts';
import type { Measure } from './schema.ts';

/** A user's role in their company (CONTRACT 2). */
export type CompanyRole = 'admin' | 'member';

/** A person's role in one relationship (CONTRACT 2). */
export type ParticipantRole = 'admin' | 'member' | 'viewer';

/** The identity the server stamps on every awareness state a connection sends (CONTRACT 6, `user`). */
export interface PresenceUser {
  id: string;
  name: string;
  /** Stable per user, readable on white; distinct within the user's side of the relationship. */
  color: string;
  companyId: string;
  companyName: string;
}

/** A person present in a plan (GET /api/relationships/:id/presence): who, and the section they are in. */
export interface PresentUser extends PresenceUser {
  section: string | null;
}

/** GET /api/me and the `user` of POST /api/auth/login. */
export interface Me {
  id: string;
  email: string;
  name: string;
  companyId: string;
  companyRole: CompanyRole;
  /** Extensions beyond CONTRACT 4: for the top bar. */
  companyName: string;
  color: string;
}

/** One of a relationship's two companies. */
export interface Party {
  id: string;
  name: string;
}

/** GET /api/relationships and /api/relationships/:id: a relationship as one participant sees it. */
export interface RelationshipView {
  id: string;
  name: string;
  ownerCompanyId: string;
  parties: Party[];
  myRole: ParticipantRole;
  configured: boolean;
  /**
   * Extensions (docs/api.md). `pending`: the partner has not accepted yet (only the owner's
   * Company Admins see it); `declined`: the partner said no. Absent means `active`.
   */
  status?: RelationshipStatus;
  /** The invited partner's address, for the owner's admins while pending or declined. */
  partnerEmail?: string;
  /** Archived relationships are read-only for everyone and still exportable. */
  archived?: boolean;
  /** The owner's Company Admins (who can set the plan up), for the home card and waiting page. */
  ownerAdmins?: PersonName[];
}

export type RelationshipStatus = 'pending' | 'active' | 'declined';

/** GET /api/relationships/:id/team: a participant, with their role and presence colour. */
export interface TeamMember {
  userId: string;
  name: string;
  email: string;
  companyId: string;
  companyName: string;
  role: ParticipantRole;
  color: string;
  /** A deactivated person: no longer on the team, listed so their authored content keeps their name. */
  deactivated?: boolean;
}

/** GET /api/companies/:companyId/users. */
export interface CompanyUser {
  id: string;
  name: string;
  email: string;
  companyId: string;
  companyRole: CompanyRole;
  /** Extension: set (ISO time) once a Company Admin deactivated the person. */
  deactivatedAt?: string | null;
}

/** What an invitation link is for. */
export type InvitationKind = 'company' | 'relationship';

/** GET /api/invitations/:token: what the invitation page shows before anyone signs in. */
export interface InvitationInfo {
  kind: InvitationKind;
  email: string;
  /** The company joined (company kind), or the inviting company (relationship kind). */
  companyName: string;
  relationshipName?: string;
  /** Company invitations: the company role the person gets. */
  role?: CompanyRole;
  /** Who sent it; null when the operator created the company. */
  invitedBy: string | null;
  expiresAt: string;
  /** Relationship invitations: the partner company is already on Charter, so its admin accepts signed in. */
  partnerOnCharter?: boolean;
  /** A name to start the form with (the operator's `--admin-name`). */
  name?: string;
}

/** A company's pending invitation, as its admins list it. */
export interface PendingInvitation {
  id: string;
  kind: InvitationKind;
  email: string;
  role: CompanyRole;
  relationshipId: string | null;
  invitedBy: string | null;
  createdAt: string;
  expiresAt: string;
  /** Past its expiry: resend it for a new link. */
  expired: boolean;
}

/** The answer to creating or resending an invitation: the link to share when there is no mail. */
export interface InvitationLink {
  id: string;
  link: string;
  expiresAt: string;
  /** True when the link was also e-mailed (SMTP_URL set). */
  emailed: boolean;
}

/** GET /api/relationship-invitations: relationships other companies invite yours to. */
export interface IncomingRelationshipInvitation {
  relationshipId: string;
  name: string;
  ownerCompany: Party;
  invitedBy: string | null;
  expiresAt: string;
}

/** An objective of a company's catalog, as the server stores and answers it. */
export interface CatalogObjective {
  id: string;
  title: string;
  description: string;
  measure: Measure;
}

/** GET (and the answer to PUT) /api/companies/:companyId/account-plan-settings. */
export interface AccountPlanSettings {
  enabled: boolean;
  objectives: CatalogObjective[];
  principles: string[];
  behaviours: string[];
}

/** A catalog objective as PUT takes it: a new one has no id until the server gives it one. */
export type CatalogObjectiveInput = Omit<CatalogObjective, 'id'> & { id?: string };

/** The body of PUT /api/companies/:companyId/account-plan-settings. */
export type AccountPlanSettingsInput = Omit<AccountPlanSettings, 'objectives'> & {
  objectives: CatalogObjectiveInput[];
};

/** How a plan version came to be. */
export type VersionKind = 'auto' | 'named' | 'restore';

/** A party's signature on a named version (stored as is, and answered in an agreement). */
export interface Signature {
  versionId: string;
  companyId: string;
  companyName: string;
  userId: string;
  userName: string;
  at: string;
}

/** GET /api/relationships/:id/agreement, and the answer to signing a version. */
export interface Agreement {
  /** The agreed version, else the most recently signed one; null when nobody signed. */
  versionId: string | null;
  versionName: string | null;
  /** Signatures of the relationship's parties, in party order (owner first). */
  signatures: Signature[];
  agreed: boolean;
  changedSinceAgreement: boolean;
  /** Agreed sections that differ between `versionId` and the live plan. */
  changedSections: PlanSection[];
}

/** A person as a version names them (who asked for it, who changed the plan before it). */
export interface PersonName {
  id: string;
  name: string;
}

/** A plan version as the API shows it (the stored seq is not part of it). */
export interface Version {
  id: string;
  name: string | null;
  kind: VersionKind;
  at: string;
  by: PersonName | null;
  authors: PersonName[];
  restoredFrom: string | null;
  /** A restore of some sections only: which; null for a whole-plan restore and other kinds. */
  restoredSections: RestorableSection[] | null;
}

/** A plan as data, plus the plain text of each rich-text section. */
export interface VersionPlan extends PlanSnapshot {
  text: { vision: string; principles: string; behaviours: string };
}

/** GET /api/relationships/:id/versions/:versionId */
export interface VersionDetail {
  version: Version;
  plan: VersionPlan;
}

/** GET /api/relationships/:id/versions/:versionId/diff */
export interface VersionDiff {
  from: Version;
  to: Version | 'current';
  changedSections: PlanSection[];
  diff: PlanDiff;
}

/** GET /api/relationships/:id/plan: the live plan at `at`. */
export interface LivePlan {
  relationshipId: string;
  at: string;
  plan: VersionPlan;
}
